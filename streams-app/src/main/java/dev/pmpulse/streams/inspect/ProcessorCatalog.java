package dev.pmpulse.streams.inspect;

import dev.pmpulse.events.Topics;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where each node of the topology is implemented, and what it does in a line: what the {@code
 * /kafka} page shows when a node is clicked. Node names are the ones given in the code ({@code
 * Named.as}, {@code withName}); Kafka Streams adds {@code -repartition-filter}, {@code -sink} and
 * {@code -source} to a named repartition. A test checks that every node of the real topology has an
 * entry here and that every entry names a node and a class that exist, so this list cannot drift
 * from the code.
 */
public final class ProcessorCatalog {
  /** The part of the app a node belongs to: the page groups sub-topologies by it. */
  public enum Area {
    INTAKE("Intake"),
    TEAMS("Team directory (global store)"),
    REVIEW_LATENCY("PR review latency"),
    API_STABILITY("API stability"),
    ESCALATION_RESOLUTION("Escalation resolution"),
    PUBLISH_LATENCY("Publish latency SLO"),
    DELIVERY("Delivery guarantee"),
    ROLLOUTS("Feature-flag rollouts"),
    KPI_VIEWS("KPI views (interactive queries)"),
    DAILY_UPDATE("Daily update");

    private final String label;

