package dev.pmpulse.streams.slo;

import java.time.Duration;

/**
 * The lines publish latency and delivery are judged against. Defaults in {@link #DEFAULTS}; see
 * README-section.md for why these values.
 *
 * @param grace how long after a minute ends its late samples are still counted
 * @param sloMs the absolute p99 SLO
 * @param bandPercent tolerance band above the baseline, in percent
 * @param incidentPercent incident threshold above the baseline, in percent
 * @param baselineMinutes the baseline is the median p99 of this many preceding closed minutes (six
 *     hours by default: a regression stays visible for hours before it becomes the new normal)
 * @param minBaselineMinutes no band or incident judgement until this many minutes are known
 * @param deliveryTarget the delivery guarantee, e.g. 0.9999
 * @param minSamples a minute with fewer samples is judged together with the minutes before it,
 *     newest first, until the window holds this many samples (at most 60 minutes):
 *     a p99 of 16 samples is noise, and the demo's simulated clock packs few samples in a minute
 */
public record SloSettings(
    Duration grace,
    double sloMs,
    double bandPercent,
    double incidentPercent,
    int baselineMinutes,
    int minBaselineMinutes,
    double deliveryTarget,
    int minSamples) {

  public static final SloSettings DEFAULTS =
      new SloSettings(Duration.ofSeconds(10), 50, 20, 50, 360, 10, 0.9999, 1000);

  /** The same settings, judging a minute alone only when it holds {@code samples}. */
  public SloSettings withMinSamples(int samples) {
    return new SloSettings(
        grace, sloMs, bandPercent, incidentPercent, baselineMinutes, minBaselineMinutes, deliveryTarget, samples);
  }

  public SloSettings {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative");
    }
    if (!(sloMs > 0) || !(bandPercent >= 0) || !(incidentPercent >= bandPercent)) {
      throw new IllegalArgumentException("need sloMs > 0 and 0 <= bandPercent <= incidentPercent");
    }
    if (minBaselineMinutes < 1 || baselineMinutes < minBaselineMinutes) {
      throw new IllegalArgumentException("need 1 <= minBaselineMinutes <= baselineMinutes");
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be at least 1");
    }
    if (!(deliveryTarget > 0 && deliveryTarget < 1)) {
      throw new IllegalArgumentException("deliveryTarget must be in (0, 1)");
    }
  }

  /** The error budget as a ratio of events, {@code 1 - deliveryTarget}. */
  public double errorBudget() {
    return 1 - deliveryTarget;
  }
}
