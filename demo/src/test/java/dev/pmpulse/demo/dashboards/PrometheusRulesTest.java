package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pmpulse.demo.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dashboards/prometheus checked by promtool: the config, its rule files, and the rules' unit tests. */
class PrometheusRulesTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Pattern ALERT = Pattern.compile("^\\s*-\\s*alert:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
  private static final Pattern TESTED_ALERT = Pattern.compile("^\\s*alertname:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
  /** Prometheus' naming of recorded series: level:metric:operations. */
  private static final Pattern RECORDED_NAME = Pattern.compile("[a-z][a-z0-9_]*:[a-z][a-z0-9_]*:[a-z][a-z0-9_]*");
  private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
  private static final Pattern RUNBOOK_URL = Pattern.compile("docs/runbook\\.md#([a-z0-9_-]+)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);

  private final Path prometheusDir = ExternalTools.repoRoot().resolve("dashboards/prometheus");
  private String promtool;

  @BeforeEach
  void promtool() {
    promtool = ExternalTools.assumeToolOrFailInCi("promtool", "apt-get install -y --no-install-recommends prometheus").toString();
  }

  @Test
  void configAndTheRuleFilesItReferencesAreValid() {
    ExternalTools.Result result = promtool("check", "config", "prometheus.yml");
    assertThat(result.ok()).as(result.output()).isTrue();
    // Every rules file must be loaded by the config, not just lie beside it.
    for (Path rules : ruleFiles()) {
      assertThat(result.output()).as("promtool check config loads %s", rules.getFileName()).contains("Checking rules/" + rules.getFileName());
    }
  }

  @Test
  void ruleFilesAreValid() {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    ruleFiles().forEach(p -> args.add(prometheusDir.relativize(p).toString()));
    ExternalTools.Result result = promtool(args.toArray(String[]::new));
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void ruleUnitTestsPass() {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    ruleTests().forEach(p -> args.add(prometheusDir.relativize(p).toString()));
    ExternalTools.Result result = promtool(args.toArray(String[]::new));
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAFiringAndAQuietUnitTest() throws IOException {
    List<String> alerts = new ArrayList<>();
    for (Path rules : ruleFiles()) {
      alerts.addAll(matches(ALERT, Files.readString(rules)));
    }
    assertThat(alerts).isNotEmpty().doesNotHaveDuplicates();
    StringBuilder tests = new StringBuilder();
    for (Path test : ruleTests()) {
      tests.append(Files.readString(test)).append('\n');
    }
    for (String alert : alerts) {
      List<String> cases = alertCases(tests.toString(), alert);
      assertThat(cases).as("unit test cases of alert %s", alert).isNotEmpty();
      assertThat(cases).as("alert %s: a case where it fires", alert).anyMatch(c -> c.contains("exp_labels:"));
      assertThat(cases).as("alert %s: a case where it stays quiet", alert).anyMatch(c -> c.contains("exp_alerts: []"));
    }
  }

  @Test
  void everyAlertPagesOrTicketsAndLinksARunbookSectionThatExists() throws IOException {
    Set<String> sections = runbookAnchors(Files.readString(ExternalTools.repoRoot().resolve("docs/runbook.md")));
    List<JsonNode> alerts = rules().stream().filter(r -> r.has("alert")).toList();
    assertThat(alerts).isNotEmpty();
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("labels").path("severity").asText()).as("%s: severity", name).isIn("page", "ticket");
      String url = alert.path("annotations").path("runbook_url").asText();
      Matcher m = RUNBOOK_URL.matcher(url);
      assertThat(m.matches()).as("%s: runbook_url %s is docs/runbook.md#<anchor>", name, url).isTrue();
      assertThat(sections).as("%s: docs/runbook.md has a section #%s", name, m.group(1)).contains(m.group(1));
    }
  }

  @Test
  void runbookAnchorsAreGitHubsHeadingAnchors() {
    assertThat(runbookAnchors("# Runbook\n\n## PublishLatencyIncident\n\ntext ## not a heading\n### What to check, first\n"))
        .containsExactly("runbook", "publishlatencyincident", "what-to-check-first");
  }

  @Test
  void recordedSeriesAreNamedLevelMetricOperations() throws IOException {
    List<JsonNode> recorded = rules().stream().filter(r -> r.has("record")).toList();
    assertThat(recorded).isNotEmpty();
    for (JsonNode rule : recorded) {
      String name = rule.path("record").asText();
      assertThat(namingProblem(name, rule.path("expr").asText())).as(name).isNull();
    }
    // The names these rules had before: "pmpulse" is not a level, "accepted_records" not a metric.
    assertThat(namingProblem("pmpulse:accepted_records:rate1m", "sum by (topic) (rate(pmpulse_accepted_records_total[1m]))")).isNotNull();
  }

  /**
   * What is wrong with a recorded series' name, or null: it must be level:metric:operations, the
   * metric one the expression reads, and the level the labels it aggregates by (job and instance,
   * which every series keeps, aside), joined with "_".
   */
  static String namingProblem(String name, String expr) {
    if (!RECORDED_NAME.matcher(name).matches()) {
      return "not level:metric:operations";
    }
    String[] parts = name.split(":");
    if (!Pattern.compile("\\b" + Pattern.quote(parts[1])).matcher(expr).find()) {
      return "the expression reads no metric " + parts[1];
    }
    Matcher by = BY.matcher(expr);
    if (by.find()) {
      List<String> labels = new ArrayList<>();
      for (String label : by.group(1).split(",")) {
        if (!List.of("job", "instance").contains(label.strip())) {
          labels.add(label.strip());
        }
      }
      if (!String.join("_", labels).equals(parts[0])) {
        return "level " + parts[0] + " is not the labels kept, " + labels;
      }
    }
    return null;
  }

  @Test
  void aBrokenRuleUnitTestFails(@TempDir Path dir) throws IOException {
    // The unit tests must be able to fail: a rule that never fires breaks its test.
    Path rules = Files.writeString(dir.resolve("rules.yml"),
        Files.readString(prometheusDir.resolve("rules/api-stability.yml")).replace("> 0", "> 1000"));
    Path test = Files.writeString(dir.resolve("test.yml"),
        Files.readString(prometheusDir.resolve("tests/api-stability.test.yml")).replace("../rules/api-stability.yml", rules.toString()));
    ExternalTools.Result result = ExternalTools.run(dir, TIMEOUT, List.of(promtool, "test", "rules", test.toString()));
    assertThat(result.ok()).as(result.output()).isFalse();
    assertThat(result.output()).contains("BreakingApiChangeThisQuarter");
  }

  /** Every rule of every rule file, as parsed YAML. */
  private List<JsonNode> rules() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> rules = new ArrayList<>();
    for (Path file : ruleFiles()) {
      yaml.readTree(file.toFile()).path("groups").forEach(g -> g.path("rules").forEach(rules::add));
    }
    return rules;
  }

  /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> runbookAnchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Matcher m = HEADING.matcher(markdown);
    while (m.find()) {
      anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
    }
    return anchors;
  }

  /** The alert_rule_test entries (from alertname to the next one) that test this alert. */
  private static List<String> alertCases(String tests, String alert) {
    List<String> cases = new ArrayList<>();
    String[] parts = tests.split("(?m)^\\s*-\\s*eval_time:");
    for (String part : parts) {
      Matcher m = TESTED_ALERT.matcher(part);
      if (m.find() && m.group(1).equals(alert)) {
        cases.add(part);
      }
    }
    return cases;
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private ExternalTools.Result promtool(String... args) {
    List<String> command = new ArrayList<>(List.of(promtool));
    command.addAll(List.of(args));
    return ExternalTools.run(prometheusDir, TIMEOUT, command);
  }

  private List<Path> ruleFiles() {
    return list(prometheusDir.resolve("rules"), ".yml");
  }

  private List<Path> ruleTests() {
    return list(prometheusDir.resolve("tests"), ".test.yml");
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
      assertThat(found).as("%s*%s", dir, suffix).isNotEmpty();
      return found;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
