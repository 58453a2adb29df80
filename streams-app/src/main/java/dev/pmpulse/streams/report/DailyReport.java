package dev.pmpulse.streams.report;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.query.KpiTables;
import dev.pmpulse.streams.query.KpiViews;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The end-of-day written update. Every KPI table's changes and every aborted rollout stage are merged, re-keyed to one key and
 * sent through a one-partition repartition topic, so a single {@link DailyReportProcessor} sees
 * all of them in stream-time order; it writes one {@link dev.pmpulse.events.DailyUpdate} per UTC
 * day to {@link Topics#DAILY_UPDATES}. The latest one is served by {@code /report}.
 */
public final class DailyReport {
  public static final String LEDGER_STORE = "report-ledger";

  private DailyReport() {}

  public static void build(StreamsBuilder builder, KpiTables kpis, KStream<String, RolloutDecision> rolloutDecisions) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LEDGER_STORE), Serdes.String(), Json.serde(DayLedger.class))
            // One key rewritten on every KPI change: the cache sends only its last value per commit
            // to RocksDB and the changelog.
            .withCachingEnabled());

    KStream<String, ReportInput> review =
        kpis.of(KpiViews.REVIEW_LATENCY).toStream(Named.as("report-review"))
            .filter((team, k) -> k != null && ReviewLatencyKpi.ALL_TEAMS.equals(team), Named.as("report-review-all"))
            .mapValues(ReportInput::ofReview, Named.as("report-review-in"));
    KStream<String, ReportInput> all =
        review
            .merge(kpis.of(KpiViews.ESCALATION).toStream(Named.as("report-escalation"))
                .filter((k, v) -> v != null, Named.as("report-escalation-present"))
                .mapValues(ReportInput::ofEscalation, Named.as("report-escalation-in")), Named.as("report-merge-escalation"))
            .merge(kpis.of(KpiViews.API_STABILITY).toStream(Named.as("report-api"))
                .filter((k, v) -> v != null, Named.as("report-api-present"))
                .mapValues(ReportInput::ofApiStability, Named.as("report-api-in")), Named.as("report-merge-api"))
            .merge(kpis.of(KpiViews.PUBLISH_LATENCY).toStream(Named.as("report-latency"))
                .filter((k, v) -> v != null, Named.as("report-latency-present"))
                .mapValues(ReportInput::ofPublishLatency, Named.as("report-latency-in")), Named.as("report-merge-latency"))
            .merge(kpis.of(KpiViews.DELIVERY).toStream(Named.as("report-delivery"))
                .filter((k, v) -> v != null, Named.as("report-delivery-present"))
                .mapValues(ReportInput::ofDelivery, Named.as("report-delivery-in")), Named.as("report-merge-delivery"))
            .merge(kpis.of(KpiViews.VIOLATIONS).toStream(Named.as("report-violations"))
                .filter((k, v) -> v != null, Named.as("report-violations-present"))
                .mapValues(ReportInput::ofViolation, Named.as("report-violations-in")), Named.as("report-merge-violations"))
            // Null here is a resolution (a tombstone on the compacted topic), so it is kept.
            .merge(kpis.of(KpiViews.OPEN_ESCALATIONS).toStream(Named.as("report-open"))
                .mapValues(ReportInput::ofOpenEscalation, Named.as("report-open-in")), Named.as("report-merge-open"))
            // Aborted rollout stages are the day's decisions; a stage that proceeds is not news.
            .merge(rolloutDecisions
                .filter((flag, d) -> d != null && d.decision() == RolloutDecision.Decision.ABORT, Named.as("report-rollout-aborts"))
                .mapValues(ReportInput::ofRolloutAbort, Named.as("report-rollout-in")), Named.as("report-merge-rollouts"));

    all.map((key, in) -> KeyValue.pair(DailyReportProcessor.KEY, in), Named.as("report-one-key"))
        .repartition(
            Repartitioned.with(Serdes.String(), Json.serde(ReportInput.class))
                .withName("report-inputs")
                .withNumberOfPartitions(1))
        .process(DailyReportProcessor::new, Named.as("report-daily"), LEDGER_STORE)
        .to(
            Topics.DAILY_UPDATES.name(),
            Produced.with(Topics.DAILY_UPDATES.keySerde(), Topics.DAILY_UPDATES.valueSerde()).withName("report-out"));
  }
}
