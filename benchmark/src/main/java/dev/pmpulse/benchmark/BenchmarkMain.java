package dev.pmpulse.benchmark;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.PmPulseTopology;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
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
import picocli.CommandLine.Option;

/**
 * {@code ./run-benchmark}: one embedded broker; N seeded events produced; a pass-through Kafka
 * Streams app and the full PM Pulse topology over them, each timed until all input is committed;
 * then end-to-end latency at a fixed rate. {@code ./run-benchmark --jmh [JMH options]} runs the
 * microbenchmarks instead.
 */
@Command(
    name = "run-benchmark",
    description = "Throughput of the PM Pulse topology against a pass-through app, and end-to-end latency, on an embedded broker.%n"
        + "  ./run-benchmark --jmh [JMH options]   runs the JMH microbenchmarks instead (e.g. --jmh -lh for JMH's help).")
public final class BenchmarkMain implements Callable<Integer> {
  static final String PASSTHROUGH_TOPIC = "pmpulse.bench.passthrough";
  static final int PROBE_TEAMS = 128;

  @Option(names = "--events", defaultValue = "600000", description = "Input events for the throughput phases (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--samples-per-cluster-minute", defaultValue = "2000", description = "Latency samples per cluster per simulated minute; 6 clusters (default: ${DEFAULT-VALUE}).")
  int samplesPerClusterMinute;

