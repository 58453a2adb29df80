package dev.pmpulse.streams.inspect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the running streams client says about itself, for the {@code /kafka} page: its state and
 * state changes, its stream threads and their tasks, each node's rate, its transactions, and which
 * instance holds which partitions. One answer is kept for {@link #MAX_AGE}.
 *
 * <p>Rates: a processor node's from {@link ProcessedRecords}; a source's and a sink's from Kafka
 * Streams' per-topic metrics ({@code records-consumed-total}, {@code records-produced-total}, by
 * node), which it records at the default level. Both over the last few seconds.
 */
public final class StreamsRuntime {
  static final Duration MAX_AGE = Duration.ofSeconds(1);
  /** Rates are over about this much time: smooth enough to read, recent enough to follow. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  public record Task(String id, int subTopology, List<String> partitions) {}

  public record StreamThread(String name, String state, List<Task> active, List<Task> standby) {}

  /** One stream thread's commits; under exactly-once each commit ends the thread's transaction. */
  public record Commits(
      String thread, double total, double perSecond, double latencyAvgMs, double latencyMaxMs,
      double txnCommitSeconds, double txnAbortSeconds) {}

  /** A reader and the isolation level it reads with. */
  public record Reader(String reader, String isolationLevel, String how) {}

  public record Instance(String hostPort, boolean self, List<String> stores, List<String> active, List<String> standby) {}

  public record Status(
      Instant at,
      String state,
      List<StateHistory.Change> stateChanges,
      long threadsReplaced,
      List<StreamThread> threads,
      Map<String, Double> nodeRates,
      Map<Integer, Double> subTopologyRates,
      String processingGuarantee,
      long commitIntervalMs,
      List<Commits> commits,
      List<Reader> readers,
      List<Instance> instances,
      String instancesError) {}

  private record Sample(Instant at, Map<String, Double> totals) {}

  private final Supplier<KafkaStreams> streams;
  private final TopologyGraph graph;
  private final ProcessedRecords processed;
  private final StateHistory history;
  private final LongSupplier threadsReplaced;
  private final HostInfo self;
  private final StreamsConfig config;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Status last;

  public StreamsRuntime(
      Supplier<KafkaStreams> streams,
      Properties streamsProperties,
      TopologyGraph graph,
      ProcessedRecords processed,
      StateHistory history,
      LongSupplier threadsReplaced,
      HostInfo self) {
    this.streams = streams;
    this.config = new StreamsConfig(streamsProperties);
    this.graph = graph;
    this.processed = processed;
    this.history = history;
    this.threadsReplaced = threadsReplaced;
    this.self = self;
  }

  public synchronized Status status() {
    Instant now = Instant.now();
    if (last != null && Duration.between(last.at(), now).compareTo(MAX_AGE) < 0) {
      return last;
    }
    KafkaStreams ks = streams.get();
    Map<MetricName, ? extends Metric> metrics = ks == null ? Map.of() : ks.metrics();
    Map<String, Double> nodeRates = nodeRates(now, metrics);
    Map<Integer, Double> subRates = new TreeMap<>();
    for (TopologyGraph.SubTopology sub : graph.subTopologies()) {
      double rate = sub.nodes().stream()
          .filter(n -> n.kind() == TopologyGraph.Kind.SOURCE)
          .mapToDouble(n -> nodeRates.getOrDefault(n.name(), 0.0))
          .sum();
      subRates.put(sub.id(), rate);
    }
    List<Instance> instances = new ArrayList<>();
    String instancesError = null;
    try {
      if (ks != null) {
        for (StreamsMetadata m : ks.metadataForAllStreamsClients()) {
          instances.add(new Instance(m.hostInfo().host() + ":" + m.hostInfo().port(), m.hostInfo().equals(self),
              List.copyOf(new TreeSet<>(m.stateStoreNames())), names(m.topicPartitions()), names(m.standbyTopicPartitions())));
        }
      }
    } catch (RuntimeException e) {
      instancesError = e.getMessage();
    }
    last = new Status(
        now,
        ks == null ? KafkaStreams.State.CREATED.name() : ks.state().name(),
        history.changes(),
        threadsReplaced.getAsLong(),
        ks == null ? List.of() : threads(ks),
        nodeRates,
        subRates,
        config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
        config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
        commits(metrics),
        readers(),
        instances,
        instancesError);
    return last;
  }

