package dev.pmpulse.streams.intake;

import dev.pmpulse.events.LatencySample;

/** A latency sample must name its cluster and time, and its latency must be possible. */
public final class LatencySampleValidator implements Validator<LatencySample> {
  /** A publish that took longer than this is a broken measurement, not a slow publish. */
  public static final double MAX_LATENCY_MS = 3_600_000;

  // The rejections are built only when a check fails: this runs for nearly every input record.
  @Override
  public void validate(LatencySample s) throws RejectedRecordException {
    if (s.v() != LatencySample.VERSION) {
      throw new RejectedRecordException(
          new Rejection(Rejection.UNSUPPORTED_VERSION, "contract version v=" + s.v() + ", expected " + LatencySample.VERSION));
    }
    Validator.requireText(s.cluster(), "cluster");
    Validator.requireShort(s.region(), "region");
    Validator.requireShort(s.operation(), "operation");
    Validator.requireEventTime(s.at(), "at");
    if (!(s.latencyMs() >= 0 && s.latencyMs() <= MAX_LATENCY_MS)) {
      throw new RejectedRecordException(
          Rejection.invalid("field 'latencyMs' must be 0.." + (long) MAX_LATENCY_MS + ", was " + s.latencyMs()));
    }
  }
}
