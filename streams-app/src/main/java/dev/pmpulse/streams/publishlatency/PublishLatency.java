package dev.pmpulse.streams.publishlatency;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.slo.SloSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The publish-latency SLO: p99 per cluster per event-time minute ({@link MinuteP99Aggregator}),
 * judged against the SLO, the tolerance band and the incident threshold ({@link SloEvaluator}).
 * Samples are keyed by cluster on their topic, so both steps run in the task that owns the cluster
 * and no repartition is needed.
 */
public final class PublishLatency {
  private final SloSettings settings;

  /** @param settings the SLO, band and incident lines, the baseline, the grace for late samples */
  public PublishLatency(SloSettings settings) {
    this.settings = settings;
  }

  /**
   * Also writes each crossing and recovery of a line to {@code Topics.SLO_VIOLATIONS}.
   *
   * @return every closed minute as judged, as written to {@code Topics.PUBLISH_LATENCY_KPI}, keyed
   *     by cluster, for KPIs that need to know how far each cluster has been judged and its breach
   *     state then (feature-flag rollouts)
   */
  public KStream<String, PublishLatencyKpi> build(
      StreamsBuilder builder, KStream<String, LatencySample> samples, MeterRegistry meters) {
    PublishLatencyMetrics metrics = new PublishLatencyMetrics(meters, settings.sloMs());
    var late = meters.counter("pmpulse.late.records", "kpi", "publish-latency");

    // In memory: the store holds only the open minutes (two or so per cluster); the changelog
    // restores it after a restart.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(MinuteP99Aggregator.STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SloEvaluator.STORE), Serdes.String(), Json.serde(SloState.class)));

    KStream<String, SloEvaluation> judged =
        samples
            .process(
                () -> new MinuteP99Aggregator(settings.grace(), late),
                Named.as("latency-minute-p99"),
                MinuteP99Aggregator.STORE)
            .process(() -> new SloEvaluator(settings), Named.as("latency-slo-judge"), SloEvaluator.STORE);

    KStream<String, PublishLatencyKpi> minutes =
        judged
            .mapValues(SloEvaluation::kpi, Named.as("latency-kpi"))
            .peek((cluster, kpi) -> metrics.record(kpi), Named.as("latency-kpi-metrics"));
    minutes.to(
        Topics.PUBLISH_LATENCY_KPI.name(),
        Produced.with(Topics.PUBLISH_LATENCY_KPI.keySerde(), Topics.PUBLISH_LATENCY_KPI.valueSerde())
            .withName("latency-kpi-out"));
    judged
        .flatMapValues(SloEvaluation::violations, Named.as("latency-violations"))
        .peek((cluster, v) -> metrics.violation(v), Named.as("latency-violation-metrics"))
        .to(
            Topics.SLO_VIOLATIONS.name(),
            Produced.with(Topics.SLO_VIOLATIONS.keySerde(), Topics.SLO_VIOLATIONS.valueSerde())
                .withName("slo-violations-out"));
    return minutes;
  }
}
