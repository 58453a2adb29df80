package dev.pmpulse.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Impossible samples go to the dead-letter topic with reason invalid-value; nothing else is lost. */
class SampleIntakeTest {
  private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path stateDir;

  private static String reason(TestRecord<byte[], byte[]> r) {
    return new String(r.headers().lastHeader("pmpulse.reason").value(), StandardCharsets.UTF_8);
  }

  @Test
  void impossibleLatenciesAreDeadLettered() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (FullTopology t = new FullTopology(stateDir, meters)) {
      var in = t.input(Topics.LATENCY_SAMPLES);
      var dead = t.output(Topics.DEAD_LETTER);
      for (double ms : new double[] {-1, 3_600_000.5, 0, 3_600_000}) {
        in.pipeInput("c1", new LatencySample(LatencySample.VERSION, "c1", "r", "produce", ms, AT), AT);
      }
      List<TestRecord<byte[], byte[]>> out = dead.readRecordsToList();
      // -1 and one hour + 0.5 ms are refused; 0 and exactly one hour are possible.
      assertThat(out).hasSize(2);
      assertThat(out).allSatisfy(r -> assertThat(reason(r)).isEqualTo("invalid-value"));
      assertThat(meters.counter("pmpulse.dead.letter.records", "topic", Topics.LATENCY_SAMPLES.name(), "reason", "invalid-value").count())
          .isEqualTo(2);
      assertThat(meters.counter("pmpulse.accepted.records", "topic", Topics.LATENCY_SAMPLES.name()).count()).isEqualTo(2);
    }
  }

  @Test
  void inconsistentDeliveryCountsAreDeadLettered() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (FullTopology t = new FullTopology(stateDir, meters)) {
      var in = t.input(Topics.DELIVERY_SAMPLES);
      var dead = t.output(Topics.DEAD_LETTER);
      var kpis = t.output(Topics.DELIVERY_KPI);
      Instant start = AT.minusSeconds(10);
      in.pipeInput("c1", new DeliverySample(1, "c1", start, AT, 100, 101, 0), AT); // delivered > produced
      in.pipeInput("c1", new DeliverySample(1, "c1", start, AT, -1, 0, 0), AT); // negative count
      in.pipeInput("c1", new DeliverySample(1, "c1", start, AT, 100, 100, -1), AT); // negative duplicates
      in.pipeInput("c1", new DeliverySample(1, "c1", AT, start, 100, 100, 0), AT); // ends before it starts
      in.pipeInput("c1", new DeliverySample(1, "c1", start, AT, 100, 100, 3), AT); // fine

      List<TestRecord<byte[], byte[]>> out = dead.readRecordsToList();
      assertThat(out).hasSize(4);
      assertThat(out).allSatisfy(r -> assertThat(reason(r)).isEqualTo("invalid-value"));
      assertThat(kpis.readValuesToList()).singleElement().satisfies(k -> assertThat(k.duplicates()).isEqualTo(3));
    }
  }
}
