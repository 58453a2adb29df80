package dev.pmpulse.streams;

import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.streams.inspect.ProcessedRecords;
import dev.pmpulse.streams.rollouts.Rollouts;
import dev.pmpulse.streams.slo.SloSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What {@link PmPulseTopology} is built with: where the KPIs' meters go, and the settings of the
 * KPIs that have any. {@link #defaults} are the app's; tests and benchmarks change one with a
 * {@code with...} method.
 *
 * @param meters where every KPI registers its meters
 * @param slo the lines publish latency and delivery are judged against
 * @param rolloutSoak how long a rollout stage must run without a band breach to proceed
 * @param quarterZone API stability counts the calendar quarters of this zone (changing it needs a
 *     fresh application id)
 * @param teams the teams file as the app started with it: its escalation target is built in; the
 *     teams themselves reach the topology through {@link dev.pmpulse.events.Topics#TEAMS}, where
 *     the app writes them, so that they can change while it runs
 */
public record TopologySettings(
    MeterRegistry meters,
    SloSettings slo,
    Duration rolloutSoak,
    ZoneId quarterZone,
    TeamDirectory teams,
    ProcessedRecords processed) {
  public TopologySettings {
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(rolloutSoak, "rolloutSoak");
    Objects.requireNonNull(quarterZone, "quarterZone");
    Objects.requireNonNull(teams, "teams");
    Objects.requireNonNull(processed, "processed");
  }

  public static TopologySettings defaults(MeterRegistry meters) {
    return new TopologySettings(meters, SloSettings.DEFAULTS, Rollouts.DEFAULT_SOAK, ZoneId.of("UTC"),
        TeamDirectory.defaults(), new ProcessedRecords());
  }

  public TopologySettings withSlo(SloSettings slo) {
    return new TopologySettings(meters, slo, rolloutSoak, quarterZone, teams, processed);
  }

  public TopologySettings withRolloutSoak(Duration rolloutSoak) {
    return new TopologySettings(meters, slo, rolloutSoak, quarterZone, teams, processed);
  }

  public TopologySettings withQuarterZone(ZoneId quarterZone) {
    return new TopologySettings(meters, slo, rolloutSoak, quarterZone, teams, processed);
  }

  public TopologySettings withTeams(TeamDirectory teams) {
    return new TopologySettings(meters, slo, rolloutSoak, quarterZone, teams, processed);
  }

  /** The escalation resolution target of the teams file. */
  public Duration escalationTarget() {
    return Duration.ofMillis(Math.round(teams.escalationTargetHours() * 3_600_000));
  }
}
