package dev.pmpulse.streams.publishlatency;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.SloViolation.Kind;
import dev.pmpulse.events.SloViolation.Level;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The publish-latency SLO on {@code /metrics}: the latest closed minute per cluster, its three
 * lines in seconds (NaN while there is no baseline yet), breach states as 0/1, and a counter of
 * crossings and recoveries.
 */
public final class PublishLatencyMetrics {
  private final MeterRegistry registry;
  private final Map<String, PublishLatencyKpi> latest = new ConcurrentHashMap<>();

  public PublishLatencyMetrics(MeterRegistry registry, double sloMs) {
    this.registry = registry;
    Gauge.builder("pmpulse.publish.latency.slo", () -> sloMs / 1000)
        .baseUnit("seconds")
        .description("Publish latency p99 SLO")
        .register(registry);
  }

  public void record(PublishLatencyKpi kpi) {
    if (latest.put(kpi.cluster(), kpi) == null) {
      register(kpi.cluster());
    }
  }

  public void violation(SloViolation v) {
    violations(v.cluster(), v.level(), v.kind()).increment();
  }

  private Counter violations(String cluster, Level level, Kind kind) {
    return registry.counter("pmpulse.slo.violations", "cluster", cluster, "level", level.tag(), "kind", kind.tag());
  }

  private void register(String cluster) {
    gauge(cluster, "pmpulse.publish.latency.p99", "P99 publish latency of the latest closed minute", k -> k.p99Ms());
    gauge(cluster, "pmpulse.publish.latency.baseline", "Median p99 of the preceding minutes", PublishLatencyKpi::baselineMs);
    gauge(cluster, "pmpulse.publish.latency.band", "Baseline plus the tolerance band", PublishLatencyKpi::bandMs);
    gauge(cluster, "pmpulse.publish.latency.incident.threshold", "Baseline plus the incident margin", PublishLatencyKpi::incidentMs);
    for (Level level : Level.values()) {
      ToDoubleFunction<PublishLatencyKpi> breached =
          switch (level) {
            case SLO -> k -> k.sloBreached() ? 1 : 0;
            case BAND -> k -> k.bandBreached() ? 1 : 0;
            case INCIDENT -> k -> k.incidentBreached() ? 1 : 0;
          };
      Gauge.builder("pmpulse.slo.breached", latest, m -> breached.applyAsDouble(m.get(cluster)))
          .tags("cluster", cluster, "level", level.tag())
          .description("1 while the latest closed minute is above the line, else 0")
          .register(registry);
      // At 0 from the cluster's first minute: an increase over a window is 0, not "no data".
      for (Kind kind : Kind.values()) {
        violations(cluster, level, kind);
      }
    }
  }

  private void gauge(String cluster, String name, String help, Function<PublishLatencyKpi, Double> ms) {
    Gauge.builder(name, latest, m -> {
          Double value = ms.apply(m.get(cluster));
          return value == null ? Double.NaN : value / 1000;
        })
        .tag("cluster", cluster)
        .baseUnit("seconds")
        .description(help)
        .register(registry);
  }
}