    Area(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param names the node names this entry covers (a regular expression over the whole name)
   * @param className the class that implements the node, or that declares it in the DSL
   */
  public record Entry(Pattern names, Area area, String className, String what) {
    /** The source file of {@link #className} in this repository. */
    public String sourceFile() {
      String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
      return "streams-app/src/main/java/" + outer.replace('.', '/') + ".java";
    }
  }

  /** The input topics, each with its own intake nodes. */
  private static final String INPUT = Stream.of(
          Topics.PR_EVENTS, Topics.ESCALATION_EVENTS, Topics.LATENCY_SAMPLES, Topics.DELIVERY_SAMPLES, Topics.ROLLOUT_EVENTS)
      .map(t -> Pattern.quote(t.name()))
      .collect(Collectors.joining("|", "(", ")"));
  private static final String REPARTITION = "-repartition-(filter|sink|source)";

  static final List<Entry> ENTRIES = List.of(
      // The front door of every input topic (intake.Intake), one set of nodes per topic.
      entry("read-" + INPUT, Area.INTAKE, "intake.Intake",
          "Source: reads the input topic as bytes; EventTimeExtractor takes each record's event time"),
      entry("parse-" + INPUT, Area.INTAKE, "intake.ParseProcessor",
          "Parses the JSON and validates it; a bad record is marked with its reason, never dropped"),
      entry("intake-" + INPUT + "-", Area.INTAKE, "intake.Intake", "Splits the valid records from the rejected ones"),
      entry("intake-" + INPUT + "-valid", Area.INTAKE, "intake.Intake", "Branch: the records that passed validation"),
      entry("intake-" + INPUT + "-rejected", Area.INTAKE, "intake.Intake", "Branch: the records that did not"),
      entry("valid-" + INPUT, Area.INTAKE, "intake.Intake", "The typed event, handed to the KPIs"),
      entry("raw-" + INPUT, Area.INTAKE, "intake.Intake", "Takes the rejected record's original bytes back"),
      entry("dead-letter-" + INPUT, Area.INTAKE, "intake.DeadLetter",
          "Sink: writes rejected records to pmpulse.dead-letter, the reason in headers"),

      entry("teams-in-source", Area.TEAMS, "teams.TeamsTable",
          "Source of the global store: every instance reads every partition of pmpulse.teams, no tasks"),
      entry("teams-in", Area.TEAMS, "teams.TeamsTable$Updater",
          "Puts each valid team record into the global store 'teams'; a tombstone removes the team"),

      entry("review-track-pr", Area.REVIEW_LATENCY, "reviewlatency.PrReviewTracker",
          "Follows each PR from review request to first review; business hours by team calendar"),
      entry("review-outcomes-by-team" + REPARTITION, Area.REVIEW_LATENCY, "reviewlatency.ReviewLatency",
          "Repartition by team, so one task holds all of a team's reviews"),
      entry("review-aggregate-team", Area.REVIEW_LATENCY, "reviewlatency.ReviewLatencyAggregator",
          "Mean, p50, p90 over 7 days and per day; PRs waiting over target, by stream-time punctuation"),
      entry("review-latency-metrics", Area.REVIEW_LATENCY, "reviewlatency.ReviewLatencyMetrics",
          "Publishes the KPI as Prometheus gauges"),
      entry("review-latency-out", Area.REVIEW_LATENCY, "reviewlatency.ReviewLatency",
          "Sink: pmpulse.kpi.review-latency, keyed by team"),

      entry("api-merged", Area.API_STABILITY, "apistability.ApiStability", "Keeps merged PRs only"),
      entry("api-key-by-quarter", Area.API_STABILITY, "apistability.ApiStability",
          "Re-keys each merge by its calendar quarter"),
      entry("api-merges-by-quarter" + REPARTITION, Area.API_STABILITY, "apistability.ApiStability",
          "Repartition by quarter"),
      entry("api-count-quarter", Area.API_STABILITY, "apistability.ApiChangeCounter",
          "Counts breaking, additive and deprecating API changes per quarter, each PR once"),
      entry("api-stability-metrics", Area.API_STABILITY, "apistability.ApiStabilityMetrics",
          "Publishes the KPI as Prometheus gauges"),
      entry("api-stability-out", Area.API_STABILITY, "apistability.ApiStability",
          "Sink: pmpulse.kpi.api-stability (compacted), keyed by quarter"),

      entry("escalation-track", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationTracker",
          "Follows each escalation: opened, resolved, reopened; impossible histories to the dead-letter topic"),
      entry("escalation-tracked-(|changes|open|rejected)", Area.ESCALATION_RESOLUTION,
          "escalationresolution.EscalationResolution",
          "Splits the tracker's output: resolution changes, open-escalation updates, rejections"),
      entry("escalation-changes", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationResolution",
          "The resolution changes, typed"),
      entry("escalation-changes-by-severity" + REPARTITION, Area.ESCALATION_RESOLUTION,
          "escalationresolution.EscalationResolution", "Repartition by severity"),
      entry("escalation-aggregate-severity", Area.ESCALATION_RESOLUTION,
          "escalationresolution.EscalationResolutionAggregator",
          "Median and p90 resolution time per severity, per ISO week and calendar quarter"),
      entry("escalation-metrics", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationMetrics",
          "Publishes the KPI as Prometheus gauges"),
      entry("escalation-kpi-out", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationResolution",
          "Sink: pmpulse.kpi.escalation-resolution, keyed by severity"),
      entry("escalation-open-values", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationResolution",
          "An open escalation's value, or null (a tombstone) once it is resolved"),
      entry("open-escalations-out", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationResolution",
          "Sink: pmpulse.open-escalations, compacted: the latest value per id, tombstones delete"),
      entry("escalation-rejected-raw", Area.ESCALATION_RESOLUTION, "escalationresolution.EscalationResolution",
          "The original bytes of an event the tracker rejected"),
      entry("escalation-dead-letter", Area.ESCALATION_RESOLUTION, "intake.DeadLetter",
          "Sink: pmpulse.dead-letter, the reason in headers"),

      entry("latency-minute-p99", Area.PUBLISH_LATENCY, "publishlatency.MinuteP99Aggregator",
          "Merges samples into a DDSketch per cluster and minute; emits the p99 when the minute closes"),
      entry("latency-slo-judge", Area.PUBLISH_LATENCY, "publishlatency.SloEvaluator",
          "Compares each minute's p99 with the SLO, the baseline band and the incident line"),
      entry("latency-kpi", Area.PUBLISH_LATENCY, "publishlatency.PublishLatency", "The judged minute, as the KPI record"),
      entry("latency-kpi-metrics", Area.PUBLISH_LATENCY, "publishlatency.PublishLatencyMetrics",
          "Publishes the KPI as Prometheus gauges"),
      entry("latency-kpi-out", Area.PUBLISH_LATENCY, "publishlatency.PublishLatency",
          "Sink: pmpulse.kpi.publish-latency, keyed by cluster"),
      entry("latency-violations", Area.PUBLISH_LATENCY, "publishlatency.PublishLatency",
          "Crossings and recoveries of the three lines"),
      entry("latency-violation-metrics", Area.PUBLISH_LATENCY, "publishlatency.PublishLatencyMetrics",
          "Counts the crossings for Prometheus"),
      entry("slo-violations-out", Area.PUBLISH_LATENCY, "publishlatency.PublishLatency", "Sink: pmpulse.slo-violations"),

      entry("delivery-ledger", Area.DELIVERY, "delivery.DeliveryLedger",
          "Delivered / produced and duplicates per cluster; error budget and multi-window burn rates"),
      entry("delivery-metrics", Area.DELIVERY, "delivery.DeliveryMetrics", "Publishes the KPI as Prometheus gauges"),
      entry("delivery-kpi-out", Area.DELIVERY, "delivery.Delivery", "Sink: pmpulse.kpi.delivery, keyed by cluster"),

      entry("rollout-stage-by-cluster", Area.ROLLOUTS, "rollouts.Rollouts", "Re-keys each rollout stage by its cluster"),
      entry("rollout-stages" + REPARTITION, Area.ROLLOUTS, "rollouts.Rollouts",
          "Repartition into one partition, beside the judged minutes"),
      entry("rollout-minute-by-cluster", Area.ROLLOUTS, "rollouts.Rollouts",
          "Re-keys each judged latency minute by its cluster"),
      entry("rollout-judged-minutes" + REPARTITION, Area.ROLLOUTS, "rollouts.Rollouts",
          "Repartition into one partition, beside the stages"),
      entry("rollout-signals", Area.ROLLOUTS, "rollouts.Rollouts", "Merges stages and judged minutes into one stream"),
      entry("rollout-judge", Area.ROLLOUTS, "rollouts.RolloutJudge",
          "Proceeds a stage after its soak without a band breach, aborts it on one"),
      entry("rollout-decisions-out", Area.ROLLOUTS, "rollouts.Rollouts", "Sink: pmpulse.rollout-decisions, keyed by flag"),

      entry("kpi-view-[a-z-]+-in", Area.KPI_VIEWS, "query.KpiView", "Source: reads a KPI output topic back"),
      entry("kpi-view-[a-z-]+-key", Area.KPI_VIEWS, "query.KpiView", "Gives each record the view's own key"),
      entry("kpi-view-[a-z-]+-(table|keep)", Area.KPI_VIEWS, "query.KpiView",
          "Materializes the view's in-memory store, which /api/kpis queries"),
      entry("kpi-view-[a-z-]+-(by-key|table)" + REPARTITION, Area.KPI_VIEWS, "query.KpiView",
          "Repartition by the view's key"),
      entry("trend-[a-z-]+", Area.KPI_VIEWS, "trends.TrendRecorder",
          "Keeps the view's latest value per day or hour for 30 days: the dashboard's trend charts (/api/trends)"),

      entry("report-[a-z]+-(present|all)", Area.DAILY_UPDATE, "dailyupdate.DailyUpdates",
          "Keeps the KPI records the daily update reads"),
      entry("report-[a-z]+-in", Area.DAILY_UPDATE, "dailyupdate.ReportInput", "Turns a KPI record into a report input"),
      entry("report-rollout-aborts", Area.DAILY_UPDATE, "dailyupdate.DailyUpdates", "Keeps the aborted rollout stages"),
      entry("report-[a-z]+-one-key", Area.DAILY_UPDATE, "dailyupdate.DailyUpdates",
          "One key for everything, so a single task writes the update"),
      entry("report-inputs-[a-z]+" + REPARTITION, Area.DAILY_UPDATE, "dailyupdate.DailyUpdates",
          "Repartition onto that key: one topic per input, so no KPI's view waits for another's records"),
      entry("report-merge-[a-z]+", Area.DAILY_UPDATE, "dailyupdate.DailyUpdates",
          "Merges the inputs into one stream, after their repartition topics"),
      entry("report-daily", Area.DAILY_UPDATE, "dailyupdate.DailyUpdateProcessor",
          "Writes one update per UTC day once every steady source has reported past midnight"),
      entry("report-out", Area.DAILY_UPDATE, "dailyupdate.DailyUpdates", "Sink: pmpulse.daily-updates, keyed by date"));

  private ProcessorCatalog() {}

  /** The entry covering {@code node}, if any. */
  public static Optional<Entry> of(String node) {
    return ENTRIES.stream().filter(e -> e.names().matcher(node).matches()).findFirst();
  }

  public static List<Entry> entries() {
    return ENTRIES;
  }

  private static Entry entry(String names, Area area, String className, String what) {
    return new Entry(Pattern.compile(names), area, "dev.pmpulse.streams." + className, what);
  }
}
