package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One thing that happened to a customer escalation, as a support tool reports it. Key on the
 * topic: the escalation {@link #id()}, so every event of one escalation lands on one partition, in
 * order. Every field is required on every event.
 *
 * @param v contract version, {@value #VERSION} for this shape
 * @param eventId unique per event; the same id twice means the same event delivered twice
 * @param severity the severity of the escalation as of this event
 */
public record EscalationEvent(
    int v,
    String eventId,
    Type type,
    String id,
    String customer,
    Severity severity,
    String productArea,
    Instant at) {

  public static final int VERSION = 1;

  public enum Type {
    @JsonProperty("opened") OPENED,
    @JsonProperty("resolved") RESOLVED,
    @JsonProperty("reopened") REOPENED
  }

  public enum Severity {
    @JsonProperty("P0") P0,
    @JsonProperty("P1") P1,
    @JsonProperty("P2") P2,
    @JsonProperty("P3") P3
  }
}
