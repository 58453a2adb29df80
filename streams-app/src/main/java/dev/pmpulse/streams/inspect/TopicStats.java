package dev.pmpulse.streams.inspect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of the app as the broker sees it, from the admin client: partitions, first and end
 * offsets, the app's committed offsets and lag, cleanup policy, and how fast the end offsets move.
 * One answer is kept for {@link #MAX_AGE} so that many open pages do not each ask the broker.
 *
 * <p>Lag is the last stable offset minus the committed offset, as {@code kafka-consumer-groups}
 * reports for a {@code read_committed} group: records of a transaction still open are not yet work
 * the app could do. The rate counts offsets, and a transaction's commit marker takes one offset in
 * every partition it wrote to; on a topic written in many small transactions (the changelogs,
 * committed every 50 ms) the markers are a good part of it.
 */
public final class TopicStats {
  static final Duration MAX_AGE = Duration.ofSeconds(2);
  /** A rate over a longer time than this, since nobody asked, is no longer a live one. */
  static final Duration RATE_OVER_AT_MOST = Duration.ofSeconds(30);
  private static final long TIMEOUT_MS = 5_000;

  /**
   * @param committed the app's committed offset; null when it has none (it does not read the topic)
   * @param lag last stable minus committed; null likewise
   */
  public record Partition(int partition, long start, long end, long lastStable, Long committed, Long lag) {}

  /**
   * @param role what the topic is to the app (input, output, repartition, changelog, ...)
   * @param records end minus start offsets over every partition: records, compacted ones and
   *     transaction markers included
   * @param offsetsPerSecond how fast the end offsets grew since the previous answer; null the first time
   * @param lag the summed lag of the partitions the app has committed; null if none
   */
  public record Topic(
      String name,
      String role,
      int partitions,
      String cleanupPolicy,
      long records,
      Double offsetsPerSecond,
      Long lag,
      List<Partition> byPartition) {}

  /** @param error why the broker could not be asked this time (the topics are then the last known) */
  public record Snapshot(Instant at, List<Topic> topics, String error) {}

  private final Admin admin;
  private final String groupId;
  private final String internalPrefix;
  private final Collection<String> registry;
  private final Function<String, String> roles;
  private Snapshot last;
  private Map<String, Long> lastEnds = Map.of();
  private Instant lastEndsAt;

  /**
   * @param groupId the app's consumer group: its application id
   * @param registry the registry's topic names; the app's internal topics (named after the
   *     application id) are found on the broker
   * @param roles what a topic is to the app, by name
   */
  public TopicStats(Admin admin, String groupId, Collection<String> registry, Function<String, String> roles) {
    this.admin = admin;
    this.groupId = groupId;
    this.internalPrefix = groupId + "-";
    this.registry = List.copyOf(registry);
    this.roles = roles;
  }

  /** The latest answer, asking the broker again when it is older than {@link #MAX_AGE}. */
  public synchronized Snapshot snapshot() {
    Instant now = Instant.now();
    if (last != null && Duration.between(last.at(), now).compareTo(MAX_AGE) < 0) {
      return last;
    }
    try {
      last = new Snapshot(now, read(now), null);
    } catch (ExecutionException | TimeoutException e) {
      String reason = e instanceof TimeoutException ? "the broker did not answer within " + TIMEOUT_MS / 1000 + " s"
          : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
      last = new Snapshot(now, last == null ? List.of() : last.topics(), reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Snapshot(now, last == null ? List.of() : last.topics(), "interrupted");
    }
    return last;
  }

  private List<Topic> read(Instant now) throws ExecutionException, TimeoutException, InterruptedException {
    Set<String> names = new TreeSet<>();
    Set<String> existing = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    registry.stream().filter(existing::contains).forEach(names::add);
    existing.stream().filter(t -> t.startsWith(internalPrefix)).forEach(names::add);

    Map<String, TopicDescription> described =
        admin.describeTopics(names).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    List<TopicPartition> partitions = new ArrayList<>();
    described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));

    // Asked in this order, each answer is at least the one before, as on the broker at any one
    // time: committed <= last stable <= end, though the offsets move between the requests.
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    committed.values().removeIf(o -> o == null);
    Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
    Map<TopicPartition, ListOffsetsResultInfo> stable = offsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);

    List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

    boolean recent = lastEndsAt != null && Duration.between(lastEndsAt, now).compareTo(RATE_OVER_AT_MOST) <= 0;
    double seconds = recent ? Duration.between(lastEndsAt, now).toMillis() / 1000.0 : 0;
    Map<String, Long> endsByTopic = new HashMap<>();
    List<Topic> topics = new ArrayList<>();
    for (String name : names) {
      TopicDescription d = described.get(name);
      List<Partition> byPartition = new ArrayList<>();
      long records = 0;
      long endSum = 0;
      Long lagSum = null;
      for (var p : d.partitions()) {
        TopicPartition tp = new TopicPartition(name, p.partition());
        long start = starts.get(tp).offset();
        long end = ends.get(tp).offset();
        long lso = stable.get(tp).offset();
        OffsetAndMetadata c = committed.get(tp);
        Long lag = c == null ? null : Math.max(0, lso - c.offset());
        if (lag != null) {
          lagSum = (lagSum == null ? 0 : lagSum) + lag;
        }
        byPartition.add(new Partition(p.partition(), start, end, lso, c == null ? null : c.offset(), lag));
        records += end - start;
        endSum += end;
      }
      endsByTopic.put(name, endSum);
      Long before = lastEnds.get(name);
      Double rate = before == null || seconds <= 0 ? null : Math.max(0, endSum - before) / seconds;
      ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get(TopicConfig.CLEANUP_POLICY_CONFIG);
      topics.add(new Topic(name, roles.apply(name), d.partitions().size(), policy == null ? null : policy.value(),
          records, rate, lagSum, byPartition));
    }
    lastEnds = endsByTopic;
    lastEndsAt = now;
    return topics;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      List<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    return admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }
}
