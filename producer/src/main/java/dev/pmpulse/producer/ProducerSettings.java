package dev.pmpulse.producer;

import dev.pmpulse.events.TeamDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything a {@link WorkloadProducer} needs. Invalid values are rejected with a message that starts
 * with the command-line flag of the same name, so the CLI can show it as it is.
 *
 * @param kafka Kafka client settings, e.g. from {@code ClientSettings.load}; the producer adds its
 *     own defaults and serializers
 * @param speed simulated seconds per wall second
 * @param start simulated instant at which live production begins (see {@link SimulatedClock})
 * @param backfillDays simulated days before {@code start} produced as fast as possible first
 * @param seed seed of the workload; the same seed and settings give the same events
 * @param rateMultiplier scales the PR arrival rate
 * @param httpHost address of the {@code /metrics} and {@code /health} endpoints
 * @param httpPort their port; 0 picks a free one ({@link WorkloadProducer#httpPort()} tells which)
 * @param scenario the scenario in force from {@code start} (the backfill, if any, is always steady)
 * @param latencySamplesPerMinute latency samples per cluster per simulated minute, before the cap
 * @param maxSamplesPerSecond cap on latency samples per wall second, all clusters together; see
 *     {@link #effectiveSamplesPerMinute()}
 * @param teams the teams whose PRs are simulated (their members, repositories and calendars)
 */
public record ProducerSettings(
    Properties kafka,
    double speed,
    Instant start,
    int backfillDays,
    long seed,
    double rateMultiplier,
    String httpHost,
    int httpPort,
    Scenario scenario,
    int latencySamplesPerMinute,
    int maxSamplesPerSecond,
    TeamDirectory teams) {

  public static final double DEFAULT_SPEED = 3600;
  public static final double MAX_SPEED = 1_000_000;
  public static final int MAX_BACKFILL_DAYS = 3650;
  public static final long DEFAULT_SEED = 42;
  /**
   * Four weeks of PR, escalation and rollout history before live time: a full 7-day review
   * window, previous weeks' escalations resolved, and a few P0s among them (5% of 4 a day).
   */
  public static final int DEFAULT_BACKFILL_DAYS = 28;
  public static final double DEFAULT_RATE_MULTIPLIER = 1.0;
  public static final double MAX_RATE_MULTIPLIER = 100;
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8081;
  public static final int MAX_SAMPLES = 1_000_000;

  public ProducerSettings {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(start, "--start");
    Objects.requireNonNull(httpHost, "--http-host");
    Objects.requireNonNull(scenario, "--scenario");
    Objects.requireNonNull(teams, "--teams");
    if (!(speed > 0 && speed <= MAX_SPEED)) {
      throw new IllegalArgumentException("--speed: must be above 0 and at most " + (long) MAX_SPEED + ", got " + speed);
    }
    if (backfillDays < 0 || backfillDays > MAX_BACKFILL_DAYS) {
      throw new IllegalArgumentException(
          "--backfill-days: must be between 0 and " + MAX_BACKFILL_DAYS + ", got " + backfillDays);
    }
    if (!(rateMultiplier > 0 && rateMultiplier <= MAX_RATE_MULTIPLIER)) {
      throw new IllegalArgumentException(
          "--rate-multiplier: must be above 0 and at most " + (long) MAX_RATE_MULTIPLIER + ", got " + rateMultiplier);
    }
    if (latencySamplesPerMinute < 1 || latencySamplesPerMinute > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "--latency-samples-per-minute: must be between 1 and " + MAX_SAMPLES + ", got " + latencySamplesPerMinute);
    }
    if (maxSamplesPerSecond < 1 || maxSamplesPerSecond > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "--max-samples-per-second: must be between 1 and " + MAX_SAMPLES + ", got " + maxSamplesPerSecond);
    }
    if (httpHost.isBlank()) {
      throw new IllegalArgumentException("--http-host: must not be empty");
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("--http-port: must be between 0 and 65535, got " + httpPort);
    }
    Properties copy = new Properties();
    copy.putAll(kafka);
    kafka = copy;
  }

  /** Settings in the steady scenario. */
  public ProducerSettings(Properties kafka, double speed, Instant start, int backfillDays, long seed,
      double rateMultiplier, String httpHost, int httpPort) {
    this(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, Scenario.STEADY,
        ClusterSamples.DEFAULT_SAMPLES_PER_MINUTE, ClusterSamples.DEFAULT_MAX_SAMPLES_PER_SECOND,
        TeamDirectory.defaults());
  }

  /** The defaults, with live time starting at the beginning of the current UTC week. */
  public static ProducerSettings defaults(Properties kafka) {
    return new ProducerSettings(
        kafka,
        DEFAULT_SPEED,
        SimulatedClock.startOfWeek(Clock.systemUTC().instant()),
        0,
        DEFAULT_SEED,
        DEFAULT_RATE_MULTIPLIER,
        DEFAULT_HTTP_HOST,
        DEFAULT_HTTP_PORT,
        Scenario.STEADY,
        ClusterSamples.DEFAULT_SAMPLES_PER_MINUTE,
        ClusterSamples.DEFAULT_MAX_SAMPLES_PER_SECOND,
        TeamDirectory.defaults());
  }

  @Override
  public Properties kafka() {
    Properties copy = new Properties();
    copy.putAll(kafka);
    return copy;
  }

  public ProducerSettings withSpeed(double speed) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withStart(Instant start) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withBackfillDays(int backfillDays) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withSeed(long seed) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withRateMultiplier(double rateMultiplier) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withHttp(String httpHost, int httpPort) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withScenario(Scenario scenario) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withSamples(int latencySamplesPerMinute, int maxSamplesPerSecond) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  public ProducerSettings withTeams(TeamDirectory teams) {
    return new ProducerSettings(kafka, speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario,
        latencySamplesPerMinute, maxSamplesPerSecond, teams);
  }

  /** Latency samples per cluster per simulated minute after the wall-clock cap. */
  public int effectiveSamplesPerMinute() {
    return ClusterSamples.samplesPerMinute(latencySamplesPerMinute, maxSamplesPerSecond, speed);
  }

  /**
   * The run's identity: the settings that decide which events it writes (the seed, the simulated
   * start and backfill, the PR rate and the effective sample rate, which depends on the speed). A
   * producer restarted with the same identity goes on from where the previous one stopped; the
   * scenario switches are part of its checkpoints, not of its identity.
   */
  public String runId() {
    return String.format(java.util.Locale.ROOT, "seed=%d start=%s backfillDays=%d rateMultiplier=%s samplesPerMinute=%d",
        seed, start, backfillDays, rateMultiplier, effectiveSamplesPerMinute());
  }

  /** The settings other than Kafka's, for the start-up log. */
  public String describe() {
    return String.format(
        "speed=%s start=%s backfillDays=%d seed=%d rateMultiplier=%s http=%s:%d scenario=%s "
            + "latencySamplesPerMinute=%d maxSamplesPerSecond=%d (effective: %d per cluster per simulated minute) teams=%s",
        speed, start, backfillDays, seed, rateMultiplier, httpHost, httpPort, scenario, latencySamplesPerMinute,
        maxSamplesPerSecond, effectiveSamplesPerMinute(), teams.teams().stream().map(t -> t.name()).toList());
  }
}
