package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutEvent;
import java.time.Instant;

/**
 * What the {@link RolloutJudge} reads, keyed by cluster: a stage starting, or one closed minute of
 * the cluster's publish latency as the publish latency piece judged it. Exactly one of the two is
 * set. Both kinds travel through their own one-partition repartition topic, so one task sees every
 * signal.
 */
record RolloutSignal(RolloutEvent stage, PublishLatencyKpi minute) {
  static RolloutSignal of(RolloutEvent stage) {
    return new RolloutSignal(stage, null);
  }

  static RolloutSignal of(PublishLatencyKpi minute) {
    return new RolloutSignal(null, minute);
  }

  /**
   * When a judged minute's verdict holds: the end of the minute, the moment its p99 (and so any
   * breach) is known. This is also the record timestamp the SLO evaluator gives it.
   */
  static Instant judgedAt(PublishLatencyKpi minute) {
    return minute.minute().plusSeconds(60);
  }
}