  private Map<String, Double> nodeRates(Instant now, Map<MetricName, ? extends Metric> metrics) {
    Map<String, Double> totals = new HashMap<>();
    processed.snapshot().forEach((node, count) -> totals.put(node, count.doubleValue()));
    metrics.forEach((name, metric) -> {
      if (name.group().equals("stream-topic-metrics")
          && (name.name().equals("records-consumed-total") || name.name().equals("records-produced-total"))) {
        String node = name.tags().get("processor-node-id");
        if (node != null && metric.metricValue() instanceof Double d) {
          totals.merge(node, d, Double::sum);
        }
      }
    });
    samples.addLast(new Sample(now, totals));
    while (samples.size() > 2 && Duration.between(samples.peekFirst().at(), now).compareTo(RATE_WINDOW) > 0) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Duration.between(first.at(), now).toMillis() / 1000.0;
    Map<String, Double> rates = new TreeMap<>();
    for (TopologyGraph.Node node : graph.nodes()) {
      double nowTotal = totals.getOrDefault(node.name(), 0.0);
      Double before = first.totals().get(node.name());
      // A task that moves to another thread starts its metrics at 0: a drop is no negative rate.
      rates.put(node.name(), seconds <= 0 || before == null ? 0.0 : Math.max(0, nowTotal - before) / seconds);
    }
    return rates;
  }

  private List<StreamThread> threads(KafkaStreams ks) {
    List<StreamThread> threads = new ArrayList<>();
    for (ThreadMetadata t : ks.metadataForLocalThreads()) {
      threads.add(new StreamThread(shortName(t.threadName()), t.threadState(), tasks(t.activeTasks()), tasks(t.standbyTasks())));
    }
    threads.sort((a, b) -> a.name().compareTo(b.name()));
    return threads;
  }

  private static List<Task> tasks(java.util.Set<TaskMetadata> tasks) {
    return tasks.stream()
        .sorted((a, b) -> a.taskId().compareTo(b.taskId()))
        .map(t -> new Task(t.taskId().toString(), t.taskId().subtopology(), names(t.topicPartitions())))
        .toList();
  }

  private List<Commits> commits(Map<MetricName, ? extends Metric> metrics) {
    Map<String, Map<String, Double>> byThread = new TreeMap<>();
    metrics.forEach((name, metric) -> {
      if (!(metric.metricValue() instanceof Double d)) {
        return;
      }
      if (name.group().equals("stream-thread-metrics") && name.name().startsWith("commit-")) {
        byThread.computeIfAbsent(shortName(name.tags().get("thread-id")), k -> new HashMap<>()).put(name.name(), d);
      } else if (name.group().equals("producer-metrics") && name.name().startsWith("txn-")) {
        String client = name.tags().getOrDefault("client-id", "");
        if (client.endsWith("-producer")) {
          String thread = shortName(client.substring(0, client.length() - "-producer".length()));
          byThread.computeIfAbsent(thread, k -> new HashMap<>()).put(name.name(), d);
        }
      }
    });
    List<Commits> commits = new ArrayList<>();
    byThread.forEach((thread, m) -> {
      if (m.containsKey("commit-total")) {
        commits.add(new Commits(thread, m.get("commit-total"), finite(m.get("commit-rate")),
            finite(m.get("commit-latency-avg")), finite(m.get("commit-latency-max")),
            finite(m.get("txn-commit-time-ns-total")) / 1e9, finite(m.get("txn-abort-time-ns-total")) / 1e9));
      }
    });
    return commits;
  }

  private List<Reader> readers() {
    Map<String, Object> main = config.getMainConsumerConfigs("group", "client", 0);
    Map<String, Object> restore = config.getRestoreConsumerConfigs("client");
    Map<String, Object> global = config.getGlobalConsumerConfigs("client");
    return List.of(
        new Reader("Stream threads' consumers", String.valueOf(main.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)),
            "set by processing.guarantee=" + config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)),
        new Reader("Restore consumer (changelogs into the stores)",
            String.valueOf(restore.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)), "likewise"),
        new Reader("Global consumer (the teams topic into the global store)",
            String.valueOf(global.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)), "likewise"),
        new Reader("This page's lag", "read_committed", "admin listOffsets with the last stable offset"),
        new Reader("This page's record browser", "read_committed", "a consumer of its own: assign and seek, no group"));
  }

  private static List<String> names(java.util.Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::toString).sorted().toList();
  }

  /** {@code <app>-<uuid>-StreamThread-2} as {@code StreamThread-2}. */
  static String shortName(String thread) {
    if (thread == null) {
      return "";
    }
    int i = thread.lastIndexOf("StreamThread-");
    return i >= 0 ? thread.substring(i) : thread;
  }

  private static double finite(Double d) {
    return d == null || d.isNaN() || d.isInfinite() ? 0 : d;
  }
}
