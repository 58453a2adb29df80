package dev.pmpulse.streams.escalationresolution;

import java.time.Instant;

/**
 * What the per-escalation tracker tells the per-severity aggregator. Keyed by severity, so that
 * every severity's figures are summed in one place whichever partitions its escalations are on.
 */
public record EscalationChange(String id, Kind kind, double resolutionSeconds, boolean wasOverdue, Instant at)
    implements TrackerOutput {
  public enum Kind {
    /** The escalation was opened or reopened. */
    OPENED,
    /** The escalation has now been open longer than the target. */
    OVERDUE,
    /** The escalation was resolved; {@code resolutionSeconds} is the length of its open period. */
    RESOLVED
  }
}
