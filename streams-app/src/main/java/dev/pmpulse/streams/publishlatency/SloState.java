package dev.pmpulse.streams.publishlatency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the evaluator remembers per cluster: the p99 of its latest closed minutes (oldest first,
 * the baseline's input) and which lines it is breaching now.
 */
record SloState(
    List<Double> recentP99Ms,
    List<byte[]> window,
    Instant lastMinute,
    boolean sloBreached,
    boolean bandBreached,
    boolean incidentBreached) {

  static final SloState EMPTY = new SloState(List.of(), List.of(), null, false, false, false);

  SloState {
    recentP99Ms = recentP99Ms == null ? List.of() : List.copyOf(recentP99Ms);
    window = window == null ? List.of() : List.copyOf(window);
  }

  /** Median of the remembered p99s (mean of the middle two for an even count); null when fewer than {@code min}. */
  Double baseline(int min) {
    if (recentP99Ms.size() < min) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(recentP99Ms);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  SloState next(
      Instant minute, double p99Ms, List<byte[]> window, int keep, boolean slo, boolean band, boolean incident) {
    List<Double> recent = new ArrayList<>(recentP99Ms);
    recent.add(p99Ms);
    while (recent.size() > keep) {
      recent.remove(0);
    }
    return new SloState(recent, window, minute, slo, band, incident);
  }
}
