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
  void liveKpisAreAlwaysRequiredAndAPlannedOneOnceAnyOfItsMetricsIsScraped() {
    assertThat(Kpi.required(Set.of())).containsExactlyInAnyOrder(Kpi.REVIEW_LATENCY, Kpi.INTAKE, Kpi.STREAMS_HEALTH, Kpi.PRODUCER);
    Set<Kpi> withEscalations = Kpi.required(Set.of("pmpulse_escalations_open"));
    assertThat(withEscalations).contains(Kpi.ESCALATIONS).doesNotContain(Kpi.DELIVERY);
    // Once one escalation metric is there, an expression that also reads a missing one must fail.
    assertThat(Kpi.mustReturnData("max(pmpulse_escalation_resolution_p50_seconds)", RULES, withEscalations)).isTrue();
    assertThat(Kpi.mustReturnData("min(pmpulse_delivery_ratio)", RULES, withEscalations)).isFalse();
    assertThat(Kpi.mustReturnData("up == 0", RULES, withEscalations)).isFalse();
  }
}
