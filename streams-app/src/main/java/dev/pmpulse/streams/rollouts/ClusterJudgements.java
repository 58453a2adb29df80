package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutDecision.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far the publish latency piece has judged a cluster, and its band/incident breach state over
 * time, as the list of changes (oldest first). Everything a stage's verdict needs is a function of this, so a
 * stage arriving before its cluster's minutes and one arriving after them are decided alike.
 *
 * @param judgedThrough the end of the latest judged minute (EPOCH before the first): every minute
 *     that ended by then and had samples has been judged
 * @param knownSince the breach state is known from here on; older changes were dropped
 */
record ClusterJudgements(Instant judgedThrough, Instant knownSince, List<BreachChange> changes) {
  static final ClusterJudgements NONE = new ClusterJudgements(Instant.EPOCH, Instant.EPOCH, List.of());

  ClusterJudgements {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** Whether {@code minute} is past what has been judged; minutes close in order, so any other is a replay. */
  boolean isNew(PublishLatencyKpi minute) {
    return RolloutSignal.judgedAt(minute).isAfter(judgedThrough);
  }

  /**
   * With {@code minute} judged, keeping the changes of the last {@code keep} before it (and the one
   * change before those, which gives the state at their start).
   */
  ClusterJudgements judged(PublishLatencyKpi minute, Duration keep) {
    Instant through = RolloutSignal.judgedAt(minute);
    List<BreachChange> next = new ArrayList<>(changes);
    BreachChange change = stateAt(through).after(minute);
    if (change != null) {
      next.add(change);
    }
    Instant since = knownSince;
    Instant horizon = through.minus(keep);
    while (next.size() >= 2 && !next.get(1).at().isAfter(horizon)) {
      next.remove(0);
      since = next.get(0).at();
    }
    return new ClusterJudgements(through, since, next);
  }

  /** The breach state in force at {@code t}: changes timed at {@code t} count, their minute has ended. */
  BreachChange stateAt(Instant t) {
    BreachChange state = BreachChange.NONE;
    for (BreachChange c : changes) {
      if (c.at().isAfter(t)) {
        break;
      }
      state = c;
    }
    return state;
  }

  /**
   * The stage's verdict, or null while the cluster has not been judged far enough to know it: abort
   * at the start when breached then, abort at the first crossing before the deadline, otherwise
   * proceed at the deadline once the cluster is judged through it.
   */
  StageVerdict verdictOn(StageState stage) {
    if (judgedThrough.isBefore(stage.start())) {
      return null;
    }
    BreachChange atStart = stateAt(stage.start());
    if (atStart.breached()) {
      return new StageVerdict(
          Decision.ABORT, stage.start(),
          atStart.crossing().level().tag() + " line of " + stage.cluster()
              + " already breached when the stage started (crossed in minute " + atStart.crossing().minute() + ", p99 "
              + atStart.crossing().p99Ms() + " ms > " + atStart.crossing().thresholdMs() + " ms)");
    }
    for (BreachChange c : changes) {
      if (c.at().isAfter(stage.start()) && c.at().isBefore(stage.deadline()) && c.breached()) {
        return new StageVerdict(
            Decision.ABORT, c.at(),
            c.crossing().describe(stage.cluster()) + ", " + Duration.between(stage.start(), c.at()).toMinutes()
                + " min into the stage");
      }
    }
    if (judgedThrough.isBefore(stage.deadline())) {
      return null;
    }
    return new StageVerdict(
        Decision.PROCEED, stage.deadline(),
        "no band or incident breach of " + stage.cluster() + " during "
            + Duration.between(stage.start(), stage.deadline()).toMinutes() + " min of soak");
  }

  /** What a stage gets: its decision, when (event time), and why, for people. */
  record StageVerdict(Decision decision, Instant at, String reason) {}
}
