package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.OpenEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One escalation as the tracker remembers it, open or resolved, keyed by escalation id.
 *
 * @param openedAt start of the current (or last) open period: the opening, or the latest reopening
 * @param resolvedAt end of the last open period; null while the escalation was never resolved
 * @param overdue the current open period was reported as lasting longer than the target
 * @param recentEventIds the latest event ids applied, to recognise a redelivered event
 */
public record EscalationState(
    String id,
    String customer,
    Severity severity,
    String productArea,
    Instant openedAt,
    Instant resolvedAt,
    boolean open,
    boolean overdue,
    int reopens,
    Instant lastActivity,
    List<String> recentEventIds) {

  /** Enough to catch redelivery, which comes soon after the original; older ids are dropped. */
  static final int EVENT_IDS_KEPT = 16;

  public EscalationState {
    recentEventIds = recentEventIds == null ? List.of() : List.copyOf(recentEventIds);
  }

  static EscalationState opened(EscalationEvent e) {
    return new EscalationState(
        e.id(), e.customer(), e.severity(), e.productArea(), e.at(), null, true, false, 0, e.at(), List.of());
  }

  /** Open again from {@code e.at()}, with the severity and details the reopening carries. */
  EscalationState reopened(EscalationEvent e) {
    return new EscalationState(
        id, e.customer(), e.severity(), e.productArea(), e.at(), resolvedAt, true, false, reopens + 1,
        latest(e.at()), recentEventIds);
  }

  EscalationState resolved(Instant at) {
    return new EscalationState(
        id, customer, severity, productArea, openedAt, at, false, false, reopens, latest(at), recentEventIds);
  }

  EscalationState markOverdue() {
    return new EscalationState(
        id, customer, severity, productArea, openedAt, resolvedAt, open, true, reopens, lastActivity, recentEventIds);
  }

  boolean seen(String eventId) {
    return recentEventIds.contains(eventId);
  }

  EscalationState remember(String eventId) {
    List<String> ids = new ArrayList<>(recentEventIds);
    ids.add(eventId);
    if (ids.size() > EVENT_IDS_KEPT) {
      ids.remove(0);
    }
    return new EscalationState(
        id, customer, severity, productArea, openedAt, resolvedAt, open, overdue, reopens, lastActivity, ids);
  }

  OpenEscalation asOpenEscalation() {
    return new OpenEscalation(OpenEscalation.VERSION, id, customer, severity, productArea, openedAt, reopens);
  }

  private Instant latest(Instant at) {
    return lastActivity == null || at.isAfter(lastActivity) ? at : lastActivity;
  }
}
