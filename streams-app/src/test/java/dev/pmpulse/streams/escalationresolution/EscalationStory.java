package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent.Type;
import dev.pmpulse.events.EscalationEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Builds the events of one escalation, with times written in UTC, for tests. */
final class EscalationStory {
  private final String id;
  private final Severity severity;
  private int seq;

  EscalationStory(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  static Instant utc(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC);
  }

  /** {@code utcTime} plus {@code hours}, in the same notation. */
  static String plusHours(String utcTime, int hours) {
    return LocalDateTime.parse(utcTime).plusHours(hours).toString();
  }

  EscalationEvent event(Type type, String utcTime) {
    return new EscalationEvent(
        EscalationEvent.VERSION, id + "-" + (++seq), type, id, "acme-bank", severity, "connect", utc(utcTime));
  }

  EscalationEvent opened(String utcTime) {
    return event(Type.OPENED, utcTime);
  }

  EscalationEvent resolved(String utcTime) {
    return event(Type.RESOLVED, utcTime);
  }

  EscalationEvent reopened(String utcTime) {
    return event(Type.REOPENED, utcTime);
  }
}
