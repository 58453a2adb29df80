package dev.pmpulse.streams.intake;

import static dev.pmpulse.streams.intake.Validator.require;
import static dev.pmpulse.streams.intake.Validator.requirePresent;

import dev.pmpulse.events.EscalationEvent;

/**
 * What an escalation event must carry before the resolution KPI will look at it: every field. The
 * checks that need the escalation's history (a resolution before its opening, a resolution of an
 * escalation never opened) are the KPI's own, in its tracker of each escalation.
 */
public final class EscalationEventValidator implements Validator<EscalationEvent> {
  @Override
  public void validate(EscalationEvent e) throws RejectedRecordException {
    require(
        e.v() == EscalationEvent.VERSION,
        new Rejection(
            Rejection.UNSUPPORTED_VERSION, "contract version v=" + e.v() + ", expected " + EscalationEvent.VERSION));
    require(e.type() != null, new Rejection(Rejection.UNKNOWN_TYPE, "missing field 'type'"));
    Validator.requireText(e.eventId(), "eventId");
    Validator.requireText(e.id(), "id");
    Validator.requireText(e.customer(), "customer");
    requirePresent(e.severity(), "severity");
    Validator.requireText(e.productArea(), "productArea");
    Validator.requireEventTime(e.at(), "at");
  }
}
