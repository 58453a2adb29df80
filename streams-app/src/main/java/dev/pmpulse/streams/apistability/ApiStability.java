package dev.pmpulse.streams.apistability;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The API stability KPI: API changes of merged PRs per calendar quarter of {@code zone}, per API
 * surface and in total; target 0 breaking. Merged events are re-keyed by quarter onto one
 * partition (merges are few), then {@link ApiChangeCounter} counts each PR once.
 */
public final class ApiStability {
  /** A merge for a quarter that ended longer ago than this (by stream time) is late. */
  static final Duration GRACE = Duration.ofDays(7);

  private final ZoneId zone;

  /** @param zone the calendar quarters are those of this zone (changing it needs a fresh app id) */
  public ApiStability(ZoneId zone) {
    this.zone = zone;
  }

  /** @return the KPI's reports, as written to {@link Topics#API_STABILITY_KPI}, keyed by quarter */
  public KStream<String, ApiStabilityKpi> build(
      StreamsBuilder builder, KStream<String, PrEvent> prEvents, MeterRegistry meters) {
    ApiStabilityMetrics metrics = new ApiStabilityMetrics(meters);
    var late = meters.counter("pmpulse.late.records", "kpi", "api-stability");

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ApiChangeCounter.QUARTERS_STORE),
            Serdes.String(),
            Json.serde(QuarterTally.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ApiChangeCounter.COUNTED_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ApiChangeCounter.DAYS_STORE),
            Serdes.String(),
            Json.serde(QuarterTally.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ApiChangeCounter.REPORTED_STORE), Serdes.String(), Serdes.Long()));

    KStream<String, ApiStabilityKpi> kpis =
        prEvents
            .filter((key, e) -> e.type() == PrEvent.Type.MERGED, Named.as("api-merged"))
            .selectKey((key, e) -> QuarterKey.of(e.at(), zone).label(), Named.as("api-key-by-quarter"))
            .repartition(
                Repartitioned.with(Serdes.String(), Topics.PR_EVENTS.valueSerde())
                    .withName("api-merges-by-quarter")
                    // One task sees every quarter, so "the current quarter" is one instance's answer.
                    .withNumberOfPartitions(1))
            .process(
                () -> new ApiChangeCounter(zone, GRACE, late),
                Named.as("api-count-quarter"),
                ApiChangeCounter.QUARTERS_STORE,
                ApiChangeCounter.COUNTED_STORE,
                ApiChangeCounter.DAYS_STORE,
                ApiChangeCounter.REPORTED_STORE)
            .peek((quarter, kpi) -> metrics.record(kpi), Named.as("api-stability-metrics"));
    kpis.to(
        Topics.API_STABILITY_KPI.name(),
        Produced.with(Topics.API_STABILITY_KPI.keySerde(), Topics.API_STABILITY_KPI.valueSerde())
            .withName("api-stability-out"));
    return kpis;
  }
}
