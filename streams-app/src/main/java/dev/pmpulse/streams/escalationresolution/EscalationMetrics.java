package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.LatencyStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The escalation KPI on {@code /metrics}: the latest figures per severity, for the current ISO
 * week and calendar quarter, in calendar seconds. A severity's series appear with its first record.
 */
public final class EscalationMetrics {
  private final MeterRegistry registry;
  private final Map<String, EscalationResolutionKpi> latest = new ConcurrentHashMap<>();

  public EscalationMetrics(MeterRegistry registry, double targetSeconds) {
    this.registry = registry;
    Gauge.builder("pmpulse.escalation.resolution.target", () -> targetSeconds)
        .baseUnit("seconds")
        .description("Escalation resolution target (median, P0 and P1), calendar seconds")
        .register(registry);
  }

  public void record(EscalationResolutionKpi kpi) {
    if (latest.put(kpi.severity().name(), kpi) == null) {
      register(kpi.severity().name());
    }
  }

  private void register(String severity) {
    for (String period : new String[] {"week", "quarter"}) {
      boolean week = period.equals("week");
      periodGauge(severity, period, "pmpulse.escalation.resolution.p50", "seconds",
          "Median calendar time from (re)opening to resolution, current period",
          k -> (week ? k.thisWeek() : k.thisQuarter()).p50Seconds());
      periodGauge(severity, period, "pmpulse.escalation.resolution.p90", "seconds",
          "90th percentile calendar time from (re)opening to resolution, current period",
          k -> (week ? k.thisWeek() : k.thisQuarter()).p90Seconds());
      periodGauge(severity, period, "pmpulse.escalation.resolutions", null,
          "Escalations resolved in the current period",
          k -> (week ? k.thisWeek() : k.thisQuarter()).count());
    }
    gauge(severity, "pmpulse.escalations.open", "Escalations open now", EscalationResolutionKpi::open)
        .register(registry);
    gauge(severity, "pmpulse.escalations.open.over.target", "Escalations open longer than the target now",
            EscalationResolutionKpi::openOverTarget)
        .register(registry);
  }

  private void periodGauge(
      String severity, String period, String name, String unit, String help, ToDoubleFunction<EscalationResolutionKpi> value) {
    gauge(severity, name, help, value).tag("period", period).baseUnit(unit).register(registry);
  }

  private Gauge.Builder<Map<String, EscalationResolutionKpi>> gauge(
      String severity, String name, String help, ToDoubleFunction<EscalationResolutionKpi> value) {
    return Gauge.builder(name, latest, m -> value.applyAsDouble(m.getOrDefault(severity, EMPTY)))
        .tag("severity", severity)
        .description(help);
  }

  private static final EscalationResolutionKpi EMPTY =
      new EscalationResolutionKpi(
          EscalationResolutionKpi.VERSION, null, null, false, "", LatencyStats.EMPTY, LatencyStats.EMPTY, "", LatencyStats.EMPTY,
          0, 0, 0);
}
