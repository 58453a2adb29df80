package dev.pmpulse.streams.dailyupdate;

import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.query.KpiChanges;
import dev.pmpulse.streams.query.KpiView;
import dev.pmpulse.streams.query.KpiViews;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.ValueMapperWithKey;
import org.apache.kafka.streams.state.Stores;

/**
 * The end-of-day written update. Every KPI change and every aborted rollout stage are re-keyed
 * to one key, sent through one-partition repartition topics and merged, so a single
 * {@link DailyUpdateProcessor} sees all of them; it writes one {@link
 * dev.pmpulse.events.DailyUpdate} per UTC day to {@link Topics#DAILY_UPDATES}, once the day's data
 * is complete, from the latest values by event time. The latest day is served by {@code /report}.
 */
public final class DailyUpdates {
  /**
   * Wall-clock silence after which a steady source (a KPI that reports every hour or minute of
   * event time) is no longer waited for before a day is written.
   */
  public static final Duration SOURCE_IDLE_AFTER = Duration.ofMinutes(2);
  /** The last days written, by date: what a late input corrects. */
  public static final String DAYS_STORE = "report-days";
  /** Inputs of days not written yet, by day and event time. */
  public static final String PENDING_STORE = "report-pending";
  /** Per steady source, the latest day it reported on; and the days corrected, until written again. */
  public static final String PROGRESS_STORE = "report-progress";

  /** No settings: the report's days are UTC days. */
  public DailyUpdates() {}

  /**
   * @param kpis every KPI output topic's records (the views' inputs)
   * @param rolloutDecisions the rollout piece's output: its aborts are the day's decisions
   * @return the updates, as written to {@link Topics#DAILY_UPDATES}, keyed by date
   */
  public KStream<String, DailyUpdate> build(
      StreamsBuilder builder, KpiChanges kpis, KStream<String, RolloutDecision> rolloutDecisions, MeterRegistry meters) {
    AtomicInteger rewritesPending = new AtomicInteger();
    Gauge.builder("pmpulse.daily.report.rewrites.pending", rewritesPending, AtomicInteger::get)
        .description("Days whose update a late input corrected and that are not yet written again and committed")
        .register(meters);
    // The days store changes once a day and on each correction, the progress store once a day per
    // source; the pending store takes every input. The caches send each key once per commit.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(DAYS_STORE), Serdes.String(), Json.serde(DayLedger.class))
            // A backlog can correct a day thousands of times between commits.
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PENDING_STORE), Serdes.String(), Json.serde(TimedInput.class))
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PROGRESS_STORE), Serdes.String(), Serdes.String()));

    Map<String, KStream<String, ReportInput>> inputs = new LinkedHashMap<>();
    inputs.put("review", kpis.of(KpiViews.REVIEW_LATENCY)
        .filter((team, k) -> k != null && ReviewLatencyKpi.ALL_TEAMS.equals(team), Named.as("report-review-all"))
        .mapValues(ReportInput::ofReview, Named.as("report-review-in")));
    inputs.put("escalation", present(kpis, KpiViews.ESCALATION_RESOLUTION, "escalation", ReportInput::ofEscalation));
    inputs.put("api", present(kpis, KpiViews.API_STABILITY, "api", ReportInput::ofApiStability));
    inputs.put("latency", present(kpis, KpiViews.PUBLISH_LATENCY, "latency", ReportInput::ofPublishLatency));
    inputs.put("delivery", present(kpis, KpiViews.DELIVERY, "delivery", ReportInput::ofDelivery));
    inputs.put("violations", present(kpis, KpiViews.VIOLATIONS, "violations", ReportInput::ofViolation));
    // Null here is a resolution (a tombstone on the compacted topic), so it is kept.
    inputs.put("open", kpis.of(KpiViews.OPEN_ESCALATIONS)
        .mapValues(ReportInput::ofOpenEscalation, Named.as("report-open-in")));
    // Aborted rollout stages are the day's decisions; a stage that proceeds is not news.
    inputs.put("rollout", rolloutDecisions
        .filter((flag, d) -> d != null && d.decision() == RolloutDecision.Decision.ABORT, Named.as("report-rollout-aborts"))
        .mapValues(ReportInput::ofRolloutAbort, Named.as("report-rollout-in")));

    // Each input goes through a repartition topic of its own and they are merged after it, not
    // before: a merge before one repartition would put every KPI topic's source in one
    // sub-topology, whose tasks take their records in timestamp order across all of them, so the
    // live KPIs' views (publish latency, delivery) would wait behind the whole history of the
    // others at every start (BENCHMARKS.md, "Time to a full dashboard").
    KStream<String, ReportInput> all = null;
    for (Map.Entry<String, KStream<String, ReportInput>> input : inputs.entrySet()) {
      String source = input.getKey();
      KStream<String, ReportInput> oneKey =
          input.getValue()
              .selectKey((key, in) -> DailyUpdateProcessor.KEY, Named.as("report-" + source + "-one-key"))
              .repartition(
                  Repartitioned.with(Serdes.String(), Json.serde(ReportInput.class))
                      .withName("report-inputs-" + source)
                      .withNumberOfPartitions(1));
      all = all == null ? oneKey : all.merge(oneKey, Named.as("report-merge-" + source));
    }
    KStream<String, DailyUpdate> updates =
        all.process(
            () -> new DailyUpdateProcessor(rewritesPending),
            Named.as("report-daily"),
            DAYS_STORE,
            PENDING_STORE,
            PROGRESS_STORE);
    updates.to(
        Topics.DAILY_UPDATES.name(),
        Produced.with(Topics.DAILY_UPDATES.keySerde(), Topics.DAILY_UPDATES.valueSerde()).withName("report-out"));
    return updates;
  }

  /** A KPI view's records that have a value (not a tombstone), as report inputs. */
  private static <V> KStream<String, ReportInput> present(
      KpiChanges kpis, KpiView<V> view, String source, ValueMapperWithKey<String, V, ReportInput> in) {
    return kpis.of(view)
        .filter((k, v) -> v != null, Named.as("report-" + source + "-present"))
        .mapValues(in, Named.as("report-" + source + "-in"));
  }
}
