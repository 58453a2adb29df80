package dev.pmpulse.benchmark.jmh;

import dev.pmpulse.streams.stats.DurationSketch;
import dev.pmpulse.streams.stats.DurationStats;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sketches on the hot paths: adding one latency (seconds) to a sketch that already holds a
 * minute's worth of samples, serializing it (what the SLO minute aggregator stores per sample),
 * decoding it, and {@link DurationStats#add} (decode + add + encode, per review).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SketchBench {
  private static final int N = 1024;
  private final double[] values = new double[N];
  private DurationSketch sketch;
  private byte[] bytes;
  private DurationStats stats;
  private int i;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(11);
    for (int k = 0; k < N; k++) {
      values[k] = Math.exp(Math.log(0.008) + 0.5 * random.nextGaussian());
    }
    sketch = DurationSketch.empty();
    stats = DurationStats.EMPTY;
    for (int k = 0; k < 2000; k++) {
      sketch.add(values[k & (N - 1)]);
      stats = stats.add(values[k & (N - 1)] * 3600, 4 * 3600);
    }
    bytes = sketch.toBytes();
  }

  @Benchmark
  public DurationSketch add() {
    return sketch.add(values[i++ & (N - 1)]);
  }

  @Benchmark
  public byte[] toBytes() {
    return sketch.toBytes();
  }

  @Benchmark
  public byte[] addThenToBytes() {
    return sketch.add(values[i++ & (N - 1)]).toBytes();
  }

  @Benchmark
  public DurationSketch fromBytes() {
    return DurationSketch.fromBytes(bytes);
  }

  @Benchmark
  public DurationStats statsAdd() {
    return stats.add(values[i++ & (N - 1)] * 3600, 4 * 3600);
  }
}
