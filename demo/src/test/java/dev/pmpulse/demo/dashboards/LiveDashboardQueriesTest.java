package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.demo.testing.ExternalTools;
import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.WorkloadProducer;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the dashboard and of the rules, run against a real Prometheus that
 * scrapes the real streams app and producer on a clean run (embedded broker, 2 simulated days of
 * backfill, no bad event injected). Every expression must return at least one series, so no panel
 * says "No data" on a healthy run: a counter read by a rate or an increase must exist at 0 before
 * its first event (the dead letters per topic and reason, the SLO crossings per cluster, ...).
 *
 * <ul>
 *   <li>dashboard panel targets, as Grafana sends them with every variable at "All";
 *   <li>template variables: label_values(metric, label) must list at least one value;
 *   <li>recording rules: their expression, and the series they record;
 *   <li>alerting rules: the expression itself must evaluate without error, and its condition with
 *       every comparison made a {@code bool} comparison ({@link PromQl#withBoolComparisons}) must
 *       return data: one 0/1 sample per watched series, so an alert that could never fire because
 *       of a wrong name or a label match that never matches is caught even while all is well.
 * </ul>
 *
 * The test polls until every expression has data or the deadline passes, then fails with the list
 * of every expression still without data.
 */
class LiveDashboardQueriesTest {
  /** From the first scrape of both apps: the time a user would give a fresh dashboard. */
  private static final Duration DATA_DEADLINE = Duration.ofMinutes(2);
  /** $__rate_interval as Grafana computes it for a 1 s scrape is 4 s; a little more is steadier. */
  private static final String RATE_INTERVAL = "10s";
  /**
   * Latency samples per cluster per simulated minute. The default (as many as 3000 a second) is
   * more than the streams app gets through on a 2-core CI machine beside the broker and the
   * producer; behind by simulated days, it would not reach the business hours where reviews
   * happen within the test. A few a minute still give every cluster a P99, a baseline and a band.
   */
  private static final int LATENCY_SAMPLES_PER_MINUTE = 1;
  /**
   * Simulated seconds per wall second once live: 10 simulated minutes a second, so that the live
   * samples add little to the backfill the app works through while the test waits.
   */
  private static final double SPEED = 600;
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

  @TempDir Path stateDir;

  /** One expression to check: where it comes from, and what to send. */
  record Check(String source, String promql, boolean labelValues) {}

  @Test
  @Timeout(300)
  void everyDashboardAndRuleExpressionReturnsDataFromTheRunningApps() throws Exception {
    Path prometheusBinary = ExternalTools.assumeToolOrFailInCi("prometheus", "apt-get install -y --no-install-recommends prometheus");
    long began = System.nanoTime();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).start()) {
      Properties kafka = ClientSettings.load(broker.bootstrapServers(), null, Map.of());
      try (PmPulseApp app = new PmPulseApp(new AppSettings(kafka, "live-prom-" + UUID.randomUUID(), stateDir, "127.0.0.1", 0, true))) {
        app.start();
        awaitUntil(Duration.ofSeconds(60), "streams app RUNNING", () -> app.state() == KafkaStreams.State.RUNNING);
        stage(began, "broker and streams app running");
        try (WorkloadProducer producer =
            new WorkloadProducer(
                ProducerSettings.defaults(kafka)
                    .withHttp("127.0.0.1", 0)
                    .withStart(liveStartAfterTwoWorkdays(Instant.now()))
                    .withBackfillDays(2)
                    .withSpeed(SPEED)
                    .withSamples(LATENCY_SAMPLES_PER_MINUTE, ProducerSettings.MAX_SAMPLES))) {
          producer.start();
          try (LivePrometheus prometheus = LivePrometheus.start(prometheusBinary, app.httpPort(), producer.httpPort())) {
            prometheus.await(Duration.ofSeconds(30), "both apps scraped (up == 1)",
                () -> prometheus.query("sum(up) == 2").path("data").path("result").size() == 1 ? Boolean.TRUE : null);
            stage(began, "Prometheus has scraped both apps");
            checkEveryExpression(prometheus);
            stage(began, "every expression has data");
          }
        }
      }
    }
    stage(began, "stopped");
  }

  private static void stage(long began, String what) {
    System.out.printf("LiveDashboardQueriesTest: %5.1f s  %s%n", (System.nanoTime() - began) / 1e9, what);
  }

  private void checkEveryExpression(LivePrometheus prometheus) {
    List<Check> checks = new ArrayList<>();
    for (Dashboard.Query q : Dashboard.load().queries()) {
      checks.add(new Check("panel '" + q.panel() + "' [" + q.refId() + "]", Dashboard.asSentByGrafana(q.expr(), RATE_INTERVAL), false));
    }
    for (String[] variable : Dashboard.load().variables()) {
      checks.add(new Check("variable $" + variable[0], variable[1], true));
    }
    List<JsonNode> rules = loadedRules(prometheus);
    for (JsonNode rule : rules) {
      String name = rule.path("name").asText();
      String expr = rule.path("query").asText();
      if (rule.path("type").asText().equals("recording")) {
        checks.add(new Check("recording rule " + name + " (expression)", expr, false));
        checks.add(new Check("recording rule " + name + " (recorded series)", name, false));
      } else {
        // The alert's own expression only has to evaluate; its bool form must have data.
        JsonNode result = prometheus.query(expr);
        assertThat(result.path("status").asText()).as("alert %s: %s -> %s", name, expr, result.path("error").asText()).isEqualTo("success");
        checks.add(new Check("alert " + name + " (condition as bool)", PromQl.withBoolComparisons(expr), false));
      }
    }

    // Negative control: a misspelt metric name is reported, so the check can fail.
    Check misspelt = new Check("control", "max(pmpulse_review_latency_mean_secnds)", false);
    assertThat(hasData(prometheus, misspelt)).as("a misspelt metric name returns no data").isFalse();

    Instant deadline = Instant.now().plus(DATA_DEADLINE);
    while (true) {
      List<String> empty = new ArrayList<>();
      List<String> report = new ArrayList<>();
      for (Check check : checks) {
        boolean data = hasData(prometheus, check);
        String values = data && !check.labelValues() ? " = " + values(prometheus, check.promql()) : "";
        report.add(String.format("  %-8s %s: %s", data ? "data" : "NO DATA", check.source(), check.promql().replaceAll("\\s+", " ")) + values);
        if (!data) {
          empty.add(check.source() + ": " + check.promql().replaceAll("\\s+", " "));
        }
      }
      if (empty.isEmpty()) {
        System.out.println("Expressions checked against the live scrape:\n" + String.join("\n", report));
        assertThat(report).hasSameSizeAs(checks);
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        fail(empty.size() + " expression(s) returned no data within " + DATA_DEADLINE + " of a clean run:\n  "
            + String.join("\n  ", empty)
            + "\nAll expressions:\n" + String.join("\n", report)
            + "\n\nWhat the apps saw (for diagnosis):\n" + diagnosis(prometheus)
            + "\nMetric names in the scrape:\n  " + String.join("\n  ", scrapedMetricNames(prometheus)));
      }
      pause();
    }
  }

  /** The event counts on both sides, to tell "nothing produced" from "produced but not reported". */
  private static String diagnosis(LivePrometheus prometheus) {
    StringBuilder out = new StringBuilder();
    for (String promql : List.of(
        "sum by (topic, type) (pmpulse_producer_events_total)",
        "sum by (topic) (pmpulse_accepted_records_total)",
        "sum by (topic, reason) (pmpulse_dead_letter_records_total)",
        "max(pmpulse_producer_simulated_time_seconds)",
        "kafka_stream_client_state",
        "sum(kafka_stream_alive_stream_threads)",
        "max by (topic) (kafka_consumer_fetch_manager_records_lag)",
        "sum by (task_id) (kafka_stream_task_process_total)",
        "sum(kafka_stream_thread_commit_total)",
        "sum(kafka_stream_thread_task_created_total)")) {
      out.append("  ").append(promql).append(" ->");
      for (JsonNode sample : prometheus.query(promql).path("data").path("result")) {
        out.append("\n      ").append(sample.path("metric")).append(' ').append(sample.path("value").path(1).asText());
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * The latest midnight (UTC) at or before now whose two days before are Monday to Friday: the
   * backfill then holds two working days (PRs reviewed, escalations resolved) whatever the weekday
   * the test runs on, and no event is in the future of the wall clock when the backfill ends.
   */
  static Instant liveStartAfterTwoWorkdays(Instant now) {
    LocalDate day = now.atOffset(ZoneOffset.UTC).toLocalDate();
    while (isWeekend(day.minusDays(1)) || isWeekend(day.minusDays(2))) {
      day = day.minusDays(1);
    }
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** The first few values of an instant query, to see NaN or odd values in the report. */
  private static String values(LivePrometheus prometheus, String promql) {
    List<String> values = new ArrayList<>();
    for (JsonNode sample : prometheus.query(promql).path("data").path("result")) {
      values.add(sample.path("value").path(1).asText());
    }
    return values.size() <= 4 ? values.toString() : values.subList(0, 4) + " (" + values.size() + " series)";
  }

  private static boolean hasData(LivePrometheus prometheus, Check check) {
    JsonNode result;
    if (check.labelValues()) {
      Matcher m = LABEL_VALUES.matcher(check.promql());
      assertThat(m.matches()).as(check.source()).isTrue();
      result = prometheus.labelValues(m.group(1), m.group(2));
      assertThat(result.path("status").asText()).as("%s -> %s", check.source(), result.path("error").asText()).isEqualTo("success");
      return result.path("data").size() > 0;
    }
    result = prometheus.query(check.promql());
    assertThat(result.path("status").asText())
        .as("%s: %s -> %s", check.source(), check.promql(), result.path("error").asText()).isEqualTo("success");
    JsonNode data = result.path("data").path("result");
    return data.isArray() ? data.size() > 0 : !data.isMissingNode();
  }

  private static List<JsonNode> loadedRules(LivePrometheus prometheus) {
    List<JsonNode> rules = new ArrayList<>();
    prometheus.api("/api/v1/rules").path("data").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
    assertThat(rules).as("rules loaded by Prometheus").isNotEmpty();
    return rules;
  }

  private static Set<String> scrapedMetricNames(LivePrometheus prometheus) {
    Set<String> names = new TreeSet<>();
    prometheus.api("/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
    return names;
  }

  private static void awaitUntil(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("not reached within " + timeout + ": " + what);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(500); // poll interval of a loop that checks its condition and has a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
