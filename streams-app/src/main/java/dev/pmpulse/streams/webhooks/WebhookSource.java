package dev.pmpulse.streams.webhooks;

import dev.pmpulse.streams.intake.RejectedRecordException;

/** A system that posts webhooks: how it signs them, names a delivery, and what they mean. */
interface WebhookSource {
  /** {@code github}, {@code pagerduty}: the path under {@code /webhooks/} and a metric tag. */
  String name();

  /** The input topic this source writes to (whose dead-letter counter its bad payloads count in). */
  String topic();

  /** Whether the request carries a valid signature of its body. */
  boolean signed(WebhookRequest request);

  /**
   * The sender's id of this delivery, the same on every redelivery, or null when it sends none.
   *
   * @throws IllegalArgumentException when a header the source always sends is missing
   */
  String deliveryId(WebhookRequest request);

  /**
   * The input record the delivery becomes, checked by the input topic's validator.
   *
   * @param deliveryId as {@link #deliveryId} returned it
   * @throws RejectedRecordException when the body is not what the source sends (dead-lettered)
   */
  Translation translate(WebhookRequest request, String deliveryId) throws RejectedRecordException;
}
