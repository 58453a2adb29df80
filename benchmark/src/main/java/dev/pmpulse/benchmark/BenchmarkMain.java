package dev.pmpulse.benchmark;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.StreamsDefaults;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.teams.TeamsTopic;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./run-benchmark}: one embedded broker; N seeded events produced; a pass-through Kafka
 * Streams app, a consume-and-commit app, a plain consumer and the full PM Pulse topology over them,
 * each timed until all input is committed; then end-to-end latency at a fixed rate. {@code ./run-benchmark --jmh [JMH options]} runs the
 * microbenchmarks instead.
 */
@Command(
    name = "run-benchmark",
    description = "Throughput of the PM Pulse topology against a pass-through app, a consume-and-commit app and a plain consumer, and end-to-end latency, on an embedded broker.%n"
        + "  ./run-benchmark --jmh [JMH options]   runs the JMH microbenchmarks instead (e.g. --jmh -lh for JMH's help).")
public final class BenchmarkMain implements Callable<Integer> {
  static final String PASSTHROUGH_TOPIC = "pmpulse.bench.passthrough";
  static final int PROBE_TEAMS = 128;
  static final String PASSTHROUGH_APP = "pmpulse-bench-passthrough";
  static final String FULL_APP = "pmpulse-bench-full";
  static final String CONSUME_COMMIT_APP = "pmpulse-bench-consume-commit";
  /**
   * The broker's {@code group.initial.rebalance.delay.ms} (production default 3 s): with 0, an
   * app's second stream thread, joining just after the first, waits for the first thread's next
   * heartbeat for its tasks, which adds a random delay to each timed start (what it cost: the
   * Commands section of BENCHMARKS.md).
   */
  static final Duration INITIAL_REBALANCE_DELAY = Duration.ofMillis(300);
  static final String FULL_JFR = "full-topology.jfr";

