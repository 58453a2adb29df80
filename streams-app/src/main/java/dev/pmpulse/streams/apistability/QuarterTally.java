package dev.pmpulse.streams.apistability;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.ApiStabilityKpi.Counts;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What one quarter has counted so far (the value of the per-quarter store). */
record QuarterTally(long mergedPrs, Map<String, Counts> surfaces) {
  static final QuarterTally EMPTY = new QuarterTally(0, Map.of());

  QuarterTally {
    surfaces = surfaces == null ? Map.of() : Map.copyOf(surfaces);
  }

  /**
   * Adds one merged PR. A PR adds at most one to each (surface, kind): it either breaks a surface
   * or it does not, however many entries say so. {@code none} adds nothing.
   */
  QuarterTally addMergedPr(List<ApiChange> changes) {
    Map<String, Counts> next = new TreeMap<>(surfaces);
    Set<String> seen = new HashSet<>();
    for (ApiChange change : changes) {
      String surface = change.surface().strip();
      if (change.kind() != ApiChange.Kind.NONE && seen.add(surface + "|" + change.kind())) {
        next.merge(surface, Counts.ZERO.plus(change.kind()), Counts::plus);
      }
    }
    return new QuarterTally(mergedPrs + 1, next);
  }

  QuarterTally plus(QuarterTally other) {
    Map<String, Counts> next = new TreeMap<>(surfaces);
    other.surfaces.forEach((surface, counts) -> next.merge(surface, counts, Counts::plus));
    return new QuarterTally(mergedPrs + other.mergedPrs, next);
  }

  Counts total() {
    return surfaces.values().stream().reduce(Counts.ZERO, Counts::plus);
  }
}
