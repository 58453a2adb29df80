package dev.pmpulse.streams.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout series exactly as Prometheus scrapes them. */
class RolloutMetricsTest {
  private static final String EU = "eu-west-1";
  private static final String US = "us-east-1";

  @TempDir Path stateDir;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private List<String> rolloutSamples() {
    return Arrays.stream(meters.scrape().split("\n"))
        .filter(line -> line.startsWith("pmpulse_rollout_"))
        .sorted()
        .toList();
  }

  @Test
  void scrapeShowsDecisionsAndEachFlagsStage() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      assertThat(rolloutSamples())
          .containsExactly(
              "pmpulse_rollout_decisions_total{decision=\"abort\"} 0.0",
              "pmpulse_rollout_decisions_total{decision=\"proceed\"} 0.0");

      for (int n = 0; n <= 11; n++) {
        s.latency(US, n, n, 10).latency(EU, n, n, 10); // interleaved: stream time is shared
      }
      s.stage("a", EU, 10, 12);
      s.stage("b", US, 5, 12);
      assertThat(rolloutSamples())
          .contains("pmpulse_rollout_stage_percent{flag=\"a\"} 10.0", "pmpulse_rollout_aborted{flag=\"a\"} 0.0");
      // eu-west-1 crosses its band in minute 20 (a aborts at 12:21); b soaks until 12:42 and proceeds.
      for (int n = 12; n <= 42; n++) {
        s.latency(US, n, n, 10).latency(EU, n, n, n == 20 ? 13 : 10);
      }
      assertThat(rolloutSamples())
          .containsExactly(
              "pmpulse_rollout_aborted{flag=\"a\"} 1.0",
              "pmpulse_rollout_aborted{flag=\"b\"} 0.0",
              "pmpulse_rollout_decisions_total{decision=\"abort\"} 1.0",
              "pmpulse_rollout_decisions_total{decision=\"proceed\"} 1.0",
              "pmpulse_rollout_stage_percent{flag=\"a\"} 10.0",
              "pmpulse_rollout_stage_percent{flag=\"b\"} 5.0");

      // b's next stage: back to live, not aborted.
      s.stage("b", US, 10, 43);
      assertThat(rolloutSamples()).contains("pmpulse_rollout_stage_percent{flag=\"b\"} 10.0");

      // A day after its abort (12:21 + 24 h), a's gauges are gone; b's stage is still live.
      s.latency(US, 43, 43, 10);
      s.latency(US, 24 * 60 + 22, 24 * 60 + 22, 10);
      assertThat(rolloutSamples()).noneMatch(l -> l.contains("flag=\"a\""));
      assertThat(rolloutSamples()).contains("pmpulse_rollout_stage_percent{flag=\"b\"} 10.0");
    }
  }
}