  @Option(names = "--rate", defaultValue = "5000", description = "Input events per second in the latency phase (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "30", description = "Measured seconds of the latency phase, after the warm-up (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--warmup-seconds", defaultValue = "5", description = "Unmeasured seconds at the start of the latency phase (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--stream-threads", description = "Stream threads of both apps, (b) and (c) (default: the streams app's, one per core and at least two).")
  Integer streamThreads;

  @Option(names = "--no-profile", description = "Do not record the full-topology phase with JFR.")
  boolean noProfile;

  @Option(names = "--results", defaultValue = "benchmark/results/latest.md", description = "Where to write the results (default: ${DEFAULT-VALUE}).")
  Path results;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "--jmh".equals(args[0])) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    System.exit(new CommandLine(new BenchmarkMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Report report = new Report(String.join(" ", commandLine()));
    report.load("start");
    say("Generating %,d events (seed %d)...", events, seed);
    Instant origin = origin();
    Workload workload = new Workload(seed, origin, samplesPerClusterMinute);
    List<BenchEvent> input = workload.next(events);
    report.mix(input);
    // The probe's PRs: own teams, review 2-4 s (wall clock at the probe's rate) after opening.
    long simMsPerSecond = rate * workload.msPerSample();
    List<String> probeTeams = IntStream.range(0, PROBE_TEAMS).mapToObj(i -> String.format("probe-team-%03d", i)).toList();
    workload.prShape(probeTeams, 2 * simMsPerSecond, 4 * simMsPerSecond);
    List<BenchEvent> probeInput = workload.next(rate * (warmupSeconds + latencySeconds));

    Path work = Files.createTempDirectory("pmpulse-bench-");
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).start();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String bootstrap = broker.bootstrapServers();
      Topics.createMissing(admin);
      admin.createTopics(List.of(new NewTopic(PASSTHROUGH_TOPIC, Optional.of(6), Optional.empty())
          .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE))))).all().get();
      awaitLeaders(admin);

      say("(a) producing %,d events...", events);
      double produceSeconds = InputProducer.produceAll(bootstrap, input);
      report.producer(events, produceSeconds);
      say("    %,.0f events/s", events / produceSeconds);
      Map<TopicPartition, Long> end = endOffsets(admin);
      input = null; // the generated events are on the broker now; let them go

      Duration timeout = Duration.ofMinutes(10);
      say("(b) pass-through app...");
      StreamsRun.Timing passthrough;
      try (StreamsRun run = new StreamsRun(bootstrap, "pmpulse-bench-passthrough", passthroughTopology(), work, streamThreads)) {
        passthrough = run.runUntilCommitted(admin, end, timeout);
      }
      report.passthrough(passthrough, StreamsRun.threads(streamThreads));
      say("    %,.0f events/s (%.1f s)", passthrough.rate(), passthrough.seconds());

      say("(c) full PM Pulse topology%s...", noProfile ? "" : " (recorded with JFR)");
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Path jfr = results.toAbsolutePath().getParent().resolve("full-topology.jfr");
      Files.createDirectories(jfr.getParent());
      Recording recording = noProfile ? null : Profile.start();
      try (StreamsRun run = new StreamsRun(bootstrap, "pmpulse-bench-full", PmPulseTopology.build(meters), work, streamThreads)) {
        StreamsRun.Timing full = run.runUntilCommitted(admin, end, timeout);
        if (recording != null) {
          Profile.stop(recording, jfr);
        }
        report.full(full);
        say("    %,.0f events/s (%.1f s); ratio to pass-through %.2f", full.rate(), full.seconds(), full.rate() / passthrough.rate());

        say("(d) end-to-end latency at %,d events/s for %d s (+%d s warm-up), same app...", rate, latencySeconds, warmupSeconds);
        LatencyProbe.Result latency = LatencyProbe.run(bootstrap, probeInput, Set.copyOf(probeTeams), rate, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(15));
        Map<TopicPartition, Long> endAfter = endOffsets(admin);
        long lag = run.lag(admin, endAfter);
        report.latency(latency, lag);
        say("    p50 %.0f ms, p99 %.0f ms (%d of %d reviews matched)", latency.p(50), latency.p(99), latency.matched(), latency.reviewsSent());
      }
      if (recording != null) {
        say("Summarizing the profile...");
        report.profile(Profile.summarize(jfr, 15), jfr.getFileName().toString());
      }
      report.load("end");
      report.machine(origin);
      Files.createDirectories(results.toAbsolutePath().getParent());
      Files.writeString(results, report.markdown());
      System.out.println();
      System.out.println(report.markdown());
      say("Written to %s", results);
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  /** Monday of the current UTC week, 14:00: recent enough for the broker's 7-day retention. */
  static Instant origin() {
    LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return monday.atTime(14, 0).toInstant(ZoneOffset.UTC);
  }

  static Topology passthroughTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder
        .stream(inputTopics(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-input"))
        .mapValues(v -> v, Named.as("pass"))
        .to(PASSTHROUGH_TOPIC, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-output"));
    return builder.build();
  }

  static List<String> inputTopics() {
    return List.of(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(), Topics.LATENCY_SAMPLES.name(), Topics.DELIVERY_SAMPLES.name());
  }

  /**
   * Producing the moment a topic exists races the broker becoming its leader (seen here, on a
   * loaded machine: an idempotent batch answered NOT_LEADER_OR_FOLLOWER, then rejected for good as
   * out of sequence). The metadata (describeTopics) names a leader before the partition is ready,
   * so this waits until every partition answers a ListOffsets, which only its leader does.
   */
  private static void awaitLeaders(Admin admin) throws Exception {
    List<String> names = new ArrayList<>(admin.listTopics().names().get());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(names).allTopicNames().get().forEach(
            (name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        admin.listOffsets(request).all().get();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        last = e;
      }
      Thread.sleep(100); // between checks of the condition itself
    }
    throw new IllegalStateException("topic partitions not ready after 60 s", last);
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(inputTopics()).allTopicNames().get().forEach(
        (name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  private List<String> commandLine() {
    List<String> args = new ArrayList<>(List.of("./run-benchmark", "--events", Integer.toString(events)));
    if (seed != 42) {
      args.addAll(List.of("--seed", Long.toString(seed)));
    }
    if (samplesPerClusterMinute != 2000) {
      args.addAll(List.of("--samples-per-cluster-minute", Integer.toString(samplesPerClusterMinute)));
    }
    if (rate != 5000) {
      args.addAll(List.of("--rate", Integer.toString(rate)));
    }
    if (latencySeconds != 30) {
      args.addAll(List.of("--latency-seconds", Integer.toString(latencySeconds)));
    }
    if (warmupSeconds != 5) {
      args.addAll(List.of("--warmup-seconds", Integer.toString(warmupSeconds)));
    }
    if (streamThreads != null) {
      args.addAll(List.of("--stream-threads", Integer.toString(streamThreads)));
    }
    if (noProfile) {
      args.add("--no-profile");
    }
    return args;
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
