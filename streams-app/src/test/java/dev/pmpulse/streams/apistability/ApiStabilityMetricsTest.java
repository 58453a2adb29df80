package dev.pmpulse.streams.apistability;

import static dev.pmpulse.events.ApiChange.Kind.ADDITIVE;
import static dev.pmpulse.events.ApiChange.Kind.BREAKING;
import static dev.pmpulse.events.ApiChange.Kind.DEPRECATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gauges as Prometheus scrapes them: exact names, labels and values of the current quarter. */
class ApiStabilityMetricsTest {
  @TempDir Path stateDir;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private int seq;

  private PrEvent merged(int number, String utc, ApiChange... changes) {
    return new PrEvent(
        PrEvent.VERSION, "e-" + (++seq), PrEvent.Type.MERGED, "acme/kafka", number, "streams", "ana", "bo",
        List.of(), List.of(), null, List.of(changes), Instant.parse(utc));
  }

  /** The scrape's sample lines of the API stability metrics, without comments. */
  private List<String> apiSamples() {
    return Arrays.stream(meters.scrape().split("\n"))
        .filter(line -> line.startsWith("pmpulse_api_"))
        .sorted()
        .toList();
  }

  /** The value of the one sample whose name and labels are exactly {@code series}. */
  private double sample(String series) {
    List<String> lines = apiSamples().stream().filter(l -> l.startsWith(series + " ")).toList();
    assertThat(lines).as(series).hasSize(1);
    return Double.parseDouble(lines.get(0).substring(series.length() + 1));
  }

  @Test
  void gaugesShowTheCurrentQuarterOnly() {
    try (FullTopology topology = new FullTopology(stateDir, meters)) {
      TestInputTopic<String, PrEvent> in = topology.input(Topics.PR_EVENTS);
      // Before any merge: the totals and the target exist, no quarter yet.
      assertThat(sample("pmpulse_api_breaking_changes_target")).isZero();
      assertThat(sample("pmpulse_api_changes{kind=\"breaking\",surface=\"all\"}")).isZero();
      assertThat(sample("pmpulse_api_quarter_start_seconds")).isNaN();

      for (PrEvent e : List.of(
          merged(1, "2026-12-28T10:00:00Z", new ApiChange("producer-api", BREAKING), new ApiChange("admin-api", ADDITIVE)),
          merged(2, "2026-12-29T10:00:00Z", new ApiChange("producer-api", BREAKING)))) {
        in.pipeInput(e.key(), e, e.at());
      }
      // 2026-Q4 so far: producer-api breaking x2, admin-api additive x1.
      assertThat(sample("pmpulse_api_breaking_changes_quarter")).isEqualTo(2);
      assertThat(sample("pmpulse_api_changes{kind=\"breaking\",surface=\"producer-api\"}")).isEqualTo(2);
      assertThat(sample("pmpulse_api_changes{kind=\"additive\",surface=\"admin-api\"}")).isEqualTo(1);
      assertThat(sample("pmpulse_api_changes{kind=\"breaking\",surface=\"all\"}")).isEqualTo(2);
      assertThat(sample("pmpulse_api_changes{kind=\"additive\",surface=\"all\"}")).isEqualTo(1);
      // 2026-10-01T00:00:00Z: 56 years (14 leap) = 20454 days, + 273 days of 2026 = 20727 days = 1790812800 s.
      assertThat(sample("pmpulse_api_quarter_start_seconds")).isEqualTo(1_790_812_800d);

      for (PrEvent e : List.of(
          merged(3, "2027-01-02T10:00:00Z", new ApiChange("admin-api", DEPRECATION)),
          // Out of order: still counted in 2026-Q4 (on the topic), but Q4 is no longer current.
          merged(4, "2026-12-31T10:00:00Z", new ApiChange("producer-api", BREAKING)))) {
        in.pipeInput(e.key(), e, e.at());
      }
      // 2027-Q1: admin-api deprecation x1 only; the surfaces seen in Q4 read 0.
      assertThat(sample("pmpulse_api_breaking_changes_quarter")).isZero();
      assertThat(sample("pmpulse_api_changes{kind=\"breaking\",surface=\"producer-api\"}")).isZero();
      assertThat(sample("pmpulse_api_changes{kind=\"additive\",surface=\"admin-api\"}")).isZero();
      assertThat(sample("pmpulse_api_changes{kind=\"deprecation\",surface=\"admin-api\"}")).isEqualTo(1);
      assertThat(sample("pmpulse_api_changes{kind=\"deprecation\",surface=\"all\"}")).isEqualTo(1);
      // 2027-01-01T00:00:00Z = 1790812800 + 92 days (Oct 31 + Nov 30 + Dec 31) * 86400 = 1798761600 s.
      assertThat(sample("pmpulse_api_quarter_start_seconds")).isEqualTo(1_798_761_600d);
      // Every series of pmpulse_api_changes has the same label keys: kind and surface.
      assertThat(apiSamples().stream().filter(l -> l.startsWith("pmpulse_api_changes")))
          .hasSize(9)
          .allMatch(l -> l.matches("pmpulse_api_changes\\{kind=\"[a-z]+\",surface=\"[a-z-]+\"\\} .*"));
    }
  }
}
