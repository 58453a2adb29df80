package dev.pmpulse.demo;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.streams.StreamsMain;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./run-demo}: a Kafka broker, the registry's topics, the streams app and the workload
 * producer in one JVM, with a live status line, until Ctrl-C.
 */
@Command(
    name = "pm-pulse-demo",
    description = "Runs PM Pulse end to end in one process: broker, topics, workload producer, streams app.")
public final class DemoMain implements Callable<Integer> {
  static final String NAME = "pm-pulse-demo";
  private static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(10);

  @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of starting an embedded broker "
      + "(default: none, an embedded broker on 127.0.0.1 at --broker-port).")
  String bootstrapServers;

  @Option(names = "--config", description = "Client properties file for --bootstrap-servers (e.g. SASL_SSL settings).")
  Path config;

  @Option(names = "--broker-port", defaultValue = "" + EmbeddedKafkaBroker.DEFAULT_PORT, description = "Port of the embedded broker on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int brokerPort;

  @Option(names = "--http-port", defaultValue = "8080", description = "Streams app HTTP port: dashboard, /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--producer-http-port", defaultValue = "8081", description = "Producer HTTP port: /metrics, scenario control; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int producerHttpPort;

  @Option(names = "--fault-port", defaultValue = "8082", description = "Port of the live fault controls (crash, broker restart, bad record) that the /kafka page's buttons use; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int faultPort;

  @Option(names = "--max-samples-per-second", description = "At most this many latency samples per wall second, all clusters together; lower it on a slow machine (producer default: 3000).")
  Integer maxSamplesPerSecond;

  @Option(names = "--speed", description = "Simulated seconds per wall-clock second (producer default: one simulated hour per second).")
  Double speed;

  @Option(names = "--start", description = "Simulated start instant, ISO-8601, e.g. 2026-03-02T08:00:00Z.")
  Instant start;

  @Option(names = "--backfill-days", description = "Simulated days of PR, escalation and rollout history to produce as fast as possible before running live; samples start live (default: " + ProducerSettings.DEFAULT_BACKFILL_DAYS + ").")
  Integer backfillDays;

  @Option(names = "--seed", description = "Random seed of the workload: the same seed gives the same events.")
  Long seed;

  @Option(names = "--teams", paramLabel = "FILE", description = "Teams file (YAML) for the producer and the streams app: "
      + "calendars, repositories, members, ignored logins, targets; re-read when it changes (default: the four demo "
      + "teams; see docs/teams.md).")
  Path teams;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  /** Console commands; null reads stdin when it is a terminal. */
  private final InputStream commands;
  private final Map<String, String> env;
  private Properties kafka = new Properties();

  public DemoMain() {
    this(System.getenv(), null);
  }

  /** For tests: console commands from {@code commands}, terminal or not. */
  DemoMain(InputStream commands) {
    this(System.getenv(), commands);
  }

  /** For tests: the environment ({@code PMPULSE_KAFKA_*}) to read, and console commands as above. */
  DemoMain(Map<String, String> env, InputStream commands) {
    this.env = env;
    this.commands = commands;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new DemoMain()).execute(args));
  }

  /** The command line with one-line errors: exit code 2 for a bad flag or value, 1 for a failure. */
  static CommandLine commandLine(DemoMain demo) {
    CommandLine cmd = new CommandLine(demo);
    cmd.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println(NAME + ": " + e.getMessage() + " (see --help)");
          err.flush();
          return 2;
        });
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ClientSettings.isSettingsProblem(e)) {
            err.println(NAME + ": Kafka client settings: " + ClientSettings.oneLine(e, demo.kafka) + " (see --help)");
            err.flush();
            return 2;
          }
          err.println(NAME + ": " + ClientSettings.oneLine(e, demo.kafka));
          err.flush();
          return 1;
        });
    return cmd;
  }

  /** Asks a running demo to stop, as Ctrl-C does. */
  void stop() {
    stopRequested.countDown();
  }

  @Override
  public Integer call() throws Exception {
    DemoRun.Options options = options();
    preflight(options);
    PrintWriter out = spec.commandLine().getOut();
    DemoRun run = new DemoRun(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> stopOnSignal(run, stopped), NAME + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean terminal = System.console() != null;
    InputStream commands = this.commands != null ? this.commands : terminal ? System.in : null;
    try {
      run.start();
      run.banner(commands != null).forEach(out::println);
      out.flush();
      if (commands != null) {
        run.readCommands(commands, out);
      }
      reportUntilStopped(run, out, terminal);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        run.close();
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is closing the run.
      }
    }
    return 0;
  }

  /** A status line once a second on a terminal (rewritten in place), else a line every 5 s. */
  private void reportUntilStopped(DemoRun run, PrintWriter out, boolean terminal) throws InterruptedException {
    Duration every = terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    StatusLine status = new StatusLine();
    status.next(run.sample());
    int width = 0;
    while (!stopRequested.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
      if (run.consoleBusy()) {
        continue; // a live fault prints its steps: the status line goes on after it
      }
      String line = status.next(run.sample());
      if (terminal) {
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
      } else {
        out.println(line);
      }
      out.flush();
    }
    if (terminal) {
      out.println();
      out.flush();
    }
  }

  /** Ctrl-C: stop producer, streams app and broker in that order, within the budget or hard. */
  private void stopOnSignal(DemoRun run, CountDownLatch stopped) {
    stop();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!stopped.await(SHUTDOWN_BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                  System.err.println(NAME + ": not stopped within " + SHUTDOWN_BUDGET.toSeconds() + " s; halting");
                  Runtime.getRuntime().halt(1);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            NAME + "-shutdown-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.err.println(NAME + ": stopping");
    run.close();
    stopped.countDown();
  }

  DemoRun.Options options() {
    checkPort("--broker-port", brokerPort);
    checkPort("--http-port", httpPort);
    checkPort("--producer-http-port", producerHttpPort);
    checkPort("--fault-port", faultPort);
    if (bootstrapServers != null && bootstrapServers.isBlank()) {
      throw usage("--bootstrap-servers: must not be empty");
    }
    if (config != null && bootstrapServers == null) {
      throw usage("--config applies to a cluster given with --bootstrap-servers, not to the embedded broker");
    }
    if (bootstrapServers != null) {
      try {
        // The file, the environment and their values are checked now, before anything starts.
        kafka = ClientSettings.load(bootstrapServers, config, env);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    if (teams != null) {
      try {
        StreamsMain.checkTeams(teams);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    DemoRun.Options options =
        new DemoRun.Options(
            bootstrapServers, config, brokerPort, httpPort, producerHttpPort, faultPort, speed, start, backfillDays, seed,
            maxSamplesPerSecond, teams);
    try {
      // The producer checks its own settings; ask it now, before anything starts.
      DemoSettings.producer(new Properties(), options);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return options;
  }

  /** Fails before anything starts when a port we are to listen on is taken. */
  private void preflight(DemoRun.Options options) {
    if (options.embedded() && options.brokerPort() != 0 && !FreePort.isFree(options.brokerPort())) {
      throw new IllegalStateException(
          "port " + options.brokerPort() + " is in use (another Kafka?): pick one with --broker-port, or use that cluster with --bootstrap-servers 127.0.0.1:" + options.brokerPort());
    }
    if (options.httpPort() != 0 && !FreePort.isFree(options.httpPort())) {
      throw new IllegalStateException("port " + options.httpPort() + " is in use: pick one with --http-port");
    }
    if (options.producerHttpPort() != 0 && !FreePort.isFree(options.producerHttpPort())) {
      throw new IllegalStateException("port " + options.producerHttpPort() + " is in use: pick one with --producer-http-port");
    }
    if (options.faultPort() != 0 && !FreePort.isFree(options.faultPort())) {
      throw new IllegalStateException("port " + options.faultPort() + " is in use: pick one with --fault-port");
    }
  }

  private void checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw usage(flag + ": must be 0..65535, was " + port);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

}
