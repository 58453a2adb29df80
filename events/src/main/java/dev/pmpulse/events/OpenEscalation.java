package dev.pmpulse.events;

import dev.pmpulse.events.EscalationEvent.Severity;
import java.time.Instant;

/**
 * An escalation that is open right now: the value on the compacted {@link
 * Topics#OPEN_ESCALATIONS} topic, keyed by escalation id. Opening or reopening an escalation
 * writes this record; resolving it writes a tombstone (a null value), so after compaction the
 * topic holds exactly the open escalations.
 *
 * @param openedAt start of the current open period: the reopen time for a reopened escalation
 * @param reopens how many times the escalation has been reopened
 */
public record OpenEscalation(
    int v,
    String id,
    String customer,
    Severity severity,
    String productArea,
    Instant openedAt,
    int reopens) {
  public static final int VERSION = 1;
}
