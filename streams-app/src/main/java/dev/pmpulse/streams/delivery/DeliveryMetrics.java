package dev.pmpulse.streams.delivery;

import dev.pmpulse.events.DeliveryKpi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The delivery guarantee on {@code /metrics}: the latest figures per cluster. */
public final class DeliveryMetrics {
  private final MeterRegistry registry;
  private final Map<String, DeliveryKpi> latest = new ConcurrentHashMap<>();

  public DeliveryMetrics(MeterRegistry registry, double target) {
    this.registry = registry;
    Gauge.builder("pmpulse.delivery.target.ratio", () -> target)
        .description("Delivery guarantee target: share of produced messages delivered exactly once")
        .register(registry);
  }

  public void record(DeliveryKpi kpi) {
    if (latest.put(kpi.cluster(), kpi) == null) {
      register(kpi.cluster());
    }
  }

  private void register(String cluster) {
    gauge(cluster, "pmpulse.delivery.ratio", "Delivered / produced, last 30 days", DeliveryKpi::deliveryRatio);
    gauge(cluster, "pmpulse.delivery.duplicate.ratio", "Duplicates / produced, last 30 days", DeliveryKpi::duplicateRatio);
    gauge(cluster, "pmpulse.delivery.error.budget.remaining.ratio", "Error budget left over 30 days (negative: overspent)", DeliveryKpi::errorBudgetRemaining);
    burn(cluster, "5m", DeliveryKpi::burnRate5m);
    burn(cluster, "30m", DeliveryKpi::burnRate30m);
    burn(cluster, "1h", DeliveryKpi::burnRate1h);
    burn(cluster, "6h", DeliveryKpi::burnRate6h);
    page(cluster, "fast", DeliveryKpi::pageFast);
    page(cluster, "slow", DeliveryKpi::pageSlow);
  }

  private void gauge(String cluster, String name, String help, ToDoubleFunction<DeliveryKpi> value) {
    Gauge.builder(name, latest, m -> value.applyAsDouble(m.get(cluster)))
        .tag("cluster", cluster)
        .description(help)
        .register(registry);
  }

  private void burn(String cluster, String window, ToDoubleFunction<DeliveryKpi> value) {
    Gauge.builder("pmpulse.delivery.burn.rate", latest, m -> value.applyAsDouble(m.get(cluster)))
        .tags("cluster", cluster, "window", window)
        .description("Bad ratio over the window / error budget (1 - target)")
        .register(registry);
  }

  private void page(String cluster, String condition, Predicate<DeliveryKpi> value) {
    Gauge.builder("pmpulse.delivery.page", latest, m -> value.test(m.get(cluster)) ? 1 : 0)
        .tags("cluster", cluster, "condition", condition)
        .description("1 while the multi-window burn-rate page condition holds (fast: 1h and 5m > 14.4; slow: 6h and 30m > 6)")
        .register(registry);
  }
}
