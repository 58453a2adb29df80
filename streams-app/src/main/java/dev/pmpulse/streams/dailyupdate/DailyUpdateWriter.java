package dev.pmpulse.streams.dailyupdate;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DailyUpdate.Outcome;
import dev.pmpulse.events.DailyUpdate.Status;
import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.SloViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes the day's update from the ledger: plain sentences, the same every time for the same ledger. */
final class DailyUpdateWriter {
  /** Resolution target of P0 and P1 when no escalation KPI has said it yet. */
  static final double ESCALATION_TARGET_HOURS = 48;
  /** Open P0s listed one by one; more are summed up in one line. */
  static final int MAX_LISTED = 10;

  private DailyUpdateWriter() {}

  static DailyUpdate write(DayLedger ledger, Instant asOf) {
    return new DailyUpdate(DailyUpdate.VERSION, ledger.day(), asOf, status(ledger), risks(ledger, asOf), decisions(ledger));
  }

  // --- status: each KPI against its target

  static List<Status> status(DayLedger l) {
    List<Status> lines = new ArrayList<>();
    lines.add(review(l.review()));
    lines.add(escalation("P0", l.escalations().get("P0")));
    lines.add(escalation("P1", l.escalations().get("P1")));
    lines.add(apiStability(currentQuarter(l.quarters())));
    lines.add(publishLatency(l.latency()));
    lines.add(delivery(l.delivery()));
    return lines;
  }

  private static Status review(ReviewLatencyKpi k) {
    String kpi = "PR review latency, mean (7 d, all teams)";
    double target = k == null ? 4 * 3600 : k.targetSeconds();
    String targetText = "under " + hours(target) + " business h";
    if (k == null || k.last7Days().count() == 0) {
      return new Status(kpi, "no reviews yet", targetText, Outcome.NO_DATA);
    }
    double mean = k.last7Days().meanSeconds();
    return new Status(
        kpi,
        hours(mean) + " business h over " + k.last7Days().count() + " reviews",
        targetText,
        mean < target ? Outcome.MET : Outcome.MISSED);
  }

  private static Status escalation(String severity, EscalationResolutionKpi k) {
    String kpi = severity + " escalation resolution, median this week";
    double target = k == null ? ESCALATION_TARGET_HOURS * 3600 : k.targetSeconds();
    String targetText = "under " + hours(target) + " h";
    if (k == null || k.thisWeek().count() == 0) {
      return new Status(kpi, "none resolved this week", targetText, Outcome.NO_DATA);
    }
    double median = k.thisWeek().p50Seconds();
    return new Status(
        kpi,
        hours(median) + " h over " + k.thisWeek().count() + " resolved",
        targetText,
        median < target ? Outcome.MET : Outcome.MISSED);
  }

  private static Status apiStability(ApiStabilityKpi k) {
    String targetText = String.valueOf(ApiStabilityKpi.TARGET_BREAKING);
    if (k == null) {
      return new Status("Breaking API changes this quarter", "no merged PR yet", targetText, Outcome.NO_DATA);
    }
    long breaking = k.total().breaking();
    return new Status(
        "Breaking API changes, " + k.quarter(),
        breaking + " (" + k.total().additive() + " additive, " + k.total().deprecation() + " deprecations)",
        String.valueOf(k.targetBreaking()),
        breaking <= k.targetBreaking() ? Outcome.MET : Outcome.MISSED);
  }

  private static Status publishLatency(Map<String, PublishLatencyKpi> byCluster) {
    String kpi = "P99 publish latency, worst cluster (latest minute)";
    Optional<PublishLatencyKpi> worst =
        byCluster.values().stream().max(Comparator.comparingDouble(k -> k.p99Ms() / k.sloMs()));
    if (worst.isEmpty()) {
      return new Status(kpi, "no samples yet", "SLO and tolerance band not crossed", Outcome.NO_DATA);
    }
    PublishLatencyKpi w = worst.get();
    boolean anyBreach = byCluster.values().stream().anyMatch(k -> k.sloBreached() || k.bandBreached());
    String band = w.bandMs() == null ? "" : ", band " + ms(w.bandMs());
    return new Status(
        kpi,
        ms(w.p99Ms()) + " on " + w.cluster(),
        "SLO " + ms(w.sloMs()) + band + ", no cluster over either",
        anyBreach ? Outcome.MISSED : Outcome.MET);
  }

