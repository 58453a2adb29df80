package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.RolloutDecision.Decision;
import java.time.Instant;

/**
 * A flag's latest stage: live while {@code decision} is null; decided once, then kept so that a
 * redelivered or older stage event is recognised.
 *
 * @param deadline {@code start} + soak: the stage proceeds then if nothing aborted it
 */
record StageState(
    String flag,
    String cluster,
    int stagePercent,
    String eventId,
    Instant start,
    Instant deadline,
    Decision decision,
    Instant decidedAt) {

  boolean live() {
    return decision == null;
  }

  StageState decided(Decision d, Instant at) {
    return new StageState(flag, cluster, stagePercent, eventId, start, deadline, d, at);
  }
}
