package dev.pmpulse.events;

import java.time.Instant;
import java.util.Set;

/**
 * A feature flag's rollout moved to a new stage: from {@code at} on, {@code stagePercent} of the
 * traffic of {@code cluster} sees the flag. The stage is live until the flag's next stage event or
 * until the streams app decides it ({@link RolloutDecision}). Key on the topic: {@link #flag()}.
 *
 * @param v contract version, {@value #VERSION} for this shape
 * @param eventId unique per event; a redelivered event keeps its id
 * @param stagePercent one of {@link #STAGES}
 * @param at when the stage started (event time)
 */
public record RolloutEvent(int v, String eventId, String flag, String cluster, int stagePercent, Instant at) {
  public static final int VERSION = 1;

  /** The stages a rollout walks through, in order. */
  public static final Set<Integer> STAGES = Set.of(5, 10, 25, 50, 100);

  public String key() {
    return flag;
  }
}
