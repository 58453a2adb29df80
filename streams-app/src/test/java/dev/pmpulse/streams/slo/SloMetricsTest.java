package dev.pmpulse.streams.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact series names and labels a Prometheus scrape shows, as dashboards and alerts use them. */
class SloMetricsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path stateDir;

  @Test
  void scrapeShowsTheSloSeries() {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (FullTopology t = new FullTopology(stateDir, TopologySettings.defaults(meters).withSlo(SloTestSettings.PER_MINUTE))) {
      var latency = t.input(Topics.LATENCY_SAMPLES);
      // Eleven minutes at 10 ms then one at 60 ms (crosses SLO, band and incident), each closed by
      // the next minute's sample 10 s after its end; one sample long after minute 0 is late.
      for (int n = 0; n <= 12; n++) {
        Instant at = T0.plusSeconds(60L * n + 10);
        latency.pipeInput("c1", new LatencySample(1, "c1", "r", "produce", n == 11 ? 60 : 10, at), at);
      }
      latency.pipeInput("c1", new LatencySample(1, "c1", "r", "produce", 10, T0), T0);
      Instant end = T0.plusSeconds(600);
      t.input(Topics.DELIVERY_SAMPLES)
          .pipeInput("c1", new DeliverySample(1, "c1", end.minusSeconds(10), end, 100_000, 99_800, 0), end);

      String scrape = meters.scrape();
      Set<String> series =
          Arrays.stream(scrape.split("\n"))
              .filter(line -> !line.startsWith("#"))
              .map(line -> line.substring(0, line.lastIndexOf(' ')))
              .filter(name -> name.contains("slo") || name.contains("publish_latency") || name.contains("delivery")
                  || name.contains("late_records"))
              .collect(Collectors.toSet());
      assertThat(series)
          .contains(
              "pmpulse_publish_latency_p99_seconds{cluster=\"c1\"}",
              "pmpulse_publish_latency_baseline_seconds{cluster=\"c1\"}",
              "pmpulse_publish_latency_band_seconds{cluster=\"c1\"}",
              "pmpulse_publish_latency_incident_threshold_seconds{cluster=\"c1\"}",
              "pmpulse_publish_latency_slo_seconds",
              "pmpulse_slo_breached{cluster=\"c1\",level=\"slo\"}",
              "pmpulse_slo_breached{cluster=\"c1\",level=\"band\"}",
              "pmpulse_slo_breached{cluster=\"c1\",level=\"incident\"}",
              "pmpulse_slo_violations_total{cluster=\"c1\",kind=\"crossed\",level=\"slo\"}",
              "pmpulse_slo_violations_total{cluster=\"c1\",kind=\"crossed\",level=\"band\"}",
              "pmpulse_slo_violations_total{cluster=\"c1\",kind=\"crossed\",level=\"incident\"}",
              "pmpulse_late_records_total{kpi=\"publish-latency\"}",
              "pmpulse_late_records_total{kpi=\"delivery\"}",
              "pmpulse_delivery_ratio{cluster=\"c1\"}",
              "pmpulse_delivery_duplicate_ratio{cluster=\"c1\"}",
              "pmpulse_delivery_error_budget_remaining_ratio{cluster=\"c1\"}",
              "pmpulse_delivery_burn_rate{cluster=\"c1\",window=\"5m\"}",
              "pmpulse_delivery_burn_rate{cluster=\"c1\",window=\"30m\"}",
              "pmpulse_delivery_burn_rate{cluster=\"c1\",window=\"1h\"}",
              "pmpulse_delivery_burn_rate{cluster=\"c1\",window=\"6h\"}",
              "pmpulse_delivery_page{cluster=\"c1\",condition=\"fast\"}",
              "pmpulse_delivery_page{cluster=\"c1\",condition=\"slow\"}",
              "pmpulse_delivery_target_ratio");
      // Values: SLO 0.05 s; minute 11 at 60 ms breaches all three lines; burn 0.002 / 0.0001 = 20.
      assertThat(scrape).contains("pmpulse_publish_latency_slo_seconds 0.05\n");
      assertThat(scrape).contains("pmpulse_slo_breached{cluster=\"c1\",level=\"incident\"} 1.0\n");
      assertThat(scrape).contains("pmpulse_late_records_total{kpi=\"publish-latency\"} 1.0\n");
      assertThat(scrape).contains("pmpulse_delivery_page{cluster=\"c1\",condition=\"fast\"} 1.0\n");
      assertThat(scrape).contains("pmpulse_delivery_target_ratio 0.9999\n");
    }
  }
}
