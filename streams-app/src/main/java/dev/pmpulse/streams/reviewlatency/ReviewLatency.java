package dev.pmpulse.streams.reviewlatency;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.stats.DurationStats;
import dev.pmpulse.streams.teams.TeamsTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The PR review latency KPI: business time from a PR's review request to its first review that
 * approves or requests changes, by someone who is neither the author nor a bot. Two steps: {@link
 * PrReviewTracker} per PR, then {@link ReviewLatencyAggregator} per team, joined by a repartition
 * on team.
 */
public final class ReviewLatency {
  /**
   * The KPI's default target, mean below 4 business hours: of a team that sets none, of a team the
   * directory does not know, and of the overall figure. Each team's own is in the teams file.
   */
  public static final Duration TARGET = Duration.ofMillis(Math.round(Team.DEFAULT_REVIEW_TARGET_HOURS * 3_600_000));

  /** Per-PR review state ({@link PrReview}) keyed by {@code repo#number}; queryable over HTTP. */
  public static final String PR_STATE_STORE = PrReviewTracker.STORE;

  /** How often (stream time) waiting PRs are checked against the target. */
  static final Duration SCAN_INTERVAL = Duration.ofMinutes(15);

  /** A PR with no event for this long is forgotten, so the store cannot grow without bound. */
  static final Duration FORGET_AFTER = Duration.ofDays(30);

  /**
   * No settings: each team's business calendar, target and ignored logins come from the team
   * directory ({@link TeamsTable}), which the topology must hold.
   */
  public ReviewLatency() {}

  /** @return the KPI's reports, as written to {@link Topics#REVIEW_LATENCY_KPI}, keyed by team */
  public KStream<String, ReviewLatencyKpi> build(
      StreamsBuilder builder, KStream<String, PrEvent> prEvents, MeterRegistry meters) {
    ReviewLatencyMetrics metrics = new ReviewLatencyMetrics(meters, TARGET.toSeconds());
    var late = meters.counter("pmpulse.late.records", "kpi", "review-latency");

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(PrReviewTracker.STORE),
            Serdes.String(),
            Json.serde(PrReview.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ReviewLatencyAggregator.DAILY_STORE),
            Serdes.String(),
            Json.serde(DurationStats.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ReviewLatencyAggregator.REPORTED_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ReviewLatencyAggregator.MEASURED_STORE),
            Serdes.String(),
            Json.serde(MeasuredReview.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ReviewLatencyAggregator.WAITING_STORE),
            Serdes.String(),
            Serdes.Long()));

    KStream<String, ReviewLatencyKpi> kpis =
        prEvents
            .process(
                () -> new PrReviewTracker(SCAN_INTERVAL, FORGET_AFTER),
                Named.as("review-track-pr"),
                PrReviewTracker.STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), Json.serde(ReviewOutcome.class))
                    .withName("review-outcomes-by-team"))
            .process(
                () -> new ReviewLatencyAggregator(late),
                Named.as("review-aggregate-team"),
                ReviewLatencyAggregator.DAILY_STORE,
                ReviewLatencyAggregator.WAITING_STORE,
                ReviewLatencyAggregator.REPORTED_STORE,
                ReviewLatencyAggregator.MEASURED_STORE)
            .peek((team, kpi) -> metrics.record(kpi), Named.as("review-latency-metrics"));
    kpis.to(
        Topics.REVIEW_LATENCY_KPI.name(),
        Produced.with(Topics.REVIEW_LATENCY_KPI.keySerde(), Topics.REVIEW_LATENCY_KPI.valueSerde())
            .withName("review-latency-out"));
    return kpis;
  }
}
