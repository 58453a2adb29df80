package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KpiTest {
  private static final Map<String, String> RULES =
      Map.of("pmpulse:dead_letter_records:rate1m", "sum by (topic, reason) (rate(pmpulse_dead_letter_records_total[1m]))");

  @Test
  void anExpressionNeedsTheKpisOfTheMetricsItReads() {
    assertThat(Kpi.of("max by (team) (pmpulse_review_latency_mean_seconds{team=~\".*\"})", RULES)).containsExactly(Kpi.REVIEW_LATENCY);
    assertThat(Kpi.of("sum(pmpulse:dead_letter_records:rate1m)", RULES)).containsExactly(Kpi.INTAKE);
    assertThat(Kpi.of("max(kafka_consumer_fetch_manager_records_lag_max)", RULES)).containsExactly(Kpi.STREAMS_HEALTH);
    assertThat(Kpi.of("pmpulse_publish_latency_p99_seconds / on(job, instance) group_left() pmpulse_slo_breached", RULES))
        .containsExactly(Kpi.PUBLISH_LATENCY);
    assertThat(Kpi.of("up{job=\"pm-pulse-streams\"} == 0", RULES)).isEmpty();
  }

  @Test
  void everyKpiIsLiveAndSoRequiredEvenWithNothingScraped() {
    assertThat(Kpi.required(Set.of())).containsExactlyInAnyOrder(Kpi.values());
    // An expression that reads a metric missing from the scrape must still return data...
    assertThat(Kpi.mustReturnData("max(pmpulse_escalation_resolution_p50_seconds)", RULES, Kpi.required(Set.of()))).isTrue();
    assertThat(Kpi.mustReturnData("min(pmpulse_delivery_ratio)", RULES, Kpi.required(Set.of("pmpulse_escalations_open")))).isTrue();
    // ...but one that reads no KPI metric at all is not held to it.
    assertThat(Kpi.mustReturnData("up == 0", RULES, Kpi.required(Set.of()))).isFalse();
  }
}
