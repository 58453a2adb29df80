package dev.pmpulse.streams.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A histogram must give exactly the sketch that adding the same values to a sketch gives. */
class DurationHistogramTest {
  private static final double[] QUANTILES = {0, 0.01, 0.5, 0.9, 0.99, 0.999, 1};

  @Test
  void sameBinsAsTheSketchForTheSameValues() {
    double[] values = values(new Random(7), 5_000);
    DurationSketch sketch = DurationSketch.empty();
    DurationHistogram histogram = DurationHistogram.empty();
    for (double v : values) {
      sketch.add(v);
      histogram.add(v);
    }
    assertSameSketch(histogram.toSketch(), sketch);
    assertThat(histogram.count()).isEqualTo(values.length);
  }

  @Test
  void zeroAndTinyValuesGoToTheZeroBinAsInTheSketch() {
    double[] values = {0, Double.MIN_VALUE, 1e-300, 1e-12, 0.0005, 0.001, 3600};
    DurationSketch sketch = DurationSketch.empty();
    DurationHistogram histogram = DurationHistogram.empty();
    for (double v : values) {
      sketch.add(v);
      histogram.add(v);
    }
    assertSameSketch(histogram.toSketch(), sketch);
  }

  @Test
  void bytesRestoreTheSameStateAndAddingContinuesFromIt() {
    double[] values = values(new Random(11), 3_000);
    DurationSketch sketch = DurationSketch.empty();
    DurationHistogram histogram = DurationHistogram.empty();
    for (int i = 0; i < values.length; i++) {
      sketch.add(values[i]);
      histogram.add(values[i]);
      if (i % 97 == 0) {
        byte[] bytes = histogram.toBytes();
        histogram = DurationHistogram.fromBytes(bytes);
        assertThat(histogram.toBytes()).isEqualTo(bytes);
        assertThat(histogram.count()).isEqualTo(i + 1);
      }
    }
    assertSameSketch(DurationHistogram.fromBytes(histogram.toBytes()).toSketch(), sketch);
  }

  @Test
  void rangeGrowsDownwardsAndUpwards() {
    DurationHistogram histogram = DurationHistogram.empty();
    DurationSketch sketch = DurationSketch.empty();
    // Far apart on both sides of the first value, so the bin range grows beyond its slack each way.
    for (double v : new double[] {1, 0.001, 1000, 0.0001, 3000, 1}) {
      histogram.add(v);
      sketch.add(v);
    }
    assertSameSketch(histogram.toSketch(), sketch);
    assertSameSketch(DurationHistogram.fromBytes(histogram.toBytes()).toSketch(), sketch);
  }

  @Test
  void theStateBeforeTheFirstValueIsEmpty() {
    DurationHistogram empty = DurationHistogram.fromBytes(DurationHistogram.empty().toBytes());
    assertThat(empty.count()).isZero();
    assertThat(empty.toSketch().count()).isZero();
    assertThat(empty.add(0.25).toSketch().quantile(0.5)).isEqualTo(DurationSketch.empty().add(0.25).quantile(0.5));
  }

  @Test
  void readsTheSketchBytesAStoreHeldBeforeThisFormat() {
    double[] values = values(new Random(3), 1_000);
    DurationSketch sketch = DurationSketch.empty();
    for (double v : values) {
      sketch.add(v);
    }
    DurationHistogram restored = DurationHistogram.fromBytes(sketch.toBytes());
    assertSameSketch(restored.toSketch(), sketch);
    restored.add(0.5);
    sketch.add(0.5);
    assertSameSketch(restored.toSketch(), sketch);
  }

  @Test
  void refusesWhatItCannotHold() {
    assertThatThrownBy(() -> DurationHistogram.empty().add(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationHistogram.empty().add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    byte[] truncated = Arrays.copyOf(DurationHistogram.empty().add(1).add(2).toBytes(), 20);
    assertThatThrownBy(() -> DurationHistogram.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Latency-like values in seconds: mostly a few ms to a second, a long tail, some zeros. */
  private static double[] values(Random random, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = i % 250 == 0 ? 0 : Math.exp(random.nextGaussian() * 1.5 - 4);
    }
    return out;
  }

  private static void assertSameSketch(DurationSketch actual, DurationSketch expected) {
    assertThat(actual.count()).isEqualTo(expected.count());
    for (double q : QUANTILES) {
      assertThat(actual.quantile(q)).as("quantile %s", q).isEqualTo(expected.quantile(q));
    }
    assertThat(actual.toBytes()).isEqualTo(expected.toBytes());
  }
}
