package dev.pmpulse.streams.intake;

import static dev.pmpulse.streams.intake.Validator.require;

import dev.pmpulse.events.DeliverySample;

/** Counts must be non-negative and consistent: nothing is delivered that was not produced. */
public final class DeliverySampleValidator implements Validator<DeliverySample> {
  /**
   * More than this many messages in one sample is a broken measurement (a minute of it would be
   * 16 billion a second); it also keeps the ledger's sums far from overflowing a long.
   */
  public static final long MAX_COUNT = 1_000_000_000_000L;

  @Override
  public void validate(DeliverySample s) throws RejectedRecordException {
    require(
        s.v() == DeliverySample.VERSION,
        new Rejection(Rejection.UNSUPPORTED_VERSION, "contract version v=" + s.v() + ", expected " + DeliverySample.VERSION));
    Validator.requireText(s.cluster(), "cluster");
    Validator.requireEventTime(s.intervalStart(), "intervalStart");
    Validator.requireEventTime(s.intervalEnd(), "intervalEnd");
    require(
        !s.intervalEnd().isBefore(s.intervalStart()),
        Rejection.invalid("intervalEnd " + s.intervalEnd() + " is before intervalStart " + s.intervalStart()));
    require(
        s.produced() >= 0 && s.delivered() >= 0 && s.duplicates() >= 0,
        Rejection.invalid(
            "counts must not be negative: produced=" + s.produced() + " delivered=" + s.delivered()
                + " duplicates=" + s.duplicates()));
    require(
        s.produced() <= MAX_COUNT && s.duplicates() <= MAX_COUNT,
        Rejection.invalid("counts must be at most " + MAX_COUNT + ": produced=" + s.produced()
            + " duplicates=" + s.duplicates()));
    require(
        s.delivered() <= s.produced(),
        Rejection.invalid("delivered " + s.delivered() + " exceeds produced " + s.produced()));
  }
}
