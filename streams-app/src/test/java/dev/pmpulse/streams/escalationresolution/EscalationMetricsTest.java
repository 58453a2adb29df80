package dev.pmpulse.streams.escalationresolution;

import static dev.pmpulse.events.EscalationEvent.Severity.P0;
import static dev.pmpulse.events.EscalationEvent.Severity.P2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The escalation KPI as Prometheus scrapes it: names, units, tags and values. */
class EscalationMetricsTest {
  private static final double HOUR = 3600;

  @TempDir Path stateDir;

  @Test
  void scrapeShowsTheKpiPerSeverityAndPeriod() {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (FullTopology topology = new FullTopology(stateDir, meters)) {
      TestInputTopic<String, EscalationEvent> events = topology.input(Topics.ESCALATION_EVENTS);
      EscalationStory b = new EscalationStory("B", P0);
      EscalationStory c = new EscalationStory("C", P2);
      // A1..A4 (P0): opened Mon 00:00, resolved after 10, 20, 30 and 40 h. B (P0) opened Mon
      // 01:00 and C (P2) Mon 02:00 stay open; D (P2) opened Wed 02:00 moves stream time there:
      // B has been open 49 h (over 48 h), C 48 h (not over).
      List<EscalationEvent> all = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        EscalationStory a = new EscalationStory("A" + i, P0);
        all.add(a.opened("2026-11-23T00:00"));
        all.add(a.resolved(EscalationStory.plusHours("2026-11-23T00:00", 10 * i)));
      }
      all.add(b.opened("2026-11-23T01:00"));
      all.add(c.opened("2026-11-23T02:00"));
      all.add(new EscalationStory("D", P2).opened("2026-11-25T02:00"));
      all.sort(Comparator.comparing(EscalationEvent::at));
      all.forEach(e -> events.pipeInput(e.id(), e, e.at()));
    }
    String scrape = meters.scrape();

    // 48 h = 172800 s.
    assertThat(value(scrape, "pmpulse_escalation_resolution_target_seconds", "")).isEqualTo(48 * HOUR);
    // Four P0 resolutions (10, 20, 30, 40 h) in week and quarter. Quantile q is the value of 0-based
    // rank floor(q*(n-1)) within 1%: p50 -> rank floor(1.5) = 1 -> 20 h; p90 -> floor(2.7) = 2 -> 30 h.
    double err = DurationSketch.RELATIVE_ACCURACY;
    for (String period : new String[] {"week", "quarter"}) {
      String tags = "period=\"" + period + "\",severity=\"P0\"";
      assertThat(value(scrape, "pmpulse_escalation_resolutions", tags)).isEqualTo(4);
      assertThat(value(scrape, "pmpulse_escalation_resolution_p50_seconds", tags))
          .isCloseTo(20 * HOUR, within(20 * HOUR * err));
      assertThat(value(scrape, "pmpulse_escalation_resolution_p90_seconds", tags))
          .isCloseTo(30 * HOUR, within(30 * HOUR * err));
      assertThat(value(scrape, "pmpulse_escalation_resolutions", "period=\"" + period + "\",severity=\"P2\"")).isZero();
    }
    // Open now: P0 just B, over 48 h; P2 C and D, neither over.
    assertThat(value(scrape, "pmpulse_escalations_open", "severity=\"P0\"")).isEqualTo(1);
    assertThat(value(scrape, "pmpulse_escalations_open_over_target", "severity=\"P0\"")).isEqualTo(1);
    assertThat(value(scrape, "pmpulse_escalations_open", "severity=\"P2\"")).isEqualTo(2);
    assertThat(value(scrape, "pmpulse_escalations_open_over_target", "severity=\"P2\"")).isZero();
    assertThat(value(scrape, "pmpulse_late_records_total", "kpi=\"escalation-resolution\"")).isZero();
    assertThat(value(scrape, "pmpulse_duplicate_records_total", "kpi=\"escalation-resolution\"")).isZero();
    assertThat(scrape).contains("# TYPE pmpulse_escalation_resolution_p50_seconds gauge");
  }

  /** The value of the series {@code name{tags}} in a Prometheus text scrape. */
  private static double value(String scrape, String name, String tags) {
    String series = tags.isEmpty() ? name : name + "{" + tags + "}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in scrape:%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
