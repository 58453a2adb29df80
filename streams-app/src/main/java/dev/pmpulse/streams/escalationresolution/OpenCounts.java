package dev.pmpulse.streams.escalationresolution;

/**
 * Escalations of one severity open right now, and how many of them are past the target; or, kept
 * per day, how much a day changed them.
 */
public record OpenCounts(long open, long overTarget) {
  static final OpenCounts NONE = new OpenCounts(0, 0);

  OpenCounts opened() {
    return new OpenCounts(open + 1, overTarget);
  }

  OpenCounts overdue() {
    return new OpenCounts(open, overTarget + 1);
  }

  OpenCounts resolved(boolean wasOverdue) {
    // Never below zero, whatever order the changes of different partitions arrive in.
    return new OpenCounts(Math.max(0, open - 1), Math.max(0, overTarget - (wasOverdue ? 1 : 0)));
  }

  /** Also a change of the counts (a day's), which can be negative. */
  OpenCounts plus(OpenCounts other) {
    return new OpenCounts(open + other.open, overTarget + other.overTarget);
  }

  OpenCounts minus(OpenCounts other) {
    return new OpenCounts(open - other.open, overTarget - other.overTarget);
  }

  OpenCounts atLeastNone() {
    return new OpenCounts(Math.max(0, open), Math.max(0, overTarget));
  }
}
