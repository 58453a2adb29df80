package dev.pmpulse.streams.apistability;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.ApiStabilityKpi.Counts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The API stability KPI on {@code /metrics}, for the current quarter only: the newest quarter this
 * instance has counted a merged PR in (all quarters are counted in one task, so one instance has
 * them all). Quarters are not a label, since a label per quarter would grow without bound; the
 * history is on the KPI topic, and {@code pmpulse_api_quarter_start_seconds} says which quarter the
 * gauges describe. A surface seen in an earlier quarter but not in this one reads 0.
 */
public final class ApiStabilityMetrics {
  /** The {@code surface} label of the sums over all surfaces. */
  public static final String ALL_SURFACES = "all";

  private final MeterRegistry registry;
  private final AtomicReference<ApiStabilityKpi> current = new AtomicReference<>();
  private final Set<String> surfaces = ConcurrentHashMap.newKeySet();

  public ApiStabilityMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("pmpulse.api.breaking.changes.target", () -> ApiStabilityKpi.TARGET_BREAKING)
        .description("Target for breaking API changes merged per calendar quarter")
        .register(registry);
    Gauge.builder("pmpulse.api.breaking.changes.quarter", current, c -> total(c.get()).breaking())
        .description("Breaking API changes merged in the current calendar quarter, all surfaces")
        .register(registry);
    Gauge.builder("pmpulse.api.quarter.start", current, c -> c.get() == null ? Double.NaN : c.get().quarterStart().getEpochSecond())
        .baseUnit("seconds")
        .description("Start of the calendar quarter the API change gauges describe, Unix time")
        .register(registry);
    register(ALL_SURFACES);
  }

  public void record(ApiStabilityKpi kpi) {
    current.accumulateAndGet(kpi, (old, now) -> old == null || !now.quarterStart().isBefore(old.quarterStart()) ? now : old);
    kpi.surfaces().keySet().forEach(s -> {
      if (surfaces.add(s)) {
        register(s);
      }
    });
  }

  private void register(String surface) {
    gauge(surface, "breaking", c -> counts(c.get(), surface).breaking());
    gauge(surface, "additive", c -> counts(c.get(), surface).additive());
    gauge(surface, "deprecation", c -> counts(c.get(), surface).deprecation());
  }

  private void gauge(String surface, String kind, ToDoubleFunction<AtomicReference<ApiStabilityKpi>> value) {
    Gauge.builder("pmpulse.api.changes", current, value)
        .tag("surface", surface)
        .tag("kind", kind)
        .description("API changes merged in the current calendar quarter, by surface (all: every surface) and kind")
        .register(registry);
  }

  private static Counts counts(ApiStabilityKpi kpi, String surface) {
    if (ALL_SURFACES.equals(surface)) {
      return total(kpi);
    }
    return kpi == null ? Counts.ZERO : kpi.surfaces().getOrDefault(surface, Counts.ZERO);
  }

  private static Counts total(ApiStabilityKpi kpi) {
    return kpi == null ? Counts.ZERO : kpi.total();
  }
}
