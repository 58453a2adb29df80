package dev.pmpulse.events;

import dev.pmpulse.events.EscalationEvent.Severity;
import java.time.Instant;

/**
 * Escalation resolution time of one severity, as of an event time. Key on the topic: the severity
 * ({@code P0}..{@code P3}). Durations are calendar seconds from the (re)opening to the resolution;
 * periods are UTC and hold the resolutions that happened in them.
 *
 * @param targeted whether the resolution target (median below {@code targetSeconds}) applies to
 *     this severity: only P0 and P1; P2 and P3 are reported for information
 * @param week ISO week of {@code asOf}, like {@code 2026-W53}
 * @param thisWeek resolutions in {@code week} so far
 * @param lastWeek resolutions in the ISO week before {@code week} (may still grow within the grace
 *     period for late data)
 * @param quarter calendar quarter of {@code asOf}, like {@code 2027-Q1}
 * @param thisQuarter resolutions in {@code quarter} so far
 * @param open escalations of this severity open right now
 * @param openOverTarget of those, the ones open longer than {@code targetSeconds} (by stream time)
 */
public record EscalationResolutionKpi(
    int v,
    Severity severity,
    Instant asOf,
    boolean targeted,
    String week,
    LatencyStats thisWeek,
    LatencyStats lastWeek,
    String quarter,
    LatencyStats thisQuarter,
    long open,
    long openOverTarget,
    double targetSeconds) {
  public static final int VERSION = 1;
}
