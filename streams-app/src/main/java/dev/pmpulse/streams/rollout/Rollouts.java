package dev.pmpulse.streams.rollout;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Feature-flag rollouts with abort conditions: each stage (5, 10, 25, 50, 100%) of a flag on a
 * cluster is aborted when that cluster's publish latency breaches its tolerance band (or the
 * incident line) while the stage is live, and proceeds after a soak time without one.
 *
 * <p>Design. Rollout events are keyed by flag, SLO violations by cluster, and the decision needs
 * both for the same cluster in one place. Both streams are re-keyed by cluster and each goes
 * through a repartition topic of <b>one partition</b>, then they are merged into one stateful
 * processor ({@link RolloutJudge}) that keeps the breach state per cluster and the live stage per
 * flag. Two things make one partition the simplest correct choice rather than a KTable join:
 *
 * <ul>
 *   <li>A stage must react to violations that come <i>after</i> it started (a stream-table join
 *       only looks up the table when the stream side arrives), and must time out on its own (a
 *       stage with no breach proceeds after the soak), which needs a processor with punctuation.
 *   <li>The soak timeout is a stream-time punctuation. Stream time is per partition; with every
 *       signal of every cluster in one partition, it advances whenever anything happens anywhere,
 *       instead of stalling on a partition whose clusters are quiet. Both inputs are low-volume
 *       (a stage every ~45 minutes per flag, a violation only on a change), so one partition is no
 *       bottleneck.
 * </ul>
 *
 * <p>The violations are taken from the SLO piece inside the topology (not read back from {@code
 * pmpulse.slo-violations}), so that topic stays free for other readers of this topology. Only band
 * and incident changes are repartitioned; the absolute SLO line does not abort rollouts.
 */
public final class Rollouts {
  public static final Duration DEFAULT_SOAK = Duration.ofMinutes(30);
  static final String KPI = "rollouts";

  private final Duration soak;

  /** @param soak how long a stage must be live with no band breach to proceed */
  public Rollouts(Duration soak) {
    if (soak.isNegative() || soak.isZero()) {
      throw new IllegalArgumentException("soak must be positive, was " + soak);
    }
    this.soak = soak;
  }

  /** @return the decisions, as written to {@link Topics#ROLLOUT_DECISIONS} */
  public KStream<String, RolloutDecision> build(
      StreamsBuilder builder,
      KStream<String, RolloutEvent> rolloutEvents,
      KStream<String, SloViolation> violations,
      MeterRegistry meters) {
    RolloutMetrics metrics = new RolloutMetrics(meters);
    Counter late = meters.counter("pmpulse.late.records", "kpi", KPI);
    Counter duplicates =
        Counter.builder("pmpulse.duplicate.records")
            .tag("kpi", KPI)
            .description("Input events delivered again (an event id already applied), ignored")
            .register(meters);
    Serde<RolloutSignal> signalSerde = Json.serde(RolloutSignal.class);

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RolloutJudge.STAGES_STORE), Serdes.String(), Json.serde(StageState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RolloutJudge.BREACH_STORE), Serdes.String(), Json.serde(ClusterBreach.class)));

    KStream<String, RolloutSignal> stages =
        rolloutEvents
            .map((flag, e) -> KeyValue.pair(e.cluster(), RolloutSignal.of(e)), Named.as("rollout-stage-by-cluster"))
            .repartition(
                Repartitioned.with(Serdes.String(), signalSerde).withName("rollout-stages").withNumberOfPartitions(1));
    KStream<String, RolloutSignal> breaches =
        violations
            .filter((cluster, v) -> v.level() != SloViolation.Level.SLO, Named.as("rollout-band-and-incident"))
            .map((cluster, v) -> KeyValue.pair(v.cluster(), RolloutSignal.of(v)), Named.as("rollout-violation-by-cluster"))
            .repartition(
                Repartitioned.with(Serdes.String(), signalSerde).withName("rollout-violations").withNumberOfPartitions(1));

    KStream<String, RolloutDecision> decisions =
        stages
            .merge(breaches, Named.as("rollout-signals"))
            .process(
                () -> new RolloutJudge(soak, metrics, late, duplicates),
                Named.as("rollout-judge"),
                RolloutJudge.STAGES_STORE,
                RolloutJudge.BREACH_STORE);
    decisions.to(
        Topics.ROLLOUT_DECISIONS.name(),
        Produced.with(Topics.ROLLOUT_DECISIONS.keySerde(), Topics.ROLLOUT_DECISIONS.valueSerde())
            .withName("rollout-decisions-out"));
    return decisions;
  }
}
