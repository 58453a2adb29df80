package dev.pmpulse.streams.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one webhook source: {@code pmpulse_webhook_deliveries_total{source,outcome}},
 * {@code pmpulse_webhook_ignored_total{source,event}} (deliveries of events PM Pulse does not
 * measure, by event) and {@code pmpulse_webhook_unassigned_events_total{source}} (events of
 * repositories no team owns).
 */
final class WebhookMetrics {
  enum Outcome {
    WRITTEN("written"),
    DUPLICATE("duplicate"),
    IGNORED("ignored"),
    DEAD_LETTERED("dead-lettered"),
    BAD_SIGNATURE("bad-signature"),
    BAD_REQUEST("bad-request"),
    FAILED("failed");

    final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  private final MeterRegistry meters;
  private final String source;
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
  private final Counter unassigned;

  WebhookMetrics(MeterRegistry meters, String source) {
    this.meters = meters;
    this.source = source;
    // At 0 from the start, so a rate of bad signatures is 0 on a quiet day, not "no data".
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, meters.counter("pmpulse.webhook.deliveries", "source", source, "outcome", o.tag));
    }
    unassigned = meters.counter("pmpulse.webhook.unassigned.events", "source", source);
  }

  void count(Outcome outcome) {
    outcomes.get(outcome).increment();
  }

  /** @param event as the sender names it; only signed deliveries get here, so the set stays small */
  void ignored(String event) {
    meters.counter("pmpulse.webhook.ignored", "source", source, "event", tag(event)).increment();
  }

  void unassigned() {
    unassigned.increment();
  }

  /** A metric tag from a sender's event name: lower-case letters, digits, '_' and '.', 64 at most. */
  static String tag(String event) {
    String clean = event.replaceAll("[^A-Za-z0-9_.]", "_");
    return clean.length() <= 64 ? clean : clean.substring(0, 64);
  }
}
