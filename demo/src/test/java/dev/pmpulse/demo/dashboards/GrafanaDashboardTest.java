package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.testing.ExternalTools;
import dev.pmpulse.demo.testing.NodeTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dashboards/grafana: the dashboard's types, queries, layout and provisioning. */
class GrafanaDashboardTest {
  private final Dashboard dashboard = Dashboard.load();

  @Test
  void dashboardFitsGrafanaSchemaTypes() {
    ExternalTools.Result result = NodeTools.node("check-dashboard.mjs", Dashboard.file().toString());
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void aMisspeltKeyOrAWrongEnumValueFailsTheTypeCheck(@TempDir Path dir) throws IOException {
    String json = Files.readString(Dashboard.file());
    Path bad = Files.writeString(dir.resolve("bad.json"),
        json.replaceFirst("\"thresholdsStyle\"", "\"thresholdStyle\"").replaceFirst("\"colorMode\": \"background\"", "\"colorMode\": \"rainbow\""));
    ExternalTools.Result result = NodeTools.node("check-dashboard.mjs", bad.toString());
    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("thresholdStyle").contains("rainbow");
  }

  @Test
  void dashboardJsonIsWhatTheGeneratorWrites() throws IOException {
    ExternalTools.Result result = NodeTools.node("build-dashboard.mjs", "--stdout");
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output())
        .as("pm-pulse.json is out of date: run 'node build-dashboard.mjs' in dashboards/tools")
        .isEqualTo(Files.readString(Dashboard.file()));
  }

  @Test
  void everyPanelQueryHasExprRefIdAndTheDataSourceVariable() {
    int queries = 0;
    for (JsonNode panel : dashboard.panels()) {
      String title = panel.path("title").asText();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as("%s: data source", title).isEqualTo(Dashboard.DATA_SOURCE);
      assertThat(panel.path("targets")).as("%s: targets", title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        queries++;
        assertThat(target.path("expr").asText()).as("%s: expr", title).isNotBlank();
        assertThat(target.path("refId").asText()).as("%s: refId", title).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as("%s: refId %s is unique", title, target.path("refId")).isTrue();
        assertThat(target.path("datasource").path("uid").asText()).as("%s: target data source", title).isEqualTo(Dashboard.DATA_SOURCE);
      }
    }
    assertThat(queries).isGreaterThan(30);
  }

