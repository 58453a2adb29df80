package dev.pmpulse.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * PR review latency of one team (or {@value #ALL_TEAMS} for every team together), as of an event
 * time. Key on the topic: the team.
 *
 * @param last7Days reviews whose first qualifying review landed in the 7 simulated UTC days ending
 *     with {@code day} (business seconds)
 * @param day the UTC day of {@code asOf}
 * @param today reviews whose first qualifying review landed on {@code day}
 * @param waitingOverTarget PRs of the team waiting for a first review longer than the target right
 *     now (by stream time)
 */
public record ReviewLatencyKpi(
    int v,
    String team,
    Instant asOf,
    LocalDate day,
    LatencyStats last7Days,
    LatencyStats today,
    long waitingOverTarget,
    double targetSeconds) {
  public static final int VERSION = 1;
  public static final String ALL_TEAMS = "all";
}
