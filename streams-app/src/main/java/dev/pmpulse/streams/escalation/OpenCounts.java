package dev.pmpulse.streams.escalation;

/** Escalations of one severity open right now, and how many of them are past the target. */
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
}
