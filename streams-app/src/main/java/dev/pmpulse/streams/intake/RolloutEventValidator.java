package dev.pmpulse.streams.intake;

import static dev.pmpulse.streams.intake.Validator.require;

import dev.pmpulse.events.RolloutEvent;

/** A rollout event must carry every field, and its stage must be one of 5, 10, 25, 50, 100. */
public final class RolloutEventValidator implements Validator<RolloutEvent> {
  @Override
  public void validate(RolloutEvent e) throws RejectedRecordException {
    require(
        e.v() == RolloutEvent.VERSION,
        new Rejection(Rejection.UNSUPPORTED_VERSION, "contract version v=" + e.v() + ", expected " + RolloutEvent.VERSION));
    Validator.requireText(e.eventId(), "eventId");
    Validator.requireText(e.flag(), "flag");
    Validator.requireText(e.cluster(), "cluster");
    Validator.requireEventTime(e.at(), "at");
    require(
        RolloutEvent.STAGES.contains(e.stagePercent()),
        Rejection.invalid("field 'stagePercent' must be one of 5, 10, 25, 50, 100, was " + e.stagePercent()));
  }
}
