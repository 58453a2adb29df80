package dev.pmpulse.demo.faults;

import dev.pmpulse.events.Topic;
import dev.pmpulse.producer.Emission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of some topics, read from the beginning to the end offsets of the moment, as
 * comparable text ({@code topic | key | timestamp | value}), counted: a record on the topics twice
 * counts 2.
 */
public final class TopicContents {
  private TopicContents() {}

  /** The records on {@code topics}, read with {@code read_committed} or {@code read_uncommitted}. */
  public static Map<String, Integer> read(String bootstrapServers, List<String> topics, boolean committedOnly) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            counts.merge(text(r.topic(), utf8(r.key()), r.timestamp(), utf8(r.value())), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /** Where each partition's log begins: above 0 when retention deleted records. */
  static List<Long> logStartOffsets(String bootstrapServers, List<String> topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
      return List.copyOf(consumer.beginningOffsets(partitions).values());
    }
  }

  /** What the topics hold when every emission is on them once. */
  static Map<String, Integer> expected(List<Emission<?>> emissions) {
    Map<String, Integer> counts = new HashMap<>();
    emissions.forEach(e -> counts.merge(text(e), 1, Integer::sum));
    return counts;
  }

  public static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Records on the topics more than once, and how many times. */
  static Map<String, Integer> duplicates(Map<String, Integer> counts) {
    Map<String, Integer> dup = new TreeMap<>();
    counts.forEach((k, n) -> {
      if (n > 1) {
        dup.put(k, n);
      }
    });
    return dup;
  }

  /** The first few records of {@code want} that {@code got} does not hold. */
  static List<String> missing(Map<String, Integer> got, Map<String, Integer> want) {
    return want.keySet().stream().filter(k -> !got.containsKey(k)).sorted().limit(5).toList();
  }

  private static <V> String text(Emission<V> e) {
    Topic<String, V> topic = e.topic();
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), e.value());
    return text(topic.name(), e.key(), e.at().toEpochMilli(), utf8(value));
  }

  private static String text(String topic, String key, long timestamp, String value) {
    return topic + " | " + key + " | " + timestamp + " | " + value;
  }

  private static String utf8(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