  @Mixin BenchmarkOptions options;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "--jmh".equals(args[0])) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.exit(new CommandLine(new BenchmarkMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    options.validate();
    Report report = new Report(String.join(" ", options.commandLine()));
    report.load("start");
    if (options.stateScale) {
      report.stateScale(new StateScaleRun(options, origin()).run());
      return finish(report, origin());
    }
    if (!options.noDashboard) {
      // First, before this JVM's own phases load the machine.
      say("Time to a full dashboard: what ./run-demo starts, in a new JVM (%s), reading /api/kpis every %d ms...",
          String.join(" ", DashboardRun.demoJavaOptions(System.getenv())), DashboardRun.POLL.toMillis());
      DashboardRun.Result dashboard = DashboardRun.inNewJvm(Duration.ofMinutes(4));
      report.dashboard(dashboard);
      say("    %s", dashboard.complete() ? f("every tile has a value %.1f s after the JVM started", dashboard.full()) : "some tiles never had a value");
      if (options.dashboardOnly) {
        return finish(report, origin());
      }
    }
    Instant origin = origin();
    // One seeded stream of events: the warm-up's first, then each round's input continues it.
    BenchmarkInput source = new BenchmarkInput(options.seed, origin, options.samplesPerClusterMinute);
    List<BenchEvent> warmupInput = source.next(options.warmupEvents);

    Path work = Files.createTempDirectory("pmpulse-bench-");
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).initialRebalanceDelay(INITIAL_REBALANCE_DELAY).start();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String bootstrap = broker.bootstrapServers();
      Topics.createMissing(admin);
      admin.createTopics(List.of(new NewTopic(PASSTHROUGH_TOPIC, Optional.of(6), Optional.empty())
          .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE))))).all().get();
      InputOffsets.awaitLeaders(admin);
      // As the streams app does at start: the shipped teams on the teams topic, for the calendars.
      Properties clients = new Properties();
      clients.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      new TeamsTopic(clients).write(Map.of(), TeamDirectory.defaults());

      Duration timeout = Duration.ofMinutes(10);
      Map<TopicPartition, Long> from = InputOffsets.endOffsets(admin);
      if (options.warmupEvents > 0) {
        from = firstStart(bootstrap, admin, warmupInput, work, report, timeout);
      }
      warmupInput = null;

      Path resultsDir = options.results().toAbsolutePath().getParent();
      Files.createDirectories(resultsDir);
      // The measured rounds, (d) in the last one's full-topology app, then (unless --no-profile)
      // one more round in which (c) is recorded with JFR and not measured: a recording running
      // during a timed phase slows the two apps unequally (BENCHMARKS.md, Commands: profile round).
      int allRounds = options.rounds + (options.noProfile ? 0 : 1);
      for (int round = 1; round <= allRounds; round++) {
        boolean profiled = round > options.rounds;
        say("%s: generating %,d events (seed %d)...", profiled ? "Profile round (not measured)" : f("Round %d of %d", round, options.rounds), options.events, options.seed);
        List<BenchEvent> input = source.next(options.events);
        if (round == 1) {
          report.mix(input);
        }
        say("(a) producing %,d events...", options.events);
        double produceSeconds = InputProducer.produceAll(bootstrap, input);
        say("    %,.0f events/s", options.events / produceSeconds);
        input = null; // on the broker now; let them go
        Map<TopicPartition, Long> end = InputOffsets.endOffsets(admin);

        StreamsRun.Timing passthrough = null;
        StreamsRun.Timing consumeCommit = null;
        StreamsRun.Timing plainRead = null;
        if (!profiled) { // the profile round records (c) only
          String restarted = options.warmupEvents > 0 || round > 1 ? ", restarted" : "";
          say("(b) pass-through app%s...", restarted);
          try (StreamsRun run = app(bootstrap, PASSTHROUGH_APP, passthroughTopology(), work)) {
            passthrough = run.runUntilCommitted(admin, from, end, timeout);
          }
          say("    %,.0f events/s (%.1f s)", passthrough.rate(), passthrough.seconds());
          say("(d) consume-and-commit app (no output)%s...", restarted);
          try (StreamsRun run = app(bootstrap, CONSUME_COMMIT_APP, consumeCommitTopology(), work)) {
            consumeCommit = run.runUntilCommitted(admin, from, end, timeout);
          }
          say("    %,.0f events/s (%.1f s)", consumeCommit.rate(), consumeCommit.seconds());
          say("(e) plain KafkaConsumer, read_committed...");
          plainRead = PlainConsumerRun.readUntilEnd(bootstrap, from, end, commitInterval(), timeout);
          say("    %,.0f events/s (%.1f s)", plainRead.rate(), plainRead.seconds());
        }

        say("(c) full PM Pulse topology%s...", options.warmupEvents > 0 || round > 1 ? ", restarted" : "");
        Recording fullProfile = profiled ? Profile.start() : null;
        try (StreamsRun run = app(bootstrap, FULL_APP, fullTopology(), work)) {
          StreamsRun.Timing full = run.runUntilCommitted(admin, from, end, timeout);
          Profile.stopIfRecording(fullProfile, resultsDir.resolve(FULL_JFR));
          say("    %,.0f events/s (%.1f s)%s", full.rate(), full.seconds(), profiled ? " under JFR"
              : f("; ratio to pass-through %.2f, to consume-and-commit %.2f, to plain consumer %.2f",
                  full.rate() / passthrough.rate(), full.rate() / consumeCommit.rate(), full.rate() / plainRead.rate()));
          if (!profiled) {
            report.round(round, options.events, produceSeconds, new Report.Apps(passthrough, full, consumeCommit, plainRead),
                StreamsRun.threads(options.streamThreads), options.warmupEvents > 0 || round > 1);
          }
          if (round == options.rounds) {
            report.summary();
            latency(bootstrap, admin, source, run, report);
          }
        }
        // After (d) only the full topology runs again (in the profile round); it has committed
        // the probe's input too.
        from = round == options.rounds ? InputOffsets.endOffsets(admin) : end;
      }
      if (!options.noProfile) {
        say("Summarizing the profiles...");
        report.profile(Profile.summarize(resultsDir.resolve(FULL_JFR), 15), FULL_JFR);
      }
      return finish(report, origin);
    } finally {
      deleteTree(work);
    }
  }

  private int finish(Report report, Instant origin) throws java.io.IOException {
    report.load("end");
    report.machine(origin);
    Files.createDirectories(options.results().toAbsolutePath().getParent());
    Files.writeString(options.results(), report.markdown());
    System.out.println();
    System.out.println(report.markdown());
    say("Written to %s", options.results());
    return 0;
  }

  /** (f): end-to-end latency at {@code --rate}, into the full topology's app that is still running. */
  private void latency(String bootstrap, Admin admin, BenchmarkInput source, StreamsRun run, Report report) throws Exception {
    // The probe's PRs: own teams, review 2-4 s (wall clock at the probe's rate) after opening.
    long simMsPerSecond = options.rate * source.msPerSample();
    List<String> probeTeams = IntStream.range(0, PROBE_TEAMS).mapToObj(i -> String.format("probe-team-%03d", i)).toList();
    source.prShape(probeTeams, 2 * simMsPerSecond, 4 * simMsPerSecond);
    List<BenchEvent> probeInput = source.next(options.rate * (options.warmupSeconds + options.latencySeconds));
    say("(f) end-to-end latency at %,d events/s for %d s (+%d s warm-up), same app...", options.rate, options.latencySeconds, options.warmupSeconds);
    LatencyProbe.Result latency = LatencyProbe.run(bootstrap, probeInput, Set.copyOf(probeTeams), options.rate, Duration.ofSeconds(options.warmupSeconds), Duration.ofSeconds(15));
    long lag = run.lag(admin, InputOffsets.endOffsets(admin));
    report.latency(latency, lag);
    say("    p50 %.0f ms, p99 %.0f ms (%d of %d reviews matched)", latency.p(50), latency.p(99), latency.matched(), latency.reviewsSent());
  }

  /**
   * Each app's first start, over the warm-up events, as its first deployment: Kafka Streams
   * creates the app's internal topics (none for the pass-through, 40-odd repartition and changelog
   * topics for the full topology), and the JIT compiles the app's code. Both are one-time costs of
   * a long-running app, and the pass-through would not pay its share of them (its code is the
   * clients' code that (a) warms too), so the timed phases are each app's next start, on its
   * topics, state and committed offsets from here, as a restart in production. The first starts
   * are timed and reported as well.
   *
   * @return the input's end offsets after the warm-up: where the timed phases start
   */
  private Map<TopicPartition, Long> firstStart(
      String bootstrap, Admin admin, List<BenchEvent> warmupInput, Path work, Report report, Duration timeout)
      throws Exception {
    say("First start of each app over %,d warm-up events (creates its internal topics; not part of the ratio)...", options.warmupEvents);
    InputProducer.produceAll(bootstrap, warmupInput);
    Map<TopicPartition, Long> warm = InputOffsets.endOffsets(admin);
    Map<TopicPartition, Long> none = new HashMap<>();
    warm.keySet().forEach(tp -> none.put(tp, 0L));
    StreamsRun.Timing passthrough;
    try (StreamsRun run = app(bootstrap, PASSTHROUGH_APP, passthroughTopology(), work)) {
      passthrough = run.runUntilCommitted(admin, none, warm, timeout);
    }
    StreamsRun.Timing consumeCommit;
    try (StreamsRun run = app(bootstrap, CONSUME_COMMIT_APP, consumeCommitTopology(), work)) {
      consumeCommit = run.runUntilCommitted(admin, none, warm, timeout);
    }
    StreamsRun.Timing plainRead = PlainConsumerRun.readUntilEnd(bootstrap, none, warm, commitInterval(), timeout);
    StreamsRun.Timing full;
    try (StreamsRun run = app(bootstrap, FULL_APP, fullTopology(), work)) {
      full = run.runUntilCommitted(admin, none, warm, timeout);
    }
    report.firstStart(new Report.Apps(passthrough, full, consumeCommit, plainRead));
    say("    pass-through %.1f s, consume-and-commit %.1f s, plain consumer %.1f s, full topology %.1f s (to RUNNING %.1f s, %.1f s, -, %.1f s)",
        passthrough.seconds(), consumeCommit.seconds(), plainRead.seconds(), full.seconds(),
        passthrough.secondsToRunning(), consumeCommit.secondsToRunning(), full.secondsToRunning());
    return warm;
  }

  /** Monday of the current UTC week, 14:00: recent enough for the broker's 7-day retention. */
  static Instant origin() {
    LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return monday.atTime(14, 0).toInstant(ZoneOffset.UTC);
  }

  /** The full topology with the real app's settings. */
  static Topology fullTopology() {
    return PmPulseTopology.build(TopologySettings.defaults(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  static Topology passthroughTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .stream(inputTopics(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-input"))
        .mapValues(v -> v, Named.as("pass"))
        .to(PASSTHROUGH_TOPIC, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-output"));
    return builder.build();
  }

  /** One of the Kafka Streams apps, with the stream threads and commit interval of the flags. */
  private StreamsRun app(String bootstrap, String applicationId, Topology topology, Path work) throws Exception {
    return new StreamsRun(bootstrap, applicationId, topology, work, options.streamThreads, options.commitIntervalMs);
  }

  /**
   * The ceiling of any Kafka Streams app over this input with these settings: it reads the four
   * input topics and commits (exactly_once_v2: the offsets go through a transaction), and writes
   * nothing.
   */
  static Topology consumeCommitTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .stream(inputTopics(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-input"))
        .foreach((k, v) -> {}, Named.as("drop"));
    return builder.build();
  }

  /** The streams apps' commit interval, which the plain consumer commits at as well. */
  private Duration commitInterval() {
    return Duration.ofMillis(options.commitIntervalMs != null ? options.commitIntervalMs : StreamsDefaults.DEFAULT_COMMIT_INTERVAL_MS);
  }

  static List<String> inputTopics() {
    return List.of(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(), Topics.LATENCY_SAMPLES.name(), Topics.DELIVERY_SAMPLES.name());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
