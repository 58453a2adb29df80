package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.RolloutDecision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rollouts on {@code /metrics}: decisions by verdict, and per flag its current stage and whether
 * that stage was aborted. A flag's gauges go away {@link #SHOW_FINISHED_FOR} after its last
 * decision if no new stage started, so finished rollouts do not add series forever.
 */
final class RolloutMetrics {
  /** How long (stream time) a finished or aborted rollout stays on {@code /metrics}. */
  static final Duration SHOW_FINISHED_FOR = Duration.ofDays(1);

  private record FlagView(int stagePercent, boolean aborted, Instant decidedAt, List<Meter> meters) {}

  private final MeterRegistry registry;
  private final Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);
  private final Map<String, FlagView> flags = new ConcurrentHashMap<>();

  RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Decision d : Decision.values()) {
      decisions.put(
          d,
          Counter.builder("pmpulse.rollout.decisions")
              .tag("decision", d.tag())
              .description("Rollout stage decisions, one per (flag, stage)")
              .register(registry));
    }
  }

  void stageStarted(String flag, int stagePercent) {
    FlagView old = flags.get(flag);
    List<Meter> meters = old == null ? register(flag) : old.meters();
    flags.put(flag, new FlagView(stagePercent, false, null, meters));
  }

  /**
   * @param current whether the decided stage is the flag's current one; an older stage decided
   *     after a newer one started only counts, the gauges show the newer
   */
  void decided(String flag, Decision decision, Instant at, boolean current) {
    decisions.get(decision).increment();
    if (!current) {
      return;
    }
    flags.computeIfPresent(
        flag, (f, v) -> new FlagView(v.stagePercent(), decision == Decision.ABORT, at, v.meters()));
  }

  /** Removes the gauges of flags decided before {@code cutoff} with no stage since. */
  void forgetFinishedBefore(Instant cutoff) {
    flags.forEach((flag, v) -> {
      if (v.decidedAt() != null && v.decidedAt().isBefore(cutoff) && flags.remove(flag, v)) {
        v.meters().forEach(registry::remove);
      }
    });
  }

  private List<Meter> register(String flag) {
    List<Meter> meters = new ArrayList<>();
    meters.add(
        Gauge.builder("pmpulse.rollout.stage.percent", flags, m -> view(m, flag) == null ? Double.NaN : view(m, flag).stagePercent())
            .tag("flag", flag)
            .description("Percent of traffic in the flag's current rollout stage (5, 10, 25, 50, 100)")
            .register(registry));
    meters.add(
        Gauge.builder("pmpulse.rollout.aborted", flags, m -> view(m, flag) == null ? Double.NaN : view(m, flag).aborted() ? 1 : 0)
            .tag("flag", flag)
            .description("1 when the flag's current stage was aborted, else 0")
            .register(registry));
    return meters;
  }

  private static FlagView view(Map<String, FlagView> flags, String flag) {
    return flags.get(flag);
  }
}
