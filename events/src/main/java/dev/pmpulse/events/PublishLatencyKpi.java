package dev.pmpulse.events;

import java.time.Instant;

/**
 * P99 publish latency of one cluster over one event-time minute, emitted once when the minute
 * closes, with the three lines it is judged against. Key on the topic: the cluster.
 *
 * @param minute start of the minute (UTC, inclusive)
 * @param count samples in the minute
 * @param p99Ms from a sketch with 1% relative error: the minute's own p99 when it holds at least
 *     the configured minimum of samples (1000), else that of the minute merged with the minutes
 *     before it until they do (at most the baseline's 60 minutes)
 * @param baselineMs median p99 of the preceding closed minutes; null while too few are known
 * @param bandMs baseline plus the tolerance band; null without a baseline
 * @param incidentMs baseline plus the incident margin; null without a baseline
 */
public record PublishLatencyKpi(
    int v,
    String cluster,
    Instant minute,
    long count,
    double p99Ms,
    Double baselineMs,
    double sloMs,
    Double bandMs,
    Double incidentMs,
    boolean sloBreached,
    boolean bandBreached,
    boolean incidentBreached) {
  public static final int VERSION = 1;
}
