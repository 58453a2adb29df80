package dev.pmpulse.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * API stability of one calendar quarter: API changes merged in it, per API surface and in total.
 * Key on the topic: the quarter label. A newer record for the same quarter replaces the older one
 * (the topic is compacted, so it keeps the latest figures of every quarter).
 *
 * @param quarter the quarter label, for example {@code 2026-Q4}
 * @param zone the time zone the calendar quarters are aligned to, for example {@code UTC}
 * @param quarterStart first instant of the quarter (inclusive)
 * @param quarterEnd first instant of the next quarter (exclusive)
 * @param asOf stream time when these figures were reported
 * @param mergedPrs merged PRs counted in the quarter, each once, whether or not they change an API
 * @param surfaces per API surface: merged PRs with a breaking, additive and deprecating change to it
 * @param total the sums over all surfaces
 * @param targetBreaking the target for {@code total.breaking}: {@value #TARGET_BREAKING}
 */
public record ApiStabilityKpi(
    int v,
    String quarter,
    String zone,
    Instant quarterStart,
    Instant quarterEnd,
    Instant asOf,
    long mergedPrs,
    Map<String, Counts> surfaces,
    Counts total,
    long targetBreaking) {
  public static final int VERSION = 1;
  public static final long TARGET_BREAKING = 0;

  public ApiStabilityKpi {
    surfaces = surfaces == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(surfaces));
  }

  /** Changes of each counted kind ({@code none} is not counted). */
  public record Counts(long breaking, long additive, long deprecation) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    public Counts plus(ApiChange.Kind kind) {
      return switch (kind) {
        case BREAKING -> new Counts(breaking + 1, additive, deprecation);
        case ADDITIVE -> new Counts(breaking, additive + 1, deprecation);
        case DEPRECATION -> new Counts(breaking, additive, deprecation + 1);
        case NONE -> this;
      };
    }

    public Counts plus(Counts other) {
      return new Counts(breaking + other.breaking, additive + other.additive, deprecation + other.deprecation);
    }
  }
}
