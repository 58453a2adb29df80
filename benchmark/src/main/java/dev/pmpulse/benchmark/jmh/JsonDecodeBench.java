package dev.pmpulse.benchmark.jmh;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
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

/** JSON decode of one input record with the topic registry's serde (Jackson, events/Json). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JsonDecodeBench {
  private byte[] latencyBytes;
  private byte[] prBytes;
  private Deserializer<LatencySample> latency;
  private Deserializer<PrEvent> pr;

  @Setup
  public void setUp() {
    LatencySample s = new LatencySample(LatencySample.VERSION, "prod-eu-west-1", "region-1", "produce", 7.93,
        Instant.parse("2026-11-23T14:03:12.345Z"));
    PrEvent e = new PrEvent(PrEvent.VERSION, "bench-123456", PrEvent.Type.MERGED, "acme/streams", 4711, "streams",
        "streams-dev-3", "streams-reviewer-5", List.of(), List.of("kip-1234"), null,
        List.of(new ApiChange("admin-api", ApiChange.Kind.ADDITIVE)), Instant.parse("2026-11-23T15:40:00Z"));
    latencyBytes = Topics.LATENCY_SAMPLES.valueSerde().serializer().serialize("t", s);
    prBytes = Topics.PR_EVENTS.valueSerde().serializer().serialize("t", e);
    latency = Topics.LATENCY_SAMPLES.valueSerde().deserializer();
    pr = Topics.PR_EVENTS.valueSerde().deserializer();
  }

  @Benchmark
  public LatencySample latencySample() {
    return latency.deserialize("t", latencyBytes);
  }

  @Benchmark
  public PrEvent prEvent() {
    return pr.deserialize("t", prBytes);
  }
}
