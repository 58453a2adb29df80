package dev.pmpulse.demo.dashboards;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which KPI each PromQL expression needs, told by the metrics it names. The live test requires data
 * from every expression of a {@link #live} KPI, and from every expression of a planned KPI as soon
 * as any metric of that KPI appears in the scrape: a planned KPI is never skipped once it exists.
 * To add a KPI, add a constant with its metric name prefixes.
 */
enum Kpi {
  REVIEW_LATENCY(true, "pmpulse_review_"),
  INTAKE(true, "pmpulse_accepted_records", "pmpulse_dead_letter_records", "pmpulse_late_records", "pmpulse_duplicate_records"),
  STREAMS_HEALTH(true, "kafka_"),
  PRODUCER(true, "pmpulse_producer_"),
  // The producer emits escalations, merged API changes, latency and delivery samples since the
  // producer-workloads merge, so these KPIs are live too: their data is required even if their
  // metrics vanish from the scrape altogether.
  ESCALATIONS(true, "pmpulse_escalation"),
  API_STABILITY(true, "pmpulse_api_"),
  PUBLISH_LATENCY(true, "pmpulse_publish_latency_", "pmpulse_slo_"),
  DELIVERY(true, "pmpulse_delivery_"),
  ROLLOUTS(true, "pmpulse_rollout_");

  /** Its metrics exist today; data for it is required whatever the scrape shows. */
  final boolean live;
  private final List<String> prefixes;

  Kpi(boolean live, String... prefixes) {
    this.live = live;
    this.prefixes = List.of(prefixes);
  }

  boolean owns(String metric) {
    return prefixes.stream().anyMatch(metric::startsWith);
  }

  private static final Pattern METRIC = Pattern.compile("\\b((?:pmpulse|kafka)[a-zA-Z0-9_:]*)");

  /**
   * The metrics an expression reads, with recording rules replaced by the metrics their own
   * expressions read.
   *
   * @param recordingRules recorded series name to its expression
   */
  static Set<String> metrics(String expr, Map<String, String> recordingRules) {
    Set<String> metrics = new LinkedHashSet<>();
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      String name = m.group(1);
      if (recordingRules.containsKey(name)) {
        metrics.addAll(metrics(recordingRules.get(name), recordingRules));
      } else {
        metrics.add(name);
      }
    }
    return metrics;
  }

  /** The KPIs an expression needs. */
  static Set<Kpi> of(String expr, Map<String, String> recordingRules) {
    Set<Kpi> kpis = EnumSet.noneOf(Kpi.class);
    for (String metric : metrics(expr, recordingRules)) {
      for (Kpi kpi : values()) {
        if (kpi.owns(metric)) {
          kpis.add(kpi);
        }
      }
    }
    return kpis;
  }

  /** The KPIs whose data the live test requires, given the metric names in the live scrape. */
  static Set<Kpi> required(Set<String> scrapedMetrics) {
    Set<Kpi> required = EnumSet.noneOf(Kpi.class);
    for (Kpi kpi : values()) {
      if (kpi.live || scrapedMetrics.stream().anyMatch(kpi::owns)) {
        required.add(kpi);
      }
    }
    return required;
  }

  /** An expression must return data when it needs no KPI outside the required set (and needs one). */
  static boolean mustReturnData(String expr, Map<String, String> recordingRules, Set<Kpi> required) {
    Set<Kpi> needs = of(expr, recordingRules);
    return !needs.isEmpty() && required.containsAll(needs);
  }

  static List<String> names(Set<Kpi> kpis) {
    List<String> names = new ArrayList<>();
    kpis.forEach(k -> names.add(k.name()));
    return names;
  }
}
