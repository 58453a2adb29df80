package dev.pmpulse.streams.review;

import static dev.pmpulse.streams.intake.Validator.require;
import static dev.pmpulse.streams.intake.Validator.requirePresent;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.streams.intake.RejectedRecordException;
import dev.pmpulse.streams.intake.Rejection;
import dev.pmpulse.streams.intake.Validator;

/** What a PR event must carry before the review-latency KPI will count it. */
public final class PrEventValidator implements Validator<PrEvent> {
  @Override
  public void validate(PrEvent e) throws RejectedRecordException {
    require(
        e.v() == PrEvent.VERSION,
        new Rejection(Rejection.UNSUPPORTED_VERSION, "contract version v=" + e.v() + ", expected " + PrEvent.VERSION));
    require(e.type() != null, new Rejection(Rejection.UNKNOWN_TYPE, "missing field 'type'"));
    requirePresent(e.eventId(), "eventId");
    requirePresent(e.repo(), "repo");
    require(e.number() > 0, Rejection.invalid("field 'number' must be positive, was " + e.number()));
    requirePresent(e.team(), "team");
    requirePresent(e.author(), "author");
    requirePresent(e.at(), "at");
    if (e.type() == PrEvent.Type.REVIEW_SUBMITTED) {
      requirePresent(e.actor(), "actor");
      requirePresent(e.reviewState(), "reviewState");
    }
  }
}
