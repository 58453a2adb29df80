package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.DeadLetter;
import dev.pmpulse.streams.stats.DurationStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The escalation resolution KPI: calendar time from an escalation's opening (or reopening) to its
 * resolution, per severity, per ISO week and calendar quarter; and the escalations open now. Two
 * steps: {@link EscalationTracker} per escalation, which also keeps the compacted {@link
 * Topics#OPEN_ESCALATIONS} topic and dead-letters impossible histories, then {@link
 * EscalationResolutionAggregator} per severity, joined by a repartition on severity.
 */
public final class EscalationResolution {
  /** The KPI's default target: median below 48 calendar hours, for P0 and P1. */
  public static final Duration TARGET = Duration.ofHours(48);

  /** Severities the target applies to; P2 and P3 are reported beside them for information. */
  public static final Set<Severity> TARGETED = EnumSet.of(Severity.P0, Severity.P1);

  /** A resolution whose ISO week has been closed longer than this (stream time) is late. */
  public static final Duration GRACE = Duration.ofDays(7);

  /** How often (stream time) open escalations are checked against the target. */
  static final Duration SCAN_INTERVAL = Duration.ofMinutes(15);

  /** A resolved escalation with no event for this long is forgotten; open ones never are. */
  static final Duration FORGET_AFTER = Duration.ofDays(90);

  static final String KPI = "escalation-resolution";

  private static final String TRACKED = "escalation-tracked-";

  private final Duration target;

  /** With the default target. */
  public EscalationResolution() {
    this(TARGET);
  }

  /**
   * @param target the median resolution time P0 and P1 escalations are judged against (the teams
   *     file's {@code escalations.targetHours}: escalations name a customer, not a team)
   */
  public EscalationResolution(Duration target) {
    this.target = target;
  }

  /**
   * Also writes {@link Topics#OPEN_ESCALATIONS} and dead-letters impossible histories.
   *
   * @return the KPI's reports, as written to {@link Topics#ESCALATION_RESOLUTION_KPI}, keyed by severity
   */
  public KStream<String, EscalationResolutionKpi> build(
      StreamsBuilder builder, KStream<String, EscalationEvent> events, MeterRegistry meters) {
    EscalationMetrics metrics = new EscalationMetrics(meters, target.toSeconds());
    Counter late = meters.counter("pmpulse.late.records", "kpi", KPI);
    Counter duplicates =
        Counter.builder("pmpulse.duplicate.records")
            .tag("kpi", KPI)
            .description("Input events delivered again (an event id already applied), ignored")
            .register(meters);
    String source = Topics.ESCALATION_EVENTS.name();

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EscalationTracker.STORE),
            Serdes.String(),
            Json.serde(EscalationState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EscalationResolutionAggregator.BUCKET_STORE),
            Serdes.String(),
            Json.serde(DurationStats.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EscalationResolutionAggregator.REPORTED_STORE),
            Serdes.String(),
            Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EscalationResolutionAggregator.COUNT_STORE),
            Serdes.String(),
            Json.serde(OpenCounts.class)));

    Map<String, KStream<String, TrackerOutput>> tracked =
        events
            .process(
                () ->
                    new EscalationTracker(
                        target, SCAN_INTERVAL, FORGET_AFTER, duplicates,
                        reason -> DeadLetter.counter(meters, source, reason)),
                Named.as("escalation-track"),
                EscalationTracker.STORE)
            .split(Named.as(TRACKED))
            .branch((key, out) -> out instanceof EscalationChange, Branched.as("changes"))
            .branch((key, out) -> out instanceof TrackerOutput.OpenUpdate, Branched.as("open"))
            .defaultBranch(Branched.as("rejected"));

    KStream<String, EscalationResolutionKpi> kpis =
        tracked
            .get(TRACKED + "changes")
            .mapValues(out -> (EscalationChange) out, Named.as("escalation-changes"))
            .repartition(
                Repartitioned.with(Serdes.String(), Json.serde(EscalationChange.class))
                    .withName("escalation-changes-by-severity"))
            .process(
                () -> new EscalationResolutionAggregator(target, GRACE, late),
                Named.as("escalation-aggregate-severity"),
                EscalationResolutionAggregator.BUCKET_STORE,
                EscalationResolutionAggregator.COUNT_STORE,
                EscalationResolutionAggregator.REPORTED_STORE)
            .peek((severity, kpi) -> metrics.record(kpi), Named.as("escalation-metrics"));
    kpis.to(
        Topics.ESCALATION_RESOLUTION_KPI.name(),
        Produced.with(Topics.ESCALATION_RESOLUTION_KPI.keySerde(), Topics.ESCALATION_RESOLUTION_KPI.valueSerde())
            .withName("escalation-kpi-out"));

    tracked
        .get(TRACKED + "open")
        // A resolved escalation's value is null: a tombstone on the compacted topic.
        .mapValues(out -> ((TrackerOutput.OpenUpdate) out).value(), Named.as("escalation-open-values"))
        .to(
            Topics.OPEN_ESCALATIONS.name(),
            Produced.with(Topics.OPEN_ESCALATIONS.keySerde(), Topics.OPEN_ESCALATIONS.valueSerde())
                .withName("open-escalations-out"));

    tracked
        .get(TRACKED + "rejected")
        .mapValues(out -> ((TrackerOutput.Rejected) out).raw(), Named.as("escalation-rejected-raw"))
        .to(
            Topics.DEAD_LETTER.name(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName("escalation-dead-letter"));
    return kpis;
  }
}
