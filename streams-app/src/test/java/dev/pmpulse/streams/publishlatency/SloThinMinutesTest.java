package dev.pmpulse.streams.publishlatency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
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
    try (FullTopology topology = new FullTopology(stateDir, new SimpleMeterRegistry())) {
      TestInputTopic<String, LatencySample> samples = topology.input(Topics.LATENCY_SAMPLES);
      TestOutputTopic<String, PublishLatencyKpi> kpis = topology.output(Topics.PUBLISH_LATENCY_KPI);
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

  @Test
  void aViolationOfAThinMinuteCarriesTheP99ItWasJudgedOn() {
    try (FullTopology topology = new FullTopology(stateDir, new SimpleMeterRegistry())) {
      TestInputTopic<String, LatencySample> samples = topology.input(Topics.LATENCY_SAMPLES);
      TestOutputTopic<String, SloViolation> violations = topology.output(Topics.SLO_VIOLATIONS);
      // Minute 0, thin and first: 892 x 40 ms and 10 x 80 ms, p99 at rank floor(0.99 * 901) = 891: 40 ms.
      send(samples, 0, 892, 40);
      send(samples, 0, 10, 80);
      // Minute 1, thin: 97 x 45 ms and 1 x 80 ms; alone its p99 (rank floor(0.99 * 97) = 96) is 45 ms.
      // Merged with minute 0: 1000 samples, rank floor(0.99 * 999) = 989, and the 11 values of 80 ms
      // hold ranks 989..999: judged 80 ms, over the 50 ms SLO.
      send(samples, 1, 97, 45);
      send(samples, 1, 1, 80);
      send(samples, 3, 1, 10);

      List<SloViolation> out = violations.readValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).level()).isEqualTo(SloViolation.Level.SLO);
      assertThat(out.get(0).kind()).isEqualTo(SloViolation.Kind.CROSSED);
      assertThat(out.get(0).minute()).isEqualTo(T0.plusSeconds(60));
      assertThat(out.get(0).p99Ms()).isCloseTo(80, within(0.8));
      assertThat(out.get(0).thresholdMs()).isEqualTo(50);
    }
  }

  private static void send(TestInputTopic<String, LatencySample> in, int minute, int n, double ms) {
    Instant at = T0.plusSeconds(60L * minute + 30);
    for (int i = 0; i < n; i++) {
      in.pipeInput("us-east-1", new LatencySample(LatencySample.VERSION, "us-east-1", "us-east", "produce", ms, at), at);
    }
  }
}
