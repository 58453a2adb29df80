package dev.pmpulse.demo.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmpulse.demo.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Grafana dashboard JSON, read as a user of its queries sees it. */
record Dashboard(JsonNode json) {
  /** The data source every panel and target reads: the dashboard's data source variable. */
  static final String DATA_SOURCE = "${datasource}";
  /** The uid of the data source that provisioning creates, the variable's default. */
  static final String PROVISIONED_DATA_SOURCE_UID = "pmpulse-prometheus";

  static Path file() {
    return ExternalTools.repoRoot().resolve("dashboards/grafana/dashboards/pm-pulse.json");
  }

  static Dashboard load() {
    try {
      return new Dashboard(new ObjectMapper().readTree(file().toFile()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file(), e);
    }
  }

  /** A panel's query: where it is, and its PromQL. */
  record Query(String panel, String refId, String expr, String legend) {}

  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    json.path("panels").forEach(panels::add);
    return panels;
  }

  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(panel.path("title").asText(), target.path("refId").asText(), target.path("expr").asText(), target.path("legendFormat").asText()));
      }
    }
    return queries;
  }

  /** Every template variable, as in the JSON. */
  List<JsonNode> allVariables() {
    List<JsonNode> variables = new ArrayList<>();
    json.path("templating").path("list").forEach(variables::add);
    return variables;
  }

  /** name to label_values(...) query of each query variable (the data source variable has none). */
  List<String[]> variables() {
    List<String[]> variables = new ArrayList<>();
    for (JsonNode v : allVariables()) {
      if (!v.path("type").asText().equals("query")) {
        continue;
      }
      JsonNode q = v.path("query");
      variables.add(new String[] {v.path("name").asText(), q.isTextual() ? q.asText() : q.path("query").asText()});
    }
    return variables;
  }

  /**
   * The PromQL Grafana sends for an expression: template variables as "All" (a regex matching
   * every value), the rate interval as a window that holds several scrapes.
   */
  static String asSentByGrafana(String expr, String rateInterval) {
    return expr.replace("$__rate_interval", rateInterval).replaceAll("\\$\\{?(team|cluster)}?", ".*");
  }
}
