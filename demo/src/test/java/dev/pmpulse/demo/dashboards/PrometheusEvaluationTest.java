package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's Prometheus config, rules and dashboard queries in a real Prometheus (the
 * Debian package), with the app targets pointed at local ports where nothing answers: every rule
 * loads and evaluates without error, every dashboard query and variable is accepted, and the
 * app-down alert goes pending from a real failed scrape. That the queries also return data is
 * the end-to-end test's job, with the demo running.
 */
class PrometheusEvaluationTest {
  private static final String NEVER = "0001-01-01T00:00:00Z";
  private static LivePrometheus prometheus;
  private static int streamsAppPort;

  @BeforeAll
  static void start() throws IOException {
    Path binary = ExternalTools.assumeToolOrFailInCi("prometheus", "apt-get install -y --no-install-recommends prometheus");
    streamsAppPort = LivePrometheus.freePort();
    prometheus = LivePrometheus.start(binary, streamsAppPort, LivePrometheus.freePort());
  }

  @AfterAll
  static void stop() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyRuleLoadsAndEvaluatesWithoutError() throws IOException {
    int declared = declaredRules();
    List<JsonNode> rules = prometheus.await(Duration.ofSeconds(30), "every rule evaluated once", () -> {
      List<JsonNode> all = new ArrayList<>();
      prometheus.api("/api/v1/rules").path("data").path("groups")
          .forEach(g -> g.path("rules").forEach(all::add));
      boolean evaluated = all.size() == declared && all.stream().noneMatch(r -> r.path("lastEvaluation").asText(NEVER).startsWith("0001"));
      return evaluated ? all : null;
    });
    assertThat(rules).hasSize(declared);
    for (JsonNode rule : rules) {
      assertThat(rule.path("health").asText()).as("%s: %s", rule.path("name").asText(), rule.path("lastError").asText()).isEqualTo("ok");
    }
  }

  @Test
  void everyDashboardQueryAndVariableIsAccepted() {
    for (Dashboard.Query q : Dashboard.load().queries()) {
      String promql = Dashboard.asSentByGrafana(q.expr(), "30s");
      JsonNode result = prometheus.query(promql);
      assertThat(result.path("status").asText()).as("%s [%s]: %s -> %s", q.panel(), q.refId(), promql, result.path("error").asText()).isEqualTo("success");
    }
    Pattern labelValues = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
    for (String[] variable : Dashboard.load().variables()) {
      Matcher m = labelValues.matcher(variable[1]);
      assertThat(m.matches()).as("variable %s: %s", variable[0], variable[1]).isTrue();
      assertThat(prometheus.labelValues(m.group(1), m.group(2)).path("status").asText()).isEqualTo("success");
    }
  }

  @Test
  void aQueryPrometheusRejectsIsReported() {
    JsonNode result = prometheus.query(Dashboard.asSentByGrafana("sum by (team (pmpulse_review_latency_mean_seconds{team=~\"$team\"})", "30s"));
    assertThat(result.path("status").asText()).isEqualTo("error");
  }

  @Test
  void theAppDownAlertGoesPendingFromARealFailedScrape() {
    JsonNode alert = prometheus.await(Duration.ofSeconds(30), "PmPulseStreamsAppDown pending", () -> {
      for (JsonNode a : prometheus.api("/api/v1/alerts").path("data").path("alerts")) {
        if (a.path("labels").path("alertname").asText().equals("PmPulseStreamsAppDown")) {
          return a;
        }
      }
      return null;
    });
    assertThat(alert.path("labels").path("instance").asText()).isEqualTo("127.0.0.1:" + streamsAppPort);
    assertThat(alert.path("state").asText()).isIn("pending", "firing");
  }

  private static int declaredRules() throws IOException {
    Pattern rule = Pattern.compile("(?m)^\\s*-\\s*(alert|record):");
    int count = 0;
    try (Stream<Path> files = Files.list(ExternalTools.repoRoot().resolve("dashboards/prometheus/rules"))) {
      for (Path file : files.toList()) {
        Matcher m = rule.matcher(Files.readString(file));
        while (m.find()) {
          count++;
        }
      }
    }
    return count;
  }
}