  @Test
  void panelsHaveUniqueIdsAndDoNotOverlap() {
    Set<Integer> ids = new HashSet<>();
    Set<String> cells = new HashSet<>();
    for (JsonNode panel : dashboard.panels()) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("%s: id is unique", title).isTrue();
      JsonNode g = panel.path("gridPos");
      int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
      assertThat(w).as("%s: width", title).isPositive();
      assertThat(x + w).as("%s: fits the 24-column grid", title).isLessThanOrEqualTo(24);
      for (int i = x; i < x + w; i++) {
        for (int j = y; j < y + h; j++) {
          assertThat(cells.add(i + "," + j)).as("%s overlaps another panel at %d,%d", title, i, j).isTrue();
        }
      }
    }
  }

  @Test
  void topRowHoldsKpiStatsWithRedAndGreenTargets() {
    List<JsonNode> panels = dashboard.panels();
    assertThat(panels.get(0).path("type").asText()).isEqualTo("row");
    int stats = 0;
    for (JsonNode panel : panels.subList(1, panels.size())) {
      if (panel.path("type").asText().equals("row")) {
        break;
      }
      stats++;
      assertThat(panel.path("type").asText()).isEqualTo("stat");
      assertThat(panel.path("gridPos").path("y").asInt()).isEqualTo(1);
      String colors = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps").toString();
      assertThat(colors).as("%s: thresholds", panel.path("title")).contains("\"red\"").contains("\"green\"");
    }
    assertThat(stats).as("one stat per KPI and SLO").isGreaterThanOrEqualTo(5);
  }

  @Test
  void aPrometheusDataSourceVariableDefaultsToTheProvisionedOne() {
    JsonNode variable = dashboard.allVariables().stream().filter(v -> v.path("name").asText().equals("datasource")).findFirst().orElseThrow();
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    assertThat(variable.path("current").path("value").asText()).isEqualTo(Dashboard.PROVISIONED_DATA_SOURCE_UID);
    for (JsonNode v : dashboard.allVariables()) {
      if (v.has("datasource")) {
        assertThat(v.path("datasource").path("uid").asText()).as("variable %s: data source", v.path("name")).isEqualTo(Dashboard.DATA_SOURCE);
      }
    }
  }

  @Test
  void theAllTeamIsNeitherOfferedNorDrawnAsATeam() {
    JsonNode team = dashboard.allVariables().stream().filter(v -> v.path("name").asText().equals("team")).findFirst().orElseThrow();
    // Grafana applies the variable's regex (a JavaScript one; Java's reads it alike) to the values.
    Pattern offered = Pattern.compile(team.path("regex").asText().replaceAll("^/|/$", ""));
    assertThat(offered.matcher("all").matches()).as("team regex %s offers 'all'", offered).isFalse();
    assertThat(offered.matcher("streams").matches()).isTrue();
    assertThat(offered.matcher("allstars").matches()).isTrue();
    for (Dashboard.Query q : dashboard.queries()) {
      if (q.expr().contains("$team")) {
        assertThat(q.expr()).as("%s: a query by $team leaves out team=\"all\"", q.panel()).contains("team!=\"all\"");
      } else if (q.expr().contains("team=\"all\"")) {
        assertThat(q.panel()).as("a panel on the all-teams total says so").containsIgnoringCase("all teams");
      }
    }
  }

  @Test
  void panelsCountingOverAnHourSayItIsWallClockTime() {
    for (Dashboard.Query q : dashboard.queries()) {
      if (q.expr().matches("(?s).*\\[1h].*")) {
        assertThat(q.panel()).as("%s: %s", q.panel(), q.expr()).contains("wall-clock");
      }
    }
    assertThat(dashboard.panels()).noneMatch(p -> p.path("title").asText().matches("(?i).*\\blast hour\\b.*"));
  }

  @Test
  void thePublishLatencyPanelDrawsEveryLineTheAppExports() {
    String p99Panel = dashboard.queries().stream().filter(q -> q.expr().contains("pmpulse_publish_latency_p99_seconds{"))
        .map(Dashboard.Query::panel).filter(t -> t.startsWith("P99 publish latency:")).findFirst().orElseThrow();
    List<String> exprs = dashboard.queries().stream().filter(q -> q.panel().equals(p99Panel)).map(Dashboard.Query::expr).toList();
    for (String metric : List.of("pmpulse_publish_latency_p99_seconds", "pmpulse_publish_latency_baseline_seconds",
        "pmpulse_publish_latency_band_seconds", "pmpulse_publish_latency_incident_threshold_seconds", "pmpulse_publish_latency_slo_seconds")) {
      assertThat(exprs).as("%s on '%s'", metric, p99Panel).anyMatch(e -> e.contains(metric));
    }
  }

  @Test
  void theScenarioAndTheDuplicateRatioAreShown() {
    assertThat(dashboard.queries()).anyMatch(q -> q.expr().contains("pmpulse_producer_scenario_active") && q.legend().equals("{{scenario}}"));
    assertThat(dashboard.queries()).anyMatch(q -> q.expr().contains("pmpulse_delivery_duplicate_ratio"));
  }

  @Test
  void templateVariablesForTeamAndClusterAreUsed() {
    assertThat(dashboard.variables()).extracting(v -> v[0]).contains("team", "cluster");
    for (String name : List.of("team", "cluster")) {
      assertThat(dashboard.queries()).as("a query uses $%s", name).anyMatch(q -> q.expr().contains("$" + name));
    }
  }

  @Test
  void noInternalBrokerOrClientDetailReachesTheDashboard() {
    Pattern internalLabel = Pattern.compile("client_id|node_id|thread_id|task_id|partition|broker|instance|topic_partition");
    for (Dashboard.Query q : dashboard.queries()) {
      assertThat(internalLabel.matcher(q.legend()).find()).as("%s: legend %s", q.panel(), q.legend()).isFalse();
      if (q.expr().contains("kafka_")) {
        // Client metrics are summed or maxed over every thread, task, client and partition.
        assertThat(q.expr()).as("%s: %s", q.panel(), q.expr()).matches("^(sum|max|min|avg)\\((?!.*\\bby\\b).*");
      }
    }
  }

  @Test
  void provisioningMatchesTheDashboardAndTheComposeFile() throws IOException {
    Path grafana = ExternalTools.repoRoot().resolve("dashboards/grafana");
    String datasource = Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml"));
    assertThat(datasource).contains("uid: " + Dashboard.PROVISIONED_DATA_SOURCE_UID).contains("type: prometheus").contains("url: http://prometheus:9090");
    String provider = Files.readString(grafana.resolve("provisioning/dashboards/pm-pulse.yml"));
    String compose = Files.readString(ExternalTools.repoRoot().resolve("docker-compose.yml"));
    assertThat(provider).contains("path: /var/lib/grafana/dashboards");
    assertThat(compose)
        .contains("./dashboards/grafana/dashboards:/var/lib/grafana/dashboards:ro")
        .contains("./dashboards/grafana/provisioning:/etc/grafana/provisioning:ro")
        .contains("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH: /var/lib/grafana/dashboards/" + Dashboard.file().getFileName())
        .contains("GF_AUTH_ANONYMOUS_ORG_ROLE: Viewer");
  }
}
