package dev.pmpulse.streams.report;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.SloViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest value of every KPI, and what happened on the current UTC day: what the daily update
 * is written from. Kept in one store entry; maps are sorted so the update lists things in a stable
 * order.
 *
 * @param day the UTC day being collected
 * @param streamTime the highest event time seen
 * @param review the overall ({@code all}) review latency
 * @param escalations per severity
 * @param quarters API stability per quarter label
 * @param quartersAtDayStart the same, as they were when {@code day} began: today's breaking changes
 *     are the difference
 * @param latency per cluster, its latest minute
 * @param delivery per cluster
 * @param violations per {@code cluster/level}, the latest crossing or recovery
 * @param open the open escalations, per id
 * @param rolloutAborts the rollout stages aborted today, in the order decided
 */
public record DayLedger(
    LocalDate day,
    Instant streamTime,
    ReviewLatencyKpi review,
    Map<String, EscalationKpi> escalations,
    Map<String, ApiStabilityKpi> quarters,
    Map<String, ApiStabilityKpi> quartersAtDayStart,
    Map<String, PublishLatencyKpi> latency,
    Map<String, DeliveryKpi> delivery,
    Map<String, SloViolation> violations,
    Map<String, OpenEscalation> open,
    List<RolloutDecision> rolloutAborts) {

  public DayLedger {
    escalations = sorted(escalations);
    quarters = sorted(quarters);
    quartersAtDayStart = sorted(quartersAtDayStart);
    latency = sorted(latency);
    delivery = sorted(delivery);
    violations = sorted(violations);
    open = sorted(open);
    rolloutAborts = rolloutAborts == null ? new ArrayList<>() : new ArrayList<>(rolloutAborts);
  }

  static DayLedger startingOn(LocalDate day, Instant streamTime) {
    return new DayLedger(day, streamTime, null, null, null, null, null, null, null, null, null);
  }

  /** Carries the latest values over to {@code next}; the day's own records start afresh. */
  DayLedger nextDay(LocalDate next) {
    return new DayLedger(
        next, streamTime, review, escalations, quarters, quarters, latency, delivery, violations, open, List.of());
  }

  DayLedger at(Instant time) {
    Instant later = streamTime == null || time.isAfter(streamTime) ? time : streamTime;
    return new DayLedger(
        day, later, review, escalations, quarters, quartersAtDayStart, latency, delivery, violations, open, rolloutAborts);
  }

  DayLedger with(ReportInput in) {
    DayLedger next = at(streamTime);
    if (in.review() != null) {
      next = next.withReview(in.review());
    }
    if (in.escalation() != null) {
      next.escalations.put(in.escalation().severity().name(), in.escalation());
    }
    if (in.apiStability() != null) {
      next.quarters.put(in.apiStability().quarter(), in.apiStability());
    }
    if (in.publishLatency() != null) {
      PublishLatencyKpi previous = next.latency.get(in.publishLatency().cluster());
      if (previous == null || !in.publishLatency().minute().isBefore(previous.minute())) {
        next.latency.put(in.publishLatency().cluster(), in.publishLatency());
      }
    }
    if (in.delivery() != null) {
      next.delivery.put(in.delivery().cluster(), in.delivery());
    }
    if (in.violation() != null) {
      SloViolation v = in.violation();
      next.violations.put(v.cluster() + "/" + v.level().tag(), v);
    }
    if (in.rolloutAbort() != null) {
      next.rolloutAborts.add(in.rolloutAbort());
    }
    if (in.openEscalation() != null) {
      next.open.put(in.key(), in.openEscalation());
    } else if (in.escalationClosed()) {
      next.open.remove(in.key());
    }
    return next;
  }

  private DayLedger withReview(ReviewLatencyKpi kpi) {
    if (!ReviewLatencyKpi.ALL_TEAMS.equals(kpi.team())) {
      return this;
    }
    return new DayLedger(
        day, streamTime, kpi, escalations, quarters, quartersAtDayStart, latency, delivery, violations, open, rolloutAborts);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? new TreeMap<>() : new TreeMap<>(map);
  }
}
