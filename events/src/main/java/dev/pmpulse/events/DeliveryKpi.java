package dev.pmpulse.events;

import java.time.Instant;

/**
 * Delivery guarantee of one cluster as of an event time. Key on the topic: the cluster.
 *
 * <p>A message is bad when it was produced but not delivered, and each duplicate delivery is one
 * more bad event: {@code bad = produced - delivered + duplicates}. Burn rate over a window is the
 * window's bad ratio ({@code bad / produced}) divided by the error budget {@code 1 - target}.
 *
 * @param produced over the error-budget window (30 days), as are {@code delivered}, {@code
 *     duplicates} and the two ratios
 * @param deliveryRatio {@code delivered / produced} (1 when nothing was produced)
 * @param duplicateRatio {@code duplicates / produced} (0 when nothing was produced)
 * @param errorBudgetRemaining {@code 1 - badRatio / (1 - target)}; negative once overspent
 * @param pageFast burn(1h) and burn(5m) both above 14.4
 * @param pageSlow burn(6h) and burn(30m) both above 6
 */
public record DeliveryKpi(
    int v,
    String cluster,
    Instant asOf,
    double targetRatio,
    long produced,
    long delivered,
    long duplicates,
    double deliveryRatio,
    double duplicateRatio,
    double errorBudgetRemaining,
    double burnRate5m,
    double burnRate30m,
    double burnRate1h,
    double burnRate6h,
    boolean pageFast,
    boolean pageSlow) {
  public static final int VERSION = 1;
}
