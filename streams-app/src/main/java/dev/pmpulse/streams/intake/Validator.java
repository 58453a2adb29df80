package dev.pmpulse.streams.intake;

import java.time.Instant;

/** Checks one parsed input record; throws with the reason when it must be dead-lettered. */
@FunctionalInterface
public interface Validator<T> {
  /**
   * The event times the topology can carry: a Kafka timestamp is a non-negative long of epoch
   * milliseconds, so an instant before 1970 (or past what a long holds) would stop the app.
   */
  Instant MIN_EVENT_TIME = Instant.EPOCH;

  Instant MAX_EVENT_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * The longest text any field may hold. Ids, names and clusters become store keys, JSON map keys
   * in the daily report's state and metric tags; Jackson refuses to read back a map key over
   * 50,000 characters, so one huge id accepted here would stop the app on every restart.
   */
  int MAX_TEXT_LENGTH = 1000;

  void validate(T value) throws RejectedRecordException;

  /** A present text of at most {@link #MAX_TEXT_LENGTH} characters. */
  static void requireText(String value, String field) throws RejectedRecordException {
    requirePresent(value, field);
    requireShort(value, field);
  }

  /** An absent text, or one of at most {@link #MAX_TEXT_LENGTH} characters. */
  static void requireShort(String value, String field) throws RejectedRecordException {
    if (value != null && value.length() > MAX_TEXT_LENGTH) { // the message only for a rejection
      throw new RejectedRecordException(
          Rejection.invalid("field '" + field + "' is longer than " + MAX_TEXT_LENGTH + " characters"));
    }
  }

  /** A present event time between {@link #MIN_EVENT_TIME} and {@link #MAX_EVENT_TIME}. */
  static void requireEventTime(Instant at, String field) throws RejectedRecordException {
    requirePresent(at, field);
    if (at.isBefore(MIN_EVENT_TIME) || at.isAfter(MAX_EVENT_TIME)) { // the message only for a rejection
      throw new RejectedRecordException(Rejection.invalid(
          "field '" + field + "' must be between " + MIN_EVENT_TIME + " and " + MAX_EVENT_TIME + ", was " + at));
    }
  }

  static void require(boolean condition, Rejection rejection) throws RejectedRecordException {
    if (!condition) {
      throw new RejectedRecordException(rejection);
    }
  }

  static void requirePresent(Object value, String field) throws RejectedRecordException {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new RejectedRecordException(Rejection.missing(field));
    }
  }
}
