package dev.pmpulse.streams.reviewlatency;

import dev.pmpulse.events.LatencyStats;
import dev.pmpulse.events.ReviewLatencyKpi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The review-latency KPI on {@code /metrics}: the latest rolling 7-day figures per team (and
 * {@code team="all"}), in seconds of business time.
 */
public final class ReviewLatencyMetrics {
  private final MeterRegistry registry;
  private final Map<String, ReviewLatencyKpi> latest = new ConcurrentHashMap<>();

  /** @param targetSeconds the default target, which the alert rules and the dashboard compare with */
  public ReviewLatencyMetrics(MeterRegistry registry, double targetSeconds) {
    this.registry = registry;
    Gauge.builder("pmpulse.review.latency.target", () -> targetSeconds)
        .baseUnit("seconds")
        .description("PR review latency default target (mean), business seconds")
        .register(registry);
  }

  public void record(ReviewLatencyKpi kpi) {
    if (latest.put(kpi.team(), kpi) == null) {
      register(kpi.team());
    }
  }

  private void register(String team) {
    gauge(team, "pmpulse.review.latency.mean", "seconds", "Mean business time to first review, last 7 days", s -> s.last7Days().meanSeconds());
    gauge(team, "pmpulse.review.latency.p50", "seconds", "Median business time to first review, last 7 days", s -> s.last7Days().p50Seconds());
    gauge(team, "pmpulse.review.latency.p90", "seconds", "90th percentile business time to first review, last 7 days", s -> s.last7Days().p90Seconds());
    gauge(team, "pmpulse.review.latency.reviews", null, "PRs that got their first review in the last 7 days", s -> s.last7Days().count());
    gauge(team, "pmpulse.review.latency.within.target", "ratio", "Share of first reviews within the target, last 7 days", s -> s.last7Days().withinTargetRatio());
    gauge(team, "pmpulse.review.waiting.over.target", null, "PRs waiting longer than the target for a first review now", ReviewLatencyKpi::waitingOverTarget);
    gauge(team, "pmpulse.review.latency.team.target", "seconds", "The team's own review latency target (mean), business seconds", ReviewLatencyKpi::targetSeconds);
  }

  private void gauge(String team, String name, String unit, String help, ToDoubleFunction<ReviewLatencyKpi> value) {
    Gauge.builder(name, latest, m -> value.applyAsDouble(m.getOrDefault(team, EMPTY)))
        .tag("team", team)
        .baseUnit(unit)
        .description(help)
        .register(registry);
  }

  private static final ReviewLatencyKpi EMPTY =
      new ReviewLatencyKpi(ReviewLatencyKpi.VERSION, "", null, null, LatencyStats.EMPTY, LatencyStats.EMPTY, 0, 0);
}
