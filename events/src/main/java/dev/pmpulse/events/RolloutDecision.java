package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Locale;

/**
 * The verdict on one stage of a flag's rollout, made once per (flag, stage): {@code abort} when the
 * publish latency of the stage's cluster breached its tolerance band (or the incident threshold)
 * while the stage was live, {@code proceed} when the stage soaked without such a breach. Key on the
 * topic: the flag.
 *
 * @param reason for a person: which breach, or how long the stage soaked
 * @param stageStart the {@code at} of the stage's {@link RolloutEvent}
 * @param decidedAt event time of the decision: the breach's time, the stage start, or start + soak
 */
public record RolloutDecision(
    int v,
    String flag,
    String cluster,
    int stagePercent,
    Decision decision,
    String reason,
    Instant stageStart,
    Instant decidedAt) {
  public static final int VERSION = 1;

  public enum Decision {
    @JsonProperty("proceed") PROCEED,
    @JsonProperty("abort") ABORT;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
