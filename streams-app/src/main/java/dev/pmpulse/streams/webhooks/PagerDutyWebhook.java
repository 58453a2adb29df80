package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent.Type;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.EscalationEventValidator;
import dev.pmpulse.streams.intake.RejectedRecordException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PagerDuty's v3 incident webhooks as escalation events on {@code pmpulse.escalation-events}, keyed
 * by incident id. docs/webhooks.md has the mapping; in short: triggered opens, resolved resolves,
 * reopened reopens, and everything else (acknowledged among them: the KPI runs from opening to
 * resolution) is acknowledged, counted and not written.
 *
 * <p>Event ids are {@code pagerduty:<event.id>}, the same on every redelivery, so the resolution KPI
 * counts a redelivered event once. Every event is at its {@code event.occurred_at}.
 */
final class PagerDutyWebhook implements WebhookSource {
  static final String SIGNATURE_HEADER = "X-PagerDuty-Signature";
  static final String DELIVERY_HEADER = "X-Webhook-Id";
  static final String SIGNATURE_PREFIX = "v1=";
  /** PagerDuty has no customer field; the title is what a person knows the incident by. */
  static final int CUSTOMER_LENGTH = 200;

  /** A priority label with a number: {@code P1}, {@code p2}, {@code SEV-1}, {@code Sev 3}. */
  private static final Pattern NUMBERED = Pattern.compile("(?i)^\\s*(?:p|sev)[\\s-]?(\\d{1,3})\\b.*");

  private final WebhookSecret secret;
  private final EscalationEventValidator validator = new EscalationEventValidator();

  PagerDutyWebhook(WebhookSecret secret) {
    this.secret = secret;
  }

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public String topic() {
    return Topics.ESCALATION_EVENTS.name();
  }

  /** One or more comma-separated {@code v1=<hex>} (several while a secret is rotated); any may match. */
  @Override
  public boolean signed(WebhookRequest request) {
    String header = request.header(SIGNATURE_HEADER);
    if (header == null) {
      return false;
    }
    List<String> candidates =
        Arrays.stream(header.split(","))
            .map(String::strip)
            .filter(s -> s.startsWith(SIGNATURE_PREFIX))
            .map(s -> s.substring(SIGNATURE_PREFIX.length()))
            .toList();
    return secret.signedAny(request.body(), candidates);
  }

  @Override
  public String deliveryId(WebhookRequest request) {
    String id = request.header(DELIVERY_HEADER);
    return id == null || id.isBlank() || id.length() > 200 ? null : id;
  }

  @Override
  public Translation translate(WebhookRequest request, String deliveryId) throws RejectedRecordException {
    Payload p = Payload.parse(request.body());
    String eventType = p.requiredText("event.event_type");
    Type type =
        switch (eventType) {
          case "incident.triggered" -> Type.OPENED;
          case "incident.resolved" -> Type.RESOLVED;
          case "incident.reopened" -> Type.REOPENED;
          default -> null;
        };
    if (type == null) {
      return new Translation.Ignored(eventType);
    }
    Instant at = p.requiredInstant("event.occurred_at");
    EscalationEvent e =
        new EscalationEvent(
            EscalationEvent.VERSION,
            "pagerduty:" + p.requiredText("event.id"),
            type,
            p.requiredText("event.data.id"),
            Payload.abbreviate(p.requiredText("event.data.title"), CUSTOMER_LENGTH),
            severity(p.text("event.data.priority.summary"), p.text("event.data.urgency")),
            p.requiredText("event.data.service.summary"),
            at);
    validator.validate(e);
    return new Translation.Write<>(Topics.ESCALATION_EVENTS, e.id(), e, at.toEpochMilli());
  }

  /**
   * PagerDuty's priority label by its number ({@code P1} is P1; P4, P5 and lower are P3, the lowest
   * PM Pulse knows; {@code P0} or {@code SEV-0} is P0). An account without priorities (a null
   * priority) or with unnumbered labels falls back to the urgency every incident has: high is P1,
   * since it pages someone now, and low is P3.
   */
  static Severity severity(String priority, String urgency) {
    if (priority != null) {
      Matcher m = NUMBERED.matcher(priority);
      if (m.matches()) {
        int n = Integer.parseInt(m.group(1));
        return n == 0 ? Severity.P0 : n == 1 ? Severity.P1 : n == 2 ? Severity.P2 : Severity.P3;
      }
    }
    return "high".equalsIgnoreCase(urgency) ? Severity.P1 : Severity.P3;
  }
}
