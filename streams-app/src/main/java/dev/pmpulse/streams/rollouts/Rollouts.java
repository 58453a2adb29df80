package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
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
 * incident line) at the stage start or during its soak, and proceeds at start + soak without one.
 * Every verdict is a function of event time only: a stage is decided once its cluster's latency has
 * been judged far enough (through the deadline to proceed, through the crossing to abort), whatever
 * order the stages and the latency minutes arrive in (see {@link RolloutJudge}).
 *
 * <p>Design. Rollout events are keyed by flag, the publish latency piece's judged minutes ({@link
 * PublishLatencyKpi}, one per cluster per closed minute) by cluster, and the decision needs both
 * for the same cluster in one place. Both streams are re-keyed by cluster and each goes through a
 * repartition topic of <b>one partition</b>, then they are merged into one stateful processor that
 * keeps the pending stages, the latest stage per flag and each cluster's judged-through time and
 * breach history. Not a KTable join: a stage must be decided by minutes that come after it, and a
 * minute by the stages that came before it. Both inputs are low-volume (a stage every ~45 minutes
 * per flag, one judged minute per cluster per minute), so one partition is no bottleneck.
 *
 * <p>Why every judged minute and not only the violations: the sparse crossings and recoveries say
 * nothing about how far a cluster has been judged, so "no crossing yet" could not be told from "no
 * data yet", and a stage would proceed on minutes the publish latency piece had not judged. The
 * minutes are taken from that piece inside the topology, not read back from {@code
 * pmpulse.kpi.publish-latency}.
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
      KStream<String, PublishLatencyKpi> judgedMinutes,
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
            Stores.inMemoryKeyValueStore(RolloutJudge.STAGES_STORE), Serdes.String(), Json.serde(StageState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(RolloutJudge.PENDING_STORE), Serdes.String(), Json.serde(StageState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(RolloutJudge.CLUSTERS_STORE),
            Serdes.String(),
            Json.serde(ClusterJudgements.class)));

    KStream<String, RolloutSignal> stages =
        rolloutEvents
            .map((flag, e) -> KeyValue.pair(e.cluster(), RolloutSignal.of(e)), Named.as("rollout-stage-by-cluster"))
            .repartition(
                Repartitioned.with(Serdes.String(), signalSerde).withName("rollout-stages").withNumberOfPartitions(1));
    KStream<String, RolloutSignal> minutes =
        judgedMinutes
            .map((cluster, m) -> KeyValue.pair(m.cluster(), RolloutSignal.of(m)), Named.as("rollout-minute-by-cluster"))
            .repartition(
                Repartitioned.with(Serdes.String(), signalSerde)
                    .withName("rollout-judged-minutes")
                    .withNumberOfPartitions(1));

    KStream<String, RolloutDecision> decisions =
        stages
            .merge(minutes, Named.as("rollout-signals"))
            .process(
                () -> new RolloutJudge(soak, metrics, late, duplicates),
                Named.as("rollout-judge"),
                RolloutJudge.STAGES_STORE,
                RolloutJudge.PENDING_STORE,
                RolloutJudge.CLUSTERS_STORE);
    decisions.to(
        Topics.ROLLOUT_DECISIONS.name(),
        Produced.with(Topics.ROLLOUT_DECISIONS.keySerde(), Topics.ROLLOUT_DECISIONS.valueSerde())
            .withName("rollout-decisions-out"));
    return decisions;
  }
}