  private static Status delivery(Map<String, DeliveryKpi> byCluster) {
    String kpi = "Delivery ratio, worst cluster (30 d)";
    Optional<DeliveryKpi> worst = byCluster.values().stream().min(Comparator.comparingDouble(DeliveryKpi::deliveryRatio));
    if (worst.isEmpty()) {
      return new Status(kpi, "no samples yet", "at least 99.990%", Outcome.NO_DATA);
    }
    DeliveryKpi w = worst.get();
    return new Status(
        kpi,
        percent(w.deliveryRatio()) + " on " + w.cluster() + ", error budget "
            + String.format(Locale.ROOT, "%.0f%%", w.errorBudgetRemaining() * 100) + " left",
        "at least " + percent(w.targetRatio()),
        w.deliveryRatio() >= w.targetRatio() ? Outcome.MET : Outcome.MISSED);
  }

  // --- risks: breaches in flight, pages, open P0s, PRs waiting

  static List<String> risks(DayLedger l, Instant asOf) {
    List<String> lines = new ArrayList<>();
    for (SloViolation v : l.violations().values()) {
      if (v.kind() == SloViolation.Kind.CROSSED) {
        lines.add(
            v.cluster() + ": p99 publish latency over the " + v.level().tag() + " line since "
                + minute(v.minute()) + " (" + ms(v.p99Ms()) + " against " + ms(v.thresholdMs()) + ")");
      }
    }
    for (DeliveryKpi d : l.delivery().values()) {
      if (d.pageFast()) {
        lines.add(d.cluster() + ": delivery error budget burning fast, paging (burn " + burn(d.burnRate1h())
            + " over 1 h and " + burn(d.burnRate5m()) + " over 5 m, page above 14.4x)");
      }
      if (d.pageSlow()) {
        lines.add(d.cluster() + ": delivery error budget burning, paging (burn " + burn(d.burnRate6h())
            + " over 6 h and " + burn(d.burnRate30m()) + " over 30 m, page above 6x)");
      }
    }
    List<OpenEscalation> p0s =
        l.open().values().stream()
            .filter(e -> e.severity() == dev.pmpulse.events.EscalationEvent.Severity.P0)
            .sorted(Comparator.comparing(OpenEscalation::openedAt).thenComparing(OpenEscalation::id))
            .toList();
    for (OpenEscalation e : p0s.subList(0, Math.min(MAX_LISTED, p0s.size()))) {
      lines.add("Open P0 " + e.id() + " (" + e.customer() + ", " + e.productArea() + "), open "
          + wholeHours(Duration.between(e.openedAt(), asOf)) + " h");
    }
    if (p0s.size() > MAX_LISTED) {
      lines.add("... and " + (p0s.size() - MAX_LISTED) + " more open P0s");
    }
    ReviewLatencyKpi r = l.review();
    if (r != null && r.waitingOverTarget() > 0) {
      lines.add(r.waitingOverTarget() + (r.waitingOverTarget() == 1 ? " PR" : " PRs")
          + " waiting for a first review longer than " + hours(r.targetSeconds()) + " business h");
    }
    return lines;
  }

  // --- decisions: rollout aborts, breaking changes merged today

  static List<String> decisions(DayLedger l) {
    List<String> lines = new ArrayList<>();
    for (RolloutDecision d : l.rolloutAborts()) {
      lines.add("Aborted the rollout of " + d.flag() + " at " + d.stagePercent() + "% on " + d.cluster() + ": " + d.reason());
    }
    for (ApiStabilityKpi now : l.quarters().values()) {
      ApiStabilityKpi before = l.quartersAtDayStart().get(now.quarter());
      long today = now.total().breaking() - (before == null ? 0 : before.total().breaking());
      if (today <= 0) {
        continue;
      }
      List<String> surfaces = new ArrayList<>();
      now.surfaces().forEach((surface, counts) -> {
        long earlier = before == null || before.surfaces().get(surface) == null ? 0 : before.surfaces().get(surface).breaking();
        if (counts.breaking() > earlier) {
          surfaces.add(surface + " " + (counts.breaking() - earlier));
        }
      });
      lines.add("Merged " + today + (today == 1 ? " breaking API change" : " breaking API changes")
          + (surfaces.isEmpty() ? "" : " (" + String.join(", ", surfaces) + ")")
          + "; " + now.quarter() + " now has " + now.total().breaking() + " against a target of " + now.targetBreaking());
    }
    return lines;
  }

  private static ApiStabilityKpi currentQuarter(Map<String, ApiStabilityKpi> quarters) {
    return quarters.values().stream().max(Comparator.comparing(ApiStabilityKpi::quarterStart)).orElse(null);
  }

  static String hours(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds / 3600);
  }

  private static long wholeHours(Duration d) {
    return Math.max(0, d.toHours());
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.1f ms", value);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.3f%%", ratio * 100);
  }

  private static String burn(double rate) {
    return String.format(Locale.ROOT, "%.1fx", rate);
  }

  private static String minute(Instant at) {
    return at.toString().substring(0, 16).replace('T', ' ') + " UTC";
  }
}
