package dev.pmpulse.streams.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A minute holding fewer than the minimum of samples is judged together with the minutes before
 * it, so a thin minute's p99 is not noise (the default minimum is 1000).
 */
class SloThinMinutesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path stateDir;

  @Test
  void aThinMinuteIsJudgedWithTheMinutesBeforeIt() {
    try (SloTestDriver driver = new SloTestDriver(new SimpleMeterRegistry(), stateDir, SloSettings.DEFAULTS)) {
      TestInputTopic<String, LatencySample> samples = driver.input(Topics.LATENCY_SAMPLES);
      TestOutputTopic<String, PublishLatencyKpi> kpis = driver.output(Topics.PUBLISH_LATENCY_KPI);
      // Minute 0: 1000 samples of 40 ms — enough on its own: p99 40 ms.
      send(samples, 0, 1000, 40);
      // Minute 1: 20 samples of 10 ms. Alone its p99 would be 10 ms; merged with minute 0 the
      // window holds 20 x 10 ms and 1000 x 40 ms, whose p99 (rank floor(0.99 * 1019) = 1008) is 40 ms.
      send(samples, 1, 20, 10);
      // Minute 2: 1000 samples of 10 ms — enough on its own again: p99 10 ms.
      send(samples, 2, 1000, 10);
      // A sample of minute 4 closes minutes 0..2 (minute end + 10 s grace).
      send(samples, 4, 1, 10);

      List<PublishLatencyKpi> out = kpis.readValuesToList();
      assertThat(out).hasSize(3);
      assertThat(out.get(0).p99Ms()).isCloseTo(40, within(0.4));
      assertThat(out.get(1).count()).isEqualTo(20);
      assertThat(out.get(1).p99Ms()).isCloseTo(40, within(0.4));
      assertThat(out.get(2).p99Ms()).isCloseTo(10, within(0.1));
    }
  }

  private static void send(TestInputTopic<String, LatencySample> in, int minute, int n, double ms) {
    Instant at = T0.plusSeconds(60L * minute + 30);
    for (int i = 0; i < n; i++) {
      in.pipeInput("us-east-1", new LatencySample(LatencySample.VERSION, "us-east-1", "us-east", "produce", ms, at), at);
    }
  }
}
