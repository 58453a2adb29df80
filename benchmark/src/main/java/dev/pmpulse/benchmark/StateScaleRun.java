package dev.pmpulse.benchmark;

import static dev.pmpulse.benchmark.BenchmarkMain.say;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.Emission;
import dev.pmpulse.streams.teams.TeamsTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./run-benchmark --state-scale}: the full topology on S times the demo's state, for each S
 * of {@code --scales}. Each scale has a new embedded broker, on which:
 *
 * <ol>
 *   <li>the history ({@link ScaledHistory}: the demo's backfill S times over) is produced, and the
 *       app's first start processes it: the state;
 *   <li>the measured input ({@code --events} of {@link BenchmarkInput}, seeded: the same at every
 *       scale) is produced, and the app restarted on its state and timed until it has committed it;
 *   <li>the app is stopped, its local state directory deleted, and it is started again: the time
 *       until it is RUNNING with every store restored, and what it restored.
 * </ol>
 *
 * Before the measured scales, the first one runs once unreported, so that the JIT has compiled the
 * app's code before the baseline is measured, as it has for every later scale.
 */
final class StateScaleRun {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final List<String> TOPICS = List.of(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(),
      Topics.LATENCY_SAMPLES.name(), Topics.DELIVERY_SAMPLES.name(), Topics.ROLLOUT_EVENTS.name());

  /**
   * What one scale measured.
   *
   * @param build the app's first start over the history
   * @param measured the restart over the measured input, on that state
   * @param changelogBytes the app's changelog topics on disk after the measured input
   * @param restoreSeconds from {@code start()} to RUNNING with every store restored, after the
   *     state directory was deleted
   * @param restoreSpan from the first store's restore start to the last one's end
   */
  record Scale(int scale, ScaledHistory.Counts history, StreamsRun.Timing build, StreamsRun.Timing measured,
      int changelogTopics, long changelogBytes, long restoredRecords, long restoredStores, double restoreSeconds,
      double restoreSpan) {}

  private final BenchmarkOptions options;
  private final Instant origin;

  StateScaleRun(BenchmarkOptions options, Instant origin) {
    this.options = options;
    this.origin = origin;
  }

  List<Scale> run() throws Exception {
    List<Emission<?>> demo = ScaledHistory.demoBackfill(options.seed, origin);
    List<Integer> scales = options.scales();
    say("State scale: the demo's %d-day backfill (%,d events) at %s times, %,d measured events each (seed %d)",
        ScaledHistory.DEMO_BACKFILL_DAYS, demo.size(), scales, options.events, options.seed);
    say("Warm-up (not reported): %dx once...", scales.get(0));
    measure(new ScaledHistory(demo, scales.get(0)), scales.get(0));
    List<Scale> results = new ArrayList<>();
    for (int scale : scales) {
      say("%dx:", scale);
      results.add(measure(new ScaledHistory(demo, scale), scale));
    }
    return results;
  }

  private Scale measure(ScaledHistory history, int scale) throws Exception {
    ScaledHistory.Counts counts = history.counts();
    Path work = Files.createTempDirectory("pmpulse-bench-scale-");
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).initialRebalanceDelay(BenchmarkMain.INITIAL_REBALANCE_DELAY).start();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String bootstrap = broker.bootstrapServers();
      Topics.createMissing(admin);
      InputOffsets.awaitLeaders(admin);
      Properties clients = new Properties();
      clients.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      new TeamsTopic(clients).write(Map.of(), history.teams(TeamDirectory.defaults()));

      say("    history: %d teams, %,d events (%,d PRs, %,d escalations; open at its end: %,d PRs, %,d escalations); producing...",
          counts.teams(), counts.events(), counts.prs(), counts.escalations(), counts.openPrs(), counts.openEscalations());
      InputProducer.produceAll(bootstrap, history.events());
      Map<TopicPartition, Long> built = InputOffsets.endOffsets(admin, TOPICS);
      Map<TopicPartition, Long> none = new HashMap<>();
      built.keySet().forEach(tp -> none.put(tp, 0L));
      StreamsRun.Timing build;
      try (StreamsRun app = app(bootstrap, work)) {
        build = app.runUntilCommitted(admin, none, built, TIMEOUT);
      }
      say("    state built: first start over the history %.1f s", build.seconds());

      InputProducer.produceAll(bootstrap, new BenchmarkInput(options.seed, origin, options.samplesPerClusterMinute).next(options.events));
      Map<TopicPartition, Long> end = InputOffsets.endOffsets(admin, TOPICS);
      StreamsRun.Timing measured;
      try (StreamsRun app = app(bootstrap, work)) {
        measured = app.runUntilCommitted(admin, built, end, TIMEOUT);
      }
      say("    measured input, restarted: %,.0f events/s (%,.0f from RUNNING, %.1f s to RUNNING)",
          measured.rate(), measured.rateSinceRunning(), measured.secondsToRunning());

      Map<String, Long> changelogs = changelogBytes(admin);
      long bytes = changelogs.values().stream().mapToLong(Long::longValue).sum();
      BenchmarkMain.deleteTree(work.resolve(BenchmarkMain.FULL_APP));
      RestoreTally restores = new RestoreTally();
      double restoreSeconds;
      try (StreamsRun app = app(bootstrap, work)) {
        app.streams().setGlobalStateRestoreListener(restores);
        restoreSeconds = app.startUntilRestored(restores, TIMEOUT);
      }
      say("    changelogs %d topics, %.1f MiB; restore without local state: %,d records, %.1f s to RUNNING",
          changelogs.size(), bytes / 1048576.0, restores.records(), restoreSeconds);
      return new Scale(scale, counts, build, measured, changelogs.size(), bytes, restores.records(), restores.storePartitions(),
          restoreSeconds, restores.seconds());
    } finally {
      BenchmarkMain.deleteTree(work);
    }
  }

  /** Bytes on the broker's disk of each of the full app's changelog topics. */
  private static Map<String, Long> changelogBytes(Admin admin) throws Exception {
    List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
    Map<String, Long> bytes = new HashMap<>();
    for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
      dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) -> {
        if (tp.topic().startsWith(BenchmarkMain.FULL_APP + "-") && tp.topic().endsWith("-changelog")) {
          bytes.merge(tp.topic(), replica.size(), Long::sum);
        }
      }));
    }
    return bytes;
  }

  private StreamsRun app(String bootstrap, Path work) throws Exception {
    return new StreamsRun(bootstrap, BenchmarkMain.FULL_APP, BenchmarkMain.fullTopology(), work, options.streamThreads,
        options.commitIntervalMs);
  }
}
