package dev.pmpulse.streams.slo;

import static dev.pmpulse.streams.intake.Validator.require;
import static dev.pmpulse.streams.intake.Validator.requirePresent;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.streams.intake.RejectedRecordException;
import dev.pmpulse.streams.intake.Rejection;
import dev.pmpulse.streams.intake.Validator;

/** Counts must be non-negative and consistent: nothing is delivered that was not produced. */
public final class DeliverySampleValidator implements Validator<DeliverySample> {
  @Override
  public void validate(DeliverySample s) throws RejectedRecordException {
    require(
        s.v() == DeliverySample.VERSION,
        new Rejection(Rejection.UNSUPPORTED_VERSION, "contract version v=" + s.v() + ", expected " + DeliverySample.VERSION));
    requirePresent(s.cluster(), "cluster");
    requirePresent(s.intervalStart(), "intervalStart");
    requirePresent(s.intervalEnd(), "intervalEnd");
    require(
        !s.intervalEnd().isBefore(s.intervalStart()),
        Rejection.invalid("intervalEnd " + s.intervalEnd() + " is before intervalStart " + s.intervalStart()));
    require(
        s.produced() >= 0 && s.delivered() >= 0 && s.duplicates() >= 0,
        Rejection.invalid(
            "counts must not be negative: produced=" + s.produced() + " delivered=" + s.delivered()
                + " duplicates=" + s.duplicates()));
    require(
        s.delivered() <= s.produced(),
        Rejection.invalid("delivered " + s.delivered() + " exceeds produced " + s.produced()));
  }
}
