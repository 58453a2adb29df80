package dev.pmpulse.streams.report;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.SloViolation;

/**
 * One KPI value on its way to the daily update: exactly one field is set (or none, with {@code
 * key}, for a resolved escalation). All KPIs travel on one single-partition topic so that one
 * processor sees every KPI in stream-time order.
 *
 * @param key the KPI's own key (team, severity, quarter, cluster, escalation id)
 */
public record ReportInput(
    String key,
    ReviewLatencyKpi review,
    EscalationKpi escalation,
    ApiStabilityKpi apiStability,
    PublishLatencyKpi publishLatency,
    DeliveryKpi delivery,
    SloViolation violation,
    OpenEscalation openEscalation,
    boolean escalationClosed,
    RolloutDecision rolloutAbort) {

  static ReportInput ofReview(String key, ReviewLatencyKpi v) {
    return new ReportInput(key, v, null, null, null, null, null, null, false, null);
  }

  static ReportInput ofEscalation(String key, EscalationKpi v) {
    return new ReportInput(key, null, v, null, null, null, null, null, false, null);
  }

  static ReportInput ofApiStability(String key, ApiStabilityKpi v) {
    return new ReportInput(key, null, null, v, null, null, null, null, false, null);
  }

  static ReportInput ofPublishLatency(String key, PublishLatencyKpi v) {
    return new ReportInput(key, null, null, null, v, null, null, null, false, null);
  }

  static ReportInput ofDelivery(String key, DeliveryKpi v) {
    return new ReportInput(key, null, null, null, null, v, null, null, false, null);
  }

  static ReportInput ofViolation(String key, SloViolation v) {
    return new ReportInput(key, null, null, null, null, null, v, null, false, null);
  }

  /** A null value is a resolution: the open-escalations table deleted the key. */
  static ReportInput ofOpenEscalation(String key, OpenEscalation v) {
    return new ReportInput(key, null, null, null, null, null, null, v, v == null, null);
  }

  static ReportInput ofRolloutAbort(String flag, RolloutDecision v) {
    return new ReportInput(flag, null, null, null, null, null, null, null, false, v);
  }
}
