package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The end-of-day written update of one simulated UTC day, in three parts: status (each KPI against
 * its target), risks (what may go wrong next) and decisions (what changed course today). Written
 * once the day's data is complete; written again, under the same key, if a late input changes it.
 * Key on the topic: the date ({@code 2026-11-23}). Every text is plain: renderers escape it for
 * their format.
 *
 * @param date the UTC day reported on
 * @param asOf the end of that day (midnight UTC): every value is the latest by event time as of then
 */
public record DailyUpdate(
    int v, LocalDate date, Instant asOf, List<Status> status, List<String> risks, List<String> decisions) {
  public static final int VERSION = 1;

  public DailyUpdate {
    status = status == null ? List.of() : List.copyOf(status);
    risks = risks == null ? List.of() : List.copyOf(risks);
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }

  /**
   * One KPI against its target.
   *
   * @param kpi what is measured, e.g. "PR review latency, mean (7 d, all teams)"
   * @param value the value as a reader wants it, with unit
   * @param target the target, with unit
   */
  public record Status(String kpi, String value, String target, Outcome outcome) {}

  public enum Outcome {
    @JsonProperty("met") MET,
    @JsonProperty("missed") MISSED,
    /** Nothing measured yet for this KPI. */
    @JsonProperty("no-data") NO_DATA;

    public String label() {
      return switch (this) {
        case MET -> "met";
        case MISSED -> "missed";
        case NO_DATA -> "no data yet";
      };
    }
  }
}
