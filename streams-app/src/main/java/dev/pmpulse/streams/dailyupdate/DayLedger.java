package dev.pmpulse.streams.dailyupdate;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.SloViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest value of every KPI as of the end of one UTC day, and what happened on that day: what
 * the day's update is written from. Maps are sorted so the update lists things in a stable order.
 *
 * <p>"Latest" is by event time, not by arrival: {@code updatedAt} holds the event time of every
 * value, and a value older than the one held is not taken ({@link #with}). So the same inputs give
 * the same ledger in whatever order they arrive, and a late input can correct a day already
 * written.
 *
 * @param day the UTC day
 * @param review the overall ({@code all}) review latency
 * @param escalations per severity
 * @param quarters API stability per quarter label
 * @param quartersAtDayStart the same, as they were when {@code day} began: the day's breaking
 *     changes are the difference
 * @param latency per cluster, its latest minute
 * @param delivery per cluster
 * @param violations per {@code cluster/level}, the latest crossing or recovery
 * @param open the open escalations, per id
 * @param rolloutAborts the rollout stages aborted on the day, by decision time
 * @param updatedAt per {@link ReportInput#ledgerKey()}, the event time of the value held (for an
 *     escalation resolved, of its resolution); per {@code day-start/quarter/...}, of the value in
 *     {@code quartersAtDayStart}
 */
public record DayLedger(
    LocalDate day,
    ReviewLatencyKpi review,
    Map<String, EscalationResolutionKpi> escalations,
    Map<String, ApiStabilityKpi> quarters,
    Map<String, ApiStabilityKpi> quartersAtDayStart,
    Map<String, PublishLatencyKpi> latency,
    Map<String, DeliveryKpi> delivery,
    Map<String, SloViolation> violations,
    Map<String, OpenEscalation> open,
    List<RolloutDecision> rolloutAborts,
    Map<String, Instant> updatedAt) {

  private static final Comparator<RolloutDecision> BY_DECISION_TIME =
      Comparator.comparing(RolloutDecision::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(RolloutDecision::flag, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingInt(RolloutDecision::stagePercent);

  private static final String QUARTER = "quarter/";
  private static final String ABORT = "abort/";
  private static final String OPEN = "open/";
  /** Prefix of the {@code updatedAt} entries of {@code quartersAtDayStart}. */
  private static final String AT_DAY_START = "day-start/";

  public DayLedger {
    escalations = sorted(escalations);
    quarters = sorted(quarters);
    quartersAtDayStart = sorted(quartersAtDayStart);
    latency = sorted(latency);
    delivery = sorted(delivery);
    violations = sorted(violations);
    open = sorted(open);
    rolloutAborts = rolloutAborts == null ? new ArrayList<>() : new ArrayList<>(rolloutAborts);
    rolloutAborts.sort(BY_DECISION_TIME);
    updatedAt = sorted(updatedAt);
  }

  static DayLedger empty(LocalDate day) {
    return new DayLedger(day, null, null, null, null, null, null, null, null, null, null);
  }

  /** Carries the latest values over to {@code next}; the day's own records start afresh. */
  DayLedger nextDay(LocalDate next) {
    Map<String, Instant> times = new TreeMap<>();
    updatedAt.forEach((key, time) -> {
      if (key.startsWith(ABORT) || (key.startsWith(OPEN) && !open.containsKey(key.substring(OPEN.length())))) {
        // Not carried: aborts are listed on their own day only, and a resolved escalation's key
        // sees no later value (its partition keeps its order); so the ledger does not grow.
        return;
      }
      times.put(key, time);
      if (key.startsWith(QUARTER)) {
        times.put(AT_DAY_START + key, time);
      }
    });
    return new DayLedger(
        next, review, escalations, quarters, quarters, latency, delivery, violations, open, List.of(), times);
  }

  /**
   * This ledger with one input of event time {@code time} taken in, unless it holds a later value
   * of the same {@link ReportInput#ledgerKey() key}.
   *
   * @param onThisDay whether the input happened on this ledger's day; if not (a late input that
   *     corrects a later day's carried values) it is no news of the day: an aborted stage is not
   *     listed, and a quarter's change counts as made before the day began
   */
  DayLedger with(ReportInput in, Instant time, boolean onThisDay) {
    String key = in.ledgerKey();
    DayLedger next =
        new DayLedger(
            day, review, escalations, quarters, quartersAtDayStart, latency, delivery, violations, open, rolloutAborts,
            updatedAt);
    boolean changed = false;
    if (in.apiStability() != null && !onThisDay && !isBefore(time, updatedAt.get(AT_DAY_START + key))) {
      // A change made before this day began: part of the day's start, whatever the day's own latest.
      next.quartersAtDayStart.put(in.apiStability().quarter(), in.apiStability());
      next.updatedAt.put(AT_DAY_START + key, time);
      changed = true;
    }
    if (isBefore(time, updatedAt.get(key)) || (in.rolloutAbort() != null && updatedAt.containsKey(key))) {
      return changed ? next : this; // an older value, or a stage already listed
    }
    next.updatedAt.put(key, time);
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
      next.latency.put(in.publishLatency().cluster(), in.publishLatency());
    }
    if (in.delivery() != null) {
      next.delivery.put(in.delivery().cluster(), in.delivery());
    }
    if (in.violation() != null) {
      SloViolation v = in.violation();
      next.violations.put(v.cluster() + "/" + v.level().tag(), v);
    }
    if (in.rolloutAbort() != null && onThisDay) {
      next.rolloutAborts.add(in.rolloutAbort());
      next.rolloutAborts.sort(BY_DECISION_TIME);
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
        day, kpi, escalations, quarters, quartersAtDayStart, latency, delivery, violations, open, rolloutAborts, updatedAt);
  }

  private static boolean isBefore(Instant time, Instant held) {
    return held != null && time.isBefore(held);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? new TreeMap<>() : new TreeMap<>(map);
  }
}
