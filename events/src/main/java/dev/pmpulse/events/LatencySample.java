package dev.pmpulse.events;

import java.time.Instant;

/**
 * One publish-latency measurement of a cluster (the time from a produce request to its
 * acknowledgement). Key on the topic: {@link #cluster()}, so all samples of a cluster land on one
 * partition and its per-minute p99 is computed in one place. The high-volume input of PM Pulse.
 *
 * @param v contract version, {@value #VERSION} for this shape
 * @param region and {@code operation}: descriptive, not used by the KPIs
 * @param latencyMs milliseconds, 0 to one hour
 * @param at when the request was acknowledged (event time)
 */
public record LatencySample(
    int v, String cluster, String region, String operation, double latencyMs, Instant at) {
  public static final int VERSION = 1;
}
