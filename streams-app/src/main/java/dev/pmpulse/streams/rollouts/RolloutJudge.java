package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.streams.rollouts.ClusterJudgements.StageVerdict;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each rollout stage once, in event time, from its cluster's judged minutes:
 *
 * <ul>
 *   <li>abort at the stage start when the cluster's band or incident line is breached then (a
 *       minute's verdict holds from the end of the minute);
 *   <li>otherwise abort at the first band or incident crossing timed after the start and before the
 *       deadline (start + soak);
 *   <li>otherwise proceed at the deadline, once the cluster has been judged through it.
 * </ul>
 *
 * <p>A verdict is a function of the stage and the cluster's judged minutes only, so it does not
 * matter which arrives first: a stage waits in {@link #PENDING_STORE} until its cluster is judged
 * far enough, and each cluster keeps its breach history ({@link ClusterJudgements}) for {@link
 * #KEEP_HISTORY} plus the soak, so a stage that arrives after its cluster's minutes is decided from
 * that history. A stage whose start is older than the kept history is counted late and not judged.
 * A stage on a cluster that is never judged stays pending.
 *
 * <p>A newer stage of a flag becomes the flag's current stage (its gauges, the baseline for
 * duplicates), but an older stage still pending is decided on its own soak all the same. Cutting it
 * short would make its verdict depend on whether the newer stage event had arrived when the
 * cluster's minutes did, the very arrival-order dependence this judge exists to avoid.
 */
final class RolloutJudge implements Processor<String, RolloutSignal, String, RolloutDecision> {
  static final String STAGES_STORE = "rollout-stages";
  static final String PENDING_STORE = "rollout-pending-stages";
  static final String CLUSTERS_STORE = "rollout-cluster-judgements";
  /** A decided stage is remembered this long, to recognise redelivered or older stage events. */
  static final Duration REMEMBER_DECIDED = Duration.ofDays(7);
  /**
   * A cluster's breach changes are kept this long (plus the soak) behind its latest judged minute:
   * how far the latency side may run ahead of the stage events (a replay, a restart, a backlog)
   * with every stage still judged. A day was too short: replaying two simulated days, the latency
   * side ran more than a day ahead and a stage went unjudged in one run but not in the other. Seven
   * days is also how far the intake lets an event run ahead of stream time. Changes are rare (a
   * crossing or a recovery), so the list stays short.
   */
  static final Duration KEEP_HISTORY = Duration.ofDays(7);

  private final Duration soak;
  private final RolloutMetrics metrics;
  private final Counter late;
  private final Counter duplicates;
  private ProcessorContext<String, RolloutDecision> context;
  private KeyValueStore<String, StageState> stages;
  private KeyValueStore<String, StageState> pending;
  private KeyValueStore<String, ClusterJudgements> clusters;

  RolloutJudge(Duration soak, RolloutMetrics metrics, Counter late, Counter duplicates) {
    this.soak = soak;
    this.metrics = metrics;
    this.late = late;
    this.duplicates = duplicates;
  }

  @Override
  public void init(ProcessorContext<String, RolloutDecision> context) {
    this.context = context;
    this.stages = context.getStateStore(STAGES_STORE);
    this.pending = context.getStateStore(PENDING_STORE);
    this.clusters = context.getStateStore(CLUSTERS_STORE);
    // Housekeeping only: no verdict depends on stream time.
    context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, now -> forgetOld(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<String, RolloutSignal> record) {
    RolloutSignal signal = record.value();
    if (signal.stage() != null) {
      start(signal.stage());
    } else if (signal.minute() != null) {
      judged(signal.minute());
    }
  }

  private void start(RolloutEvent e) {
    StageState previous = stages.get(e.flag());
    if (previous != null && !e.at().isAfter(previous.start())) {
      boolean same = e.eventId().equals(previous.eventId())
          || (e.stagePercent() == previous.stagePercent() && e.at().equals(previous.start()));
      (same ? duplicates : late).increment();
      return;
    }
    ClusterJudgements cluster = judgementsOf(e.cluster());
    if (e.at().isBefore(cluster.knownSince())) {
      late.increment(); // the cluster's breach history of that time is no longer kept
      return;
    }
    StageState stage =
        new StageState(e.flag(), e.cluster(), e.stagePercent(), e.eventId(), e.at(), e.at().plus(soak), null, null);
    stages.put(e.flag(), stage);
    metrics.stageStarted(e.flag(), e.stagePercent());
    StageVerdict verdict = cluster.verdictOn(stage);
    if (verdict != null) {
      decide(stage, verdict);
    } else {
      pending.put(pendingKey(stage), stage);
    }
  }

  private void judged(PublishLatencyKpi minute) {
    ClusterJudgements before = judgementsOf(minute.cluster());
    if (!before.isNew(minute)) {
      late.increment(); // a minute at or before one already judged
      return;
    }
    ClusterJudgements after = before.judged(minute, KEEP_HISTORY.plus(soak));
    clusters.put(minute.cluster(), after);
    for (KeyValue<String, StageState> waiting : pendingOn(minute.cluster())) {
      StageVerdict verdict = after.verdictOn(waiting.value);
      if (verdict != null) {
        pending.delete(waiting.key);
        decide(waiting.value, verdict);
      }
    }
  }

  private void decide(StageState stage, StageVerdict verdict) {
    StageState current = stages.get(stage.flag());
    boolean isCurrent = current != null && current.start().equals(stage.start());
    if (isCurrent) {
      stages.put(stage.flag(), stage.decided(verdict.decision(), verdict.at()));
    }
    metrics.decided(stage.flag(), verdict.decision(), verdict.at(), isCurrent);
    RolloutDecision d =
        new RolloutDecision(
            RolloutDecision.VERSION, stage.flag(), stage.cluster(), stage.stagePercent(), verdict.decision(),
            verdict.reason(), stage.start(), verdict.at());
    context.forward(new Record<>(stage.flag(), d, verdict.at().toEpochMilli()));
  }

  /** Forgets decided stages after {@link #REMEMBER_DECIDED} and finished flags' gauges. */
  private void forgetOld(Instant now) {
    List<String> forget = new ArrayList<>();
    try (KeyValueIterator<String, StageState> it = stages.all()) {
      while (it.hasNext()) {
        StageState s = it.next().value;
        if (!s.live() && s.decidedAt().plus(REMEMBER_DECIDED).isBefore(now)) {
          forget.add(s.flag());
        }
      }
    }
    forget.forEach(stages::delete);
    metrics.forgetFinishedBefore(now.minus(RolloutMetrics.SHOW_FINISHED_FOR));
  }

  /** The cluster's pending stages, earliest start first (the key order), then by flag. */
  private List<KeyValue<String, StageState>> pendingOn(String cluster) {
    List<KeyValue<String, StageState>> out = new ArrayList<>();
    try (KeyValueIterator<String, StageState> it = pending.prefixScan(cluster + "|", new StringSerializer())) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** Cluster, start (zero-padded epoch millis, so keys sort by time) and flag. */
  private static String pendingKey(StageState s) {
    return s.cluster() + "|" + String.format("%020d", s.start().toEpochMilli()) + "|" + s.flag();
  }

  private ClusterJudgements judgementsOf(String cluster) {
    ClusterJudgements c = clusters.get(cluster);
    return c == null ? ClusterJudgements.NONE : c;
  }
}
