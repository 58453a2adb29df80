package dev.pmpulse.streams.slo;

import java.time.Duration;

/** SLO settings the tests work out by hand. */
public final class SloTestSettings {
  /**
   * Every minute judged on its own samples (one sample is enough), against the median of the last
   * 60 minutes, from the 10th: SLO 50 ms, band +10%, incident +50%, grace 10 s.
   */
  public static final SloSettings PER_MINUTE = new SloSettings(Duration.ofSeconds(10), 50, 10, 50, 60, 10, 0.9999, 1);

  private SloTestSettings() {}
}
