package dev.pmpulse.streams.rollout;

import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutDecision.Decision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.SloViolation.Kind;
import dev.pmpulse.events.SloViolation.Level;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each rollout stage once, from the breach state of its cluster while the stage is live.
 *
 * <ul>
 *   <li>A stage starting while its cluster's band or incident line is breached is aborted at its
 *       start.
 *   <li>A band or incident crossing of the cluster, timed at the end of its minute and before a live
 *       stage's deadline, aborts the stage at that time (at the stage start if the crossing is
 *       timed earlier but arrived after the stage event).
 *   <li>A stage still live when stream time reaches start + soak proceeds, decided at start + soak.
 * </ul>
 *
 * <p>Deadlines are settled before each record is applied (so a crossing at or after a deadline
 * cannot abort that stage) and by a stream-time punctuator. Stream time here is the newest time of
 * any signal, stage or violation, of any cluster: all signals come through one partition.
 */
final class RolloutJudge implements Processor<String, RolloutSignal, String, RolloutDecision> {
  static final String STAGES_STORE = "rollout-stages";
  static final String BREACH_STORE = "rollout-cluster-breach";
  /** A decided stage is remembered this long, to recognise redelivered or older stage events. */
  static final Duration REMEMBER_DECIDED = Duration.ofDays(7);

  private final Duration soak;
  private final RolloutMetrics metrics;
  private final Counter late;
  private final Counter duplicates;
  private ProcessorContext<String, RolloutDecision> context;
  private KeyValueStore<String, StageState> stages;
  private KeyValueStore<String, ClusterBreach> breaches;

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
    this.breaches = context.getStateStore(BREACH_STORE);
    context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, now -> settle(Instant.ofEpochMilli(now)));
  }

  @Override
  public void process(Record<String, RolloutSignal> record) {
    settle(Instant.ofEpochMilli(Math.max(record.timestamp(), context.currentStreamTimeMs())));
    RolloutSignal signal = record.value();
    if (signal.stage() != null) {
      start(signal.stage());
    } else if (signal.violation() != null) {
      apply(signal.violation());
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
    // A live previous stage whose deadline has not come is superseded without a decision.
    StageState stage =
        new StageState(e.flag(), e.cluster(), e.stagePercent(), e.eventId(), e.at(), e.at().plus(soak), null, null);
    metrics.stageStarted(e.flag(), e.stagePercent());
    ClusterBreach breach = breachOf(e.cluster());
    if (breach.breached()) {
      SloViolation c = breach.crossing();
      decide(stage, Decision.ABORT, max(e.at(), breach.at()),
          c.level().tag() + " line of " + e.cluster() + " already breached when the stage started (crossed in minute "
              + c.minute() + ", p99 " + c.p99Ms() + " ms > " + c.thresholdMs() + " ms)");
    } else {
      stages.put(e.flag(), stage);
    }
  }

  private void apply(SloViolation v) {
    ClusterBreach before = breachOf(v.cluster());
    Instant at = RolloutSignal.timeOf(v);
    if (at.isBefore(before.at())) {
      late.increment(); // a change older than the state we already hold
      return;
    }
    breaches.put(v.cluster(), before.apply(v));
    if (v.kind() != Kind.CROSSED || v.level() == Level.SLO) {
      return;
    }
    for (StageState stage : live()) {
      if (stage.cluster().equals(v.cluster())) {
        decide(stage, Decision.ABORT, max(at, stage.start()),
            v.level().tag() + " line of " + v.cluster() + " crossed in minute " + v.minute() + " (p99 " + v.p99Ms()
                + " ms > " + v.thresholdMs() + " ms), " + Duration.between(stage.start(), max(at, stage.start())).toMinutes()
                + " min into the stage");
      }
    }
  }

  /** Proceeds every live stage whose deadline is at or before {@code now}, earliest first; forgets old ones. */
  private void settle(Instant now) {
    List<StageState> due = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    try (KeyValueIterator<String, StageState> it = stages.all()) {
      while (it.hasNext()) {
        StageState s = it.next().value;
        if (s.live() && !s.deadline().isAfter(now)) {
          due.add(s);
        } else if (!s.live() && s.decidedAt().plus(REMEMBER_DECIDED).isBefore(now)) {
          forget.add(s.flag());
        }
      }
    }
    due.sort(Comparator.comparing(StageState::deadline).thenComparing(StageState::flag));
    for (StageState s : due) {
      decide(s, Decision.PROCEED, s.deadline(),
          "no band or incident breach of " + s.cluster() + " during " + soak.toMinutes() + " min of soak");
    }
    forget.forEach(stages::delete);
    metrics.forgetFinishedBefore(now.minus(RolloutMetrics.SHOW_FINISHED_FOR));
  }

  private void decide(StageState stage, Decision decision, Instant at, String reason) {
    stages.put(stage.flag(), stage.decided(decision, at));
    metrics.decided(stage.flag(), decision, at);
    RolloutDecision d =
        new RolloutDecision(
            RolloutDecision.VERSION, stage.flag(), stage.cluster(), stage.stagePercent(), decision, reason, stage.start(), at);
    context.forward(new Record<>(stage.flag(), d, at.toEpochMilli()));
  }

  private List<StageState> live() {
    List<StageState> live = new ArrayList<>();
    try (KeyValueIterator<String, StageState> it = stages.all()) {
      it.forEachRemaining((KeyValue<String, StageState> kv) -> {
        if (kv.value.live()) {
          live.add(kv.value);
        }
      });
    }
    live.sort(Comparator.comparing(StageState::flag));
    return live;
  }

  private ClusterBreach breachOf(String cluster) {
    ClusterBreach b = breaches.get(cluster);
    return b == null ? ClusterBreach.NONE : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
