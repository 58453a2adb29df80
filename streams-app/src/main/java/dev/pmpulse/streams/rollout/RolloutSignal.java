package dev.pmpulse.streams.rollout;

import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.SloViolation;
import java.time.Instant;

/**
 * What the {@link RolloutJudge} reads, keyed by cluster: a stage starting, or a change of the
 * cluster's band or incident breach. Exactly one of the two is set. Both kinds travel through their
 * own one-partition repartition topic, so one task sees every signal.
 */
record RolloutSignal(RolloutEvent stage, SloViolation violation) {
  static RolloutSignal of(RolloutEvent stage) {
    return new RolloutSignal(stage, null);
  }

  static RolloutSignal of(SloViolation violation) {
    return new RolloutSignal(null, violation);
  }

  /**
   * When a violation happened: the end of its minute, the moment its p99 (and so the breach) is
   * known. This is also the record timestamp the SLO evaluator gives it.
   */
  static Instant timeOf(SloViolation v) {
    return v.minute().plusSeconds(60);
  }
}
