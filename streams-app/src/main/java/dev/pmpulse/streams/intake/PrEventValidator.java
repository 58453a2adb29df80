package dev.pmpulse.streams.intake;

import static dev.pmpulse.streams.intake.Validator.require;
import static dev.pmpulse.streams.intake.Validator.requirePresent;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.PrEvent;

/** What a PR event must carry before any KPI (review latency, API stability) will count it. */
public final class PrEventValidator implements Validator<PrEvent> {
  @Override
  public void validate(PrEvent e) throws RejectedRecordException {
    require(
        e.v() == PrEvent.VERSION,
        new Rejection(Rejection.UNSUPPORTED_VERSION, "contract version v=" + e.v() + ", expected " + PrEvent.VERSION));
    require(e.type() != null, new Rejection(Rejection.UNKNOWN_TYPE, "missing field 'type'"));
    Validator.requireText(e.eventId(), "eventId");
    Validator.requireText(e.repo(), "repo");
    require(e.number() > 0, Rejection.invalid("field 'number' must be positive, was " + e.number()));
    Validator.requireText(e.team(), "team");
    Validator.requireText(e.author(), "author");
    Validator.requireShort(e.actor(), "actor");
    for (int i = 0; i < e.reviewers().size(); i++) {
      Validator.requireText(e.reviewers().get(i), "reviewers[" + i + "]");
    }
    for (int i = 0; i < e.labels().size(); i++) {
      Validator.requireShort(e.labels().get(i), "labels[" + i + "]");
    }
    Validator.requireEventTime(e.at(), "at");
    if (e.type() == PrEvent.Type.REVIEW_SUBMITTED) {
      requirePresent(e.actor(), "actor");
      requirePresent(e.reviewState(), "reviewState");
    }
    if (e.type() == PrEvent.Type.MERGED) {
      for (int i = 0; i < e.apiChanges().size(); i++) {
        ApiChange change = e.apiChanges().get(i);
        String field = "apiChanges[" + i + "]";
        Validator.requireText(change.surface(), field + ".surface");
        requirePresent(change.kind(), field + ".kind");
        // "all" labels the sums over every surface in the metrics.
        require(
            !"all".equals(change.surface().strip()),
            Rejection.invalid("field '" + field + ".surface' cannot be 'all' (it names the total)"));
      }
    }
  }
}
