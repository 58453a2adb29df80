package dev.pmpulse.streams.reviewlatency;

import java.time.Instant;

/**
 * What the per-PR tracker tells the per-team aggregator. Keyed by team (and once more by {@code
 * all}), so that every team's numbers are summed in one place whichever partitions its PRs are on.
 *
 * @param withinTarget for {@code REVIEWED} and {@code RETRACTED}: the latency met the PR's team's
 *     target in force when it was measured
 * @param at the review's time for {@code REVIEWED} and {@code RETRACTED}; else the event's
 */
public record ReviewOutcome(
    String pr, Kind kind, double businessSeconds, boolean withinTarget, boolean wasOverdue, Instant at) {
  public enum Kind {
    /** The first qualifying review arrived; {@code businessSeconds} is the PR's review latency. */
    REVIEWED,
    /**
     * The PR's earlier {@code REVIEWED} (these very figures) no longer holds: an earlier request or
     * an earlier review arrived late. A new {@code REVIEWED} follows at once.
     */
    RETRACTED,
    /** The PR has now waited longer than the target without a qualifying review. */
    OVERDUE,
    /** The PR was merged, closed or forgotten while still waiting. */
    ABANDONED
  }
}
