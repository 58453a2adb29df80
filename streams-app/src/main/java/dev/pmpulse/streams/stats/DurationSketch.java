package dev.pmpulse.streams.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A mergeable quantile sketch of non-negative durations (DDSketch): any quantile it reports is
 * within {@value #RELATIVE_ACCURACY} relative error of the true value, whatever the number of
 * values, in a few hundred bytes. Used wherever a KPI reports a median or a percentile, so that
 * state stores hold sketches, not lists of values, and per-day sketches merge into weeks.
 */
public final class DurationSketch {
  public static final double RELATIVE_ACCURACY = 0.01;

  private final DDSketch sketch;

  private DurationSketch(DDSketch sketch) {
    this.sketch = sketch;
  }

  public static DurationSketch empty() {
    return new DurationSketch(DDSketches.unboundedDense(RELATIVE_ACCURACY));
  }

  static DurationSketch of(DDSketch sketch) {
    return new DurationSketch(sketch);
  }

  DDSketch ddSketch() {
    return sketch;
  }

  IndexMapping mapping() {
    return sketch.getIndexMapping();
  }

  public static DurationSketch fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return empty();
    }
    try {
      return new DurationSketch(
          DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt sketch", e);
    }
  }

  public byte[] toBytes() {
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      sketch.encode(out, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.trimmedCopy();
  }

  public DurationSketch add(double seconds) {
    sketch.accept(seconds);
    return this;
  }

  public DurationSketch merge(DurationSketch other) {
    sketch.mergeWith(other.sketch);
    return this;
  }

  public long count() {
    return Math.round(sketch.getCount());
  }

  /** The value at quantile {@code q} (0..1), or 0 when the sketch is empty. */
  public double quantile(double q) {
    return sketch.isEmpty() ? 0 : sketch.getValueAtQuantile(q);
  }
}
