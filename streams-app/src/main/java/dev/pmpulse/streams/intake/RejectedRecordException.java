package dev.pmpulse.streams.intake;

/** Thrown by a {@link Validator} when a parsed record must go to the dead-letter topic. */
public final class RejectedRecordException extends Exception {
  private final transient Rejection rejection;

  public RejectedRecordException(Rejection rejection) {
    super(rejection.reason() + ": " + rejection.detail(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
