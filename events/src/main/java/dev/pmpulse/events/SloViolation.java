package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A cluster's minute p99 crossed one of its lines, or came back under it. Only changes are
 * reported: one event when a breach starts, one when it ends. Key on the topic: the cluster.
 *
 * @param p99Ms the p99 the minute was judged on (for a thin minute, that of the window it was
 *     merged with, as in {@link PublishLatencyKpi#p99Ms()}) that caused the change
 * @param thresholdMs the line at that minute
 * @param minute start of the minute
 */
public record SloViolation(
    int v, String cluster, Level level, Kind kind, double p99Ms, double thresholdMs, Instant minute) {
  public static final int VERSION = 1;

  public enum Level {
    /** The absolute SLO threshold. */
    @JsonProperty("slo") SLO,
    /** The tolerance band above the baseline: worth a look, not an incident. */
    @JsonProperty("band") BAND,
    /** The incident threshold above the baseline. */
    @JsonProperty("incident") INCIDENT;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Kind {
    @JsonProperty("crossed") CROSSED,
    @JsonProperty("recovered") RECOVERED;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
