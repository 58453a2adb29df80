package dev.pmpulse.streams.intake;

import java.util.List;

/**
 * Why an input record was refused. {@code reason} is one of a few fixed codes (a metric tag, so it
 * must stay a small set); {@code detail} says what exactly was wrong, for a person.
 */
public record Rejection(String reason, String detail) {
  public static final String UNPARSEABLE = "unparseable";
  public static final String MISSING_FIELD = "missing-field";
  public static final String UNKNOWN_TYPE = "unknown-type";
  public static final String INVALID_VALUE = "invalid-value";
  public static final String UNSUPPORTED_VERSION = "unsupported-version";
  public static final String FUTURE_EVENT_TIME = "future-event-time";
  /** An event that ends something never started, such as a resolution of an unknown escalation. */
  public static final String NEVER_OPENED = "never-opened";

  /** Every reason code, so that each topic's dead-letter counters exist at 0 before a rejection. */
  public static final List<String> REASONS =
      List.of(UNPARSEABLE, MISSING_FIELD, UNKNOWN_TYPE, INVALID_VALUE, UNSUPPORTED_VERSION, FUTURE_EVENT_TIME, NEVER_OPENED);

  public static Rejection missing(String field) {
    return new Rejection(MISSING_FIELD, "missing field '" + field + "'");
  }

  public static Rejection invalid(String detail) {
    return new Rejection(INVALID_VALUE, detail);
  }
}
