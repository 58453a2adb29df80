package dev.pmpulse.producer;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.TeamsFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The producer's command line: parses flags, then runs a {@link WorkloadProducer} until Ctrl-C. */
@Command(
    name = "pm-pulse-producer",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Writes a simulated workload (pull requests of the teams of a teams file, customer escalations, publish-latency "
        + "and delivery samples of three clusters) to Kafka, in simulated time.",
    footer = "%nEach flag other than --bootstrap-servers and --config can also be set by an environment variable: "
        + "PMPULSE_ and its name in capitals, - as _ (PMPULSE_SPEED=60 for --speed 60); the command line wins. "
        + "Kafka client settings: PMPULSE_KAFKA_ and the setting (PMPULSE_KAFKA_BOOTSTRAP_SERVERS).")
public final class ProducerMain implements Callable<Integer> {
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILED = 1;

  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = ClientSettings.BOOTSTRAP_SERVERS_HELP)
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Kafka client properties file (SASL_SSL and the like), passed to the client as is")
  Path config;

  @Option(names = "--speed", paramLabel = "N", defaultValue = "3600",
      description = "Simulated seconds per wall second (default: ${DEFAULT-VALUE}: one simulated hour a second)")
  double speed;

  @Option(names = "--start", paramLabel = "INSTANT",
      description = "Simulated instant at which live production begins, ISO-8601 like 2026-03-02T00:00:00Z "
          + "(default: the most recent Monday 00:00 UTC)")
  String start;

  @Option(names = "--backfill-days", paramLabel = "N", defaultValue = "" + ProducerSettings.DEFAULT_BACKFILL_DAYS,
      description = "First produce the PRs, escalations and rollouts of the N simulated days before --start as fast "
          + "as possible; samples start live (default: ${DEFAULT-VALUE})")
  int backfillDays;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the workload; the same seed and flags give the same events (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--rate-multiplier", paramLabel = "X", defaultValue = "1.0",
      description = "Scales the PR arrival rate, about 50 PRs a simulated day at 1 (default: ${DEFAULT-VALUE})")
  double rateMultiplier;

  @Option(names = "--latency-samples-per-minute", paramLabel = "N", defaultValue = "2000",
      description = "Publish-latency samples per cluster per simulated minute, before the cap of "
          + "--max-samples-per-second (default: ${DEFAULT-VALUE})")
  int latencySamplesPerMinute;

  @Option(names = "--max-samples-per-second", paramLabel = "N", defaultValue = "3000",
      description = "At most this many latency samples per wall second, all clusters together: at high --speed each "
          + "simulated minute gets fewer samples (16 per cluster at the default speed 3600; 1000 at speed 60) "
          + "(default: ${DEFAULT-VALUE})")
  int maxSamplesPerSecond;

  @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "steady",
      description = "Scenario in force from --start (the backfill is always steady); switch at run time with "
          + "POST /scenarios/{name}. One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
      completionCandidates = ScenarioNames.class)
  String scenario;

  @Option(names = "--http-host", paramLabel = "HOST", defaultValue = ProducerSettings.DEFAULT_HTTP_HOST,
      description = "Address of /metrics, /health and /scenarios (default: ${DEFAULT-VALUE})")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8081",
      description = "Port of /metrics, /health and /scenarios, 0 for any free port (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--teams", paramLabel = "FILE",
      description = "Teams file (YAML): the teams whose PRs are simulated, their members, repositories and calendars "
          + "(default: the four demo teams; see docs/teams.md)")
  Path teams;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
  boolean help;

  private final Map<String, String> env;
  private final Clock wall;
  private Properties kafka = new Properties();

  public ProducerMain() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** For tests and launchers: the environment ({@code PMPULSE_KAFKA_*}) to read, and the wall clock. */
  public ProducerMain(Map<String, String> env, Clock wall) {
    this.env = env;
    this.wall = wall;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new ProducerMain()).execute(args));
  }

  /** The command line with PM Pulse's error handling: one line on stderr and exit code 2 for bad input. */
  public static CommandLine commandLine(ProducerMain main) {
    CommandLine cmd = new CommandLine(main);
    EnvironmentDefaults fromEnv = new EnvironmentDefaults(main.env);
    cmd.setDefaultValueProvider(fromEnv);
    cmd.setParameterExceptionHandler(
        (ParameterException e, String[] args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + fromEnv.origin(e.getMessage(), args)
              + " (see --help)");
          err.flush();
          return EXIT_USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (Exception e, CommandLine c, CommandLine.ParseResult parsed) -> {
          if (ClientSettings.isSettingsProblem(e)) {
            c.getErr().println(c.getCommandName() + ": Kafka client settings: " + ClientSettings.oneLine(e, main.kafka)
                + " (see --help)");
            c.getErr().flush();
            return EXIT_USAGE;
          }
          c.getErr().println(c.getCommandName() + ": " + ClientSettings.oneLine(e, main.kafka));
          c.getErr().flush();
          return EXIT_FAILED;
        });
    return cmd;
  }

  /** The settings the flags describe; a bad value fails with a message naming its flag. */
  ProducerSettings settings() {
    try {
      Properties kafka = ClientSettings.load(bootstrapServers, config, env);
      this.kafka = kafka;
      Instant startAt = start == null ? SimulatedClock.startOfWeek(wall.instant()) : parseStart(start);
      Scenario initial =
          Scenario.byLabel(scenario)
              .orElseThrow(() -> new IllegalArgumentException(
                  "--scenario: unknown scenario '" + scenario + "', expected one of " + String.join(", ", Scenario.labels())));
      return new ProducerSettings(kafka, speed, startAt, backfillDays, seed, rateMultiplier, httpHost, httpPort,
          initial, latencySamplesPerMinute, maxSamplesPerSecond,
          teams == null ? TeamDirectory.defaults() : loadTeams(teams));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    ProducerSettings settings = settings();
    try (WorkloadProducer producer = new WorkloadProducer(settings)) {
      Thread shutdown = new Thread(producer::close, "pmpulse-producer-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdown);
      producer.start();
      producer.awaitTermination();
      return producer.failure() == null ? 0 : EXIT_FAILED;
    }
  }

  /** The scenario names, for the help text. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Scenario.labels().iterator();
    }
  }

  /** The teams file, or one line naming the flag, the file, the team and the field at fault. */
  static TeamDirectory loadTeams(Path file) {
    try {
      return TeamDirectory.load(file);
    } catch (TeamsFileException e) {
      throw new IllegalArgumentException("--teams " + e.getMessage(), e);
    }
  }

  static Instant parseStart(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--start: expected an ISO-8601 instant like 2026-03-02T00:00:00Z, got '" + value + "'");
      }
    }
  }
}
