package dev.pmpulse.events;

/**
 * Summary of a set of durations, all in seconds. Quantiles come from a mergeable sketch with 1%
 * relative error; count, mean and the within-target ratio are exact.
 *
 * @param withinTargetRatio share of the durations at or below the KPI target, 0..1 (0 when empty)
 */
public record LatencyStats(
    long count, double meanSeconds, double p50Seconds, double p90Seconds, double withinTargetRatio) {
  public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);
}
