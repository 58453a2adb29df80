package dev.pmpulse.streams.dailyupdate;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.SloViolation;
import java.util.List;

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
    EscalationResolutionKpi escalation,
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

  static ReportInput ofEscalation(String key, EscalationResolutionKpi v) {
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

  /**
   * What this input is the latest value of, in a {@link DayLedger}: {@code review}, {@code
   * escalation/P0}, {@code quarter/2026-Q4}, {@code latency/eu-1}, {@code delivery/eu-1}, {@code
   * violation/eu-1/slo}, {@code open/ESC-7}, or for an aborted stage {@code
   * abort/flag-3/25/2026-11-23T10:00:00Z}.
   */
  String ledgerKey() {
    if (review != null) {
      return "review";
    } else if (escalation != null) {
      return "escalation/" + escalation.severity().name();
    } else if (apiStability != null) {
      return "quarter/" + apiStability.quarter();
    } else if (publishLatency != null) {
      return "latency/" + publishLatency.cluster();
    } else if (delivery != null) {
      return "delivery/" + delivery.cluster();
    } else if (violation != null) {
      return "violation/" + violation.cluster() + "/" + violation.level().tag();
    } else if (rolloutAbort != null) {
      return "abort/" + rolloutAbort.flag() + "/" + rolloutAbort.stagePercent() + "/" + rolloutAbort.stageStart();
    }
    return "open/" + key;
  }

  /**
   * The steady source whose progress this input shows, or null for one that reports only when
   * something happens. Review latency and escalations report every hour of event time, publish
   * latency and delivery every minute per cluster: once each has reported past midnight, every
   * value of the day before has arrived (see {@link DailyUpdateProcessor}).
   */
  String progressSource() {
    if (review != null) {
      return "review";
    } else if (escalation != null) {
      // One source for all severities: a severity with no events does not report on its own.
      return "escalation";
    } else if (publishLatency != null) {
      return "latency/" + publishLatency.cluster();
    } else if (delivery != null) {
      return "delivery/" + delivery.cluster();
    }
    return null;
  }

  /** The kinds of {@link #progressSource() steady source}, each of which is waited for until idle. */
  static final List<String> STEADY_KINDS = List.of("review", "escalation", "latency", "delivery");

  static String kindOf(String source) {
    int slash = source.indexOf('/');
    return slash < 0 ? source : source.substring(0, slash);
  }
}
