package dev.pmpulse.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What one run of the streams app wrote to its output topics, read back with read_committed from
 * the offsets where the run began: per topic the final value of every key, per key the whole
 * sequence of values, and every dead-letter record by the input record it came from.
 *
 * @param finalByKey topic → key → last value (null for a tombstone)
 * @param sequences topic → key → every value in offset order
 * @param deadLetters "topic/partition/offset reason" of each dead-letter record, in order
 * @param restatements per {@link #RESTATED} topic, the reports older than one written before them
 *     for the same key: restatements of an earlier day's end
 * @param lastNotLatest keys of a {@link #RESTATED} topic whose last record is older than an
 *     earlier one: what the views would then show
 */
record CommittedOutput(
    Map<String, Map<String, String>> finalByKey,
    Map<String, Map<String, List<String>>> sequences,
    List<String> deadLetters,
    Map<String, Integer> restatements,
    List<String> lastNotLatest) {

  /** Every topic the streams app writes. */
  static final List<Topic<?, ?>> OUTPUTS =
      List.of(
          Topics.REVIEW_LATENCY_KPI,
          Topics.ESCALATION_RESOLUTION_KPI,
          Topics.OPEN_ESCALATIONS,
          Topics.API_STABILITY_KPI,
          Topics.PUBLISH_LATENCY_KPI,
          Topics.DELIVERY_KPI,
          Topics.SLO_VIOLATIONS,
          Topics.ROLLOUT_DECISIONS,
          Topics.DAILY_UPDATES,
          Topics.DEAD_LETTER);

  /** The topics whose every record a processor writes in the order of one input partition. */
  static final List<Topic<?, ?>> PER_PARTITION_ORDER =
      List.of(Topics.PUBLISH_LATENCY_KPI, Topics.SLO_VIOLATIONS, Topics.DELIVERY_KPI);

  /**
   * What must be decided at most once per key: a rollout stage. (A day's update may be written
   * again when a late input corrects it; its final value is compared like the KPIs'.)
   */
  static final Map<String, Function<String, String>> DECIDED_ONCE =
      Map.of(Topics.ROLLOUT_DECISIONS.name(), CommittedOutput::rolloutStage);

  /**
   * The KPI topics whose tasks restate an earlier day's end after a late input (see {@code
   * Restatements}): a restatement is older than the key's reports before it, and is followed by a
   * newer one, so a key's last record is its latest report (checked).
   */
  static final List<String> RESTATED =
      List.of(Topics.REVIEW_LATENCY_KPI.name(), Topics.ESCALATION_RESOLUTION_KPI.name(), Topics.API_STABILITY_KPI.name());

  private static String rolloutStage(String decision) {
    try {
      var d = Json.MAPPER.readTree(decision);
      return "stage " + d.path("stagePercent").asText() + "% started " + d.path("stageStart").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("not a rollout decision: " + decision, e);
    }
  }

  static List<String> outputNames() {
    return OUTPUTS.stream().map(Topic::name).toList();
  }

  int records() {
    return sequences.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum()
        + deadLetters.size();
  }

  /**
   * How this run's output differs from {@code expected}'s (an uninterrupted run on the same input):
   * final value per key of every topic, and for the {@link #RESTATED} ones that it is the key's
   * latest report; each rollout stage decided at most once; whole per-key
   * sequences of {@link #PER_PARTITION_ORDER}; dead letters, each exactly once. Empty when they are
   * equal.
   */
  List<String> differencesFrom(CommittedOutput expected) {
    List<String> out = new ArrayList<>();
    for (String topic : expected.finalByKey.keySet()) {
      out.addAll(differences(topic, expected.finalByKey.get(topic), finalByKey.get(topic)));
    }
    out.addAll(lastNotLatest);
    DECIDED_ONCE.forEach((topic, decided) -> sequences.get(topic).forEach((key, values) -> {
      Set<String> seen = new HashSet<>();
      for (String value : values) {
        if (!seen.add(decided.apply(value))) {
          out.add(topic + ": key " + key + " " + decided.apply(value) + " written more than once");
        }
      }
    }));
    for (Topic<?, ?> topic : PER_PARTITION_ORDER) {
      out.addAll(differences(topic.name() + " (sequence)", expected.sequences.get(topic.name()), sequences.get(topic.name())));
    }
    out.addAll(duplicateDeadLetters().stream().map(d -> "dead-lettered twice: " + d).toList());
    out.addAll(differences("dead letters", count(expected.deadLetters), count(deadLetters)));
    return out;
  }

  /** Daily updates written again for a day already written (a late input corrected it). */
  int dailyUpdateCorrections() {
    return sequences.get(Topics.DAILY_UPDATES.name()).values().stream().mapToInt(values -> values.size() - 1).sum();
  }

  /** Reports of the {@link #RESTATED} topics that restate an earlier day's end. */
  int restatementCount() {
    return restatements.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static Map<String, Long> count(List<String> values) {
    return values.stream().collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
  }

  /** Keys missing, extra or with another value; long values shortened. */
  static <V> List<String> differences(String topic, Map<String, V> expected, Map<String, V> actual) {
    List<String> out = new ArrayList<>();
    for (var e : expected.entrySet()) {
      if (!actual.containsKey(e.getKey())) {
        out.add(topic + ": key " + e.getKey() + " missing");
      } else if (!Objects.equals(e.getValue(), actual.get(e.getKey()))) {
        out.add(topic + ": key " + e.getKey() + ": " + whereTheyDiffer(e.getValue(), actual.get(e.getKey())));
      }
    }
    for (String key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        out.add(topic + ": unexpected key " + key);
      }
    }
    return out;
  }

  /** For two JSON objects, each top-level field that differs; else both values, shortened. */
  private static String whereTheyDiffer(Object expected, Object actual) {
    try {
      if (expected instanceof String e && actual instanceof String a
          && Json.MAPPER.readTree(e) instanceof ObjectNode en && Json.MAPPER.readTree(a) instanceof ObjectNode an) {
        List<String> fields = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        en.fieldNames().forEachRemaining(names::add);
        an.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          if (!Objects.equals(en.get(name), an.get(name))) {
            fields.add(name + ": expected " + shorten(en.get(name)) + " but was " + shorten(an.get(name)));
          }
        }
        return String.join("; ", fields);
      }
    } catch (IOException notJson) {
      // compared as text below
    }
    return "expected " + shorten(expected) + " but was " + shorten(actual);
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 1500 ? text : text.substring(0, 1500) + "…";
  }

  /** Dead-letter records that came from the same input record as an earlier one. */
  List<String> duplicateDeadLetters() {
    Set<String> seen = new HashSet<>();
    return deadLetters.stream().filter(d -> !seen.add(d)).toList();
  }

  /** Dead-letter records per source topic. */
  Map<String, Long> deadLettersBySource() {
    return deadLetters.stream()
        .collect(Collectors.groupingBy(d -> d.substring(0, d.indexOf('/')), TreeMap::new, Collectors.counting()));
  }

  /**
   * Reads from {@code from} (a run's starting offsets) to the end, read_committed: call it when the
   * run is over and before the next one writes.
   */
  static CommittedOutput read(String bootstrapServers, Map<TopicPartition, Long> from) {
    Map<String, Map<String, String>> finals = new TreeMap<>();
    Map<String, Map<String, List<String>>> sequences = new TreeMap<>();
    List<String> deadLetters = new ArrayList<>();
    Map<String, Integer> restatements = new TreeMap<>();
    Map<String, Long> latestTimestamp = new HashMap<>();
    Map<String, Long> lastTimestamp = new TreeMap<>();
    RESTATED.forEach(topic -> restatements.put(topic, 0));
    for (String topic : outputNames()) {
      if (!topic.equals(Topics.DEAD_LETTER.name())) {
        finals.put(topic, new TreeMap<>());
        sequences.put(topic, new TreeMap<>());
      }
    }
    readToEnd(bootstrapServers, from, r -> {
      if (r.topic().equals(Topics.DEAD_LETTER.name())) {
        deadLetters.add(header(r, "pmpulse.source.topic") + "/" + header(r, "pmpulse.source.partition") + "/"
            + header(r, "pmpulse.source.offset") + " " + header(r, "pmpulse.reason"));
      } else {
        String key = r.key() == null ? "<no key>" : text(r.key());
        String value = text(r.value());
        finals.get(r.topic()).put(key, value);
        if (RESTATED.contains(r.topic())) {
          String topicKey = r.topic() + "/" + key;
          lastTimestamp.put(topicKey, r.timestamp());
          if (r.timestamp() >= latestTimestamp.getOrDefault(topicKey, Long.MIN_VALUE)) {
            latestTimestamp.put(topicKey, r.timestamp());
          } else {
            restatements.merge(r.topic(), 1, Integer::sum);
          }
        }
        sequences.get(r.topic()).computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    });
    List<String> lastNotLatest = new ArrayList<>();
    lastTimestamp.forEach((topicKey, last) -> {
      if (last < latestTimestamp.get(topicKey)) {
        lastNotLatest.add(topicKey + ": last record older than an earlier one");
      }
    });
    return new CommittedOutput(finals, sequences, deadLetters, restatements, lastNotLatest);
  }

  /** The end offsets of every partition of {@code topics}: where the next run's output will begin. */
  static Map<TopicPartition, Long> endOffsets(String bootstrapServers, List<String> topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      return new LinkedHashMap<>(consumer.endOffsets(partitions(consumer, topics)));
    }
  }

  /**
   * The records a read_committed consumer sees in each of {@code topics}, from the beginning to the
   * end offsets taken now. Not the end offsets themselves: a transactional producer's commit and
   * abort markers, and the records of aborted transactions, take offsets too.
   */
  static Map<String, Long> committedRecords(String bootstrapServers, List<String> topics) {
    Map<String, Long> out = new TreeMap<>();
    topics.forEach(t -> out.put(t, 0L));
    Map<TopicPartition, Long> beginning;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      beginning = consumer.beginningOffsets(partitions(consumer, topics));
    }
    readToEnd(bootstrapServers, beginning, r -> out.merge(r.topic(), 1L, Long::sum));
    return out;
  }

  /** Every record (read_committed) from {@code from} to the end offsets taken when reading starts. */
  private static void readToEnd(
      String bootstrapServers, Map<TopicPartition, Long> from, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      Set<TopicPartition> pending = new HashSet<>(from.keySet());
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!pending.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the topics to their end: " + pending);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(each);
        pending.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      }
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    return partitions;
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
