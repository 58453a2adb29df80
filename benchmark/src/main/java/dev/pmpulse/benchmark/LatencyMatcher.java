package dev.pmpulse.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs each review sent with the KPI update it causes. Every review of a probe team adds one to
 * that team's 7-day review count, and the aggregator reports the team's KPI after each review, so
 * the first KPI record of team T with count c is the update caused by the c-th review of T. This
 * holds because the probe's reviews of one team are seconds apart (round-robin over many teams),
 * far more than the latency measured, so they are processed in the order sent; a count that
 * arrives with no matching send is counted as an anomaly, never guessed.
 */
final class LatencyMatcher {
  private record Sent(long nanos, boolean measured) {}

  private final Map<String, List<Sent>> sent = new HashMap<>();
  private final Set<String> matched = new HashSet<>();
  private final List<Long> latencies = new ArrayList<>();
  private int measuredSent;
  private int anomalies;

  /** A review of {@code team} handed to the producer at {@code nanos}; call before sending it. */
  synchronized void sent(String team, long nanos, boolean measured) {
    sent.computeIfAbsent(team, t -> new ArrayList<>()).add(new Sent(nanos, measured));
    if (measured) {
      measuredSent++;
    }
  }

  /** A KPI record of {@code team} with its 7-day review {@code count}, read at {@code nanos}. */
  synchronized void seen(String team, long count, long nanos) {
    List<Sent> reviews = sent.get(team);
    if (reviews == null || count < 1) {
      return; // not a probe team, or no review yet (an hourly report)
    }
    if (count > reviews.size()) {
        anomalies++;
      return;
    }
    if (!matched.add(team + "#" + count)) {
      return; // a later report of the same count (hourly punctuation)
    }
    Sent s = reviews.get((int) count - 1);
    if (s.measured()) {
      latencies.add(nanos - s.nanos());
    }
  }

  synchronized int measuredSent() {
    return measuredSent;
  }

  synchronized int measuredMatched() {
    return latencies.size();
  }

  synchronized int anomalies() {
    return anomalies;
  }

  /** Latencies in milliseconds, sorted. */
  synchronized double[] sortedMillis() {
    double[] ms = latencies.stream().mapToDouble(n -> n / 1e6).toArray();
    Arrays.sort(ms);
    return ms;
  }

  /** Nearest-rank percentile of sorted values; NaN when empty. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }
}
