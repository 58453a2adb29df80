package dev.pmpulse.streams.intake;

/** Checks one parsed input record; throws with the reason when it must be dead-lettered. */
@FunctionalInterface
public interface Validator<T> {
  void validate(T value) throws RejectedRecordException;

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
