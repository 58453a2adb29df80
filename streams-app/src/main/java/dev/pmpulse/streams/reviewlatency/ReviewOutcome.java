package dev.pmpulse.streams.reviewlatency;

import java.time.Instant;

/**
 * What the per-PR tracker tells the per-team aggregator. Keyed by team (and once more by {@code
 * all}), so that every team's numbers are summed in one place whichever partitions its PRs are on.
 */
public record ReviewOutcome(String pr, Kind kind, double businessSeconds, boolean wasOverdue, Instant at) {
  public enum Kind {
    /** The first qualifying review arrived; {@code businessSeconds} is the PR's review latency. */
    REVIEWED,
    /** The PR has now waited longer than the target without a qualifying review. */
    OVERDUE,
    /** The PR was merged, closed or forgotten while still waiting. */
    ABANDONED
  }
}
