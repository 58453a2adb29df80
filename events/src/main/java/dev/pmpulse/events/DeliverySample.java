package dev.pmpulse.events;

import java.time.Instant;

/**
 * Delivery counts of a cluster over one interval, as an end-to-end checker reports them. Key on
 * the topic: {@link #cluster()}. Event time: {@link #intervalEnd()}.
 *
 * @param v contract version, {@value #VERSION} for this shape
 * @param produced messages acknowledged to producers in the interval
 * @param delivered of those, the ones consumed at least once (so never more than {@code produced})
 * @param duplicates extra deliveries beyond the first of a message
 */
public record DeliverySample(
    int v,
    String cluster,
    Instant intervalStart,
    Instant intervalEnd,
    long produced,
    long delivered,
    long duplicates) {
  public static final int VERSION = 1;
}
