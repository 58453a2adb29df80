package dev.pmpulse.streams.stats;

import dev.pmpulse.events.LatencyStats;

/**
 * Count, sum, how many met the target, and a quantile sketch of a set of durations in seconds:
 * everything needed to report mean, p50, p90 and the within-target share, and to merge buckets
 * (days into weeks) without keeping the values. Stored in state stores as JSON.
 */
public record DurationStats(long count, double sumSeconds, long withinTarget, byte[] sketch) {
  public static final DurationStats EMPTY = new DurationStats(0, 0, 0, new byte[0]);

  public DurationStats add(double seconds, double targetSeconds) {
    return add(seconds, seconds <= targetSeconds);
  }

  /** With one more duration, judged against its target by the caller. */
  public DurationStats add(double seconds, boolean metTarget) {
    byte[] updated = DurationSketch.fromBytes(sketch).add(seconds).toBytes();
    return new DurationStats(count + 1, sumSeconds + seconds, withinTarget + (metTarget ? 1 : 0), updated);
  }

  /** All of {@code parts} merged, each sketch read once. */
  public static DurationStats sum(Iterable<DurationStats> parts) {
    DurationStats first = null;
    DurationSketch merged = null;
    long count = 0;
    double sumSeconds = 0;
    long withinTarget = 0;
    for (DurationStats part : parts) {
      if (part.count == 0) {
        continue;
      }
      count += part.count;
      sumSeconds += part.sumSeconds;
      withinTarget += part.withinTarget;
      if (first == null) {
        first = part;
      } else {
        merged = merged == null ? DurationSketch.fromBytes(first.sketch) : merged;
        merged.merge(DurationSketch.fromBytes(part.sketch));
      }
    }
    if (first == null) {
      return EMPTY;
    }
    return merged == null ? first : new DurationStats(count, sumSeconds, withinTarget, merged.toBytes());
  }

  public LatencyStats summary() {
    if (count == 0) {
      return LatencyStats.EMPTY;
    }
    DurationSketch s = DurationSketch.fromBytes(sketch);
    return new LatencyStats(
        count, sumSeconds / count, s.quantile(0.5), s.quantile(0.9), (double) withinTarget / count);
  }
}
