package dev.pmpulse.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The lowest ceiling of the benchmark: one plain {@link KafkaConsumer} reading the round's input
 * (read_committed, every input partition assigned to it, nothing deserialized beyond bytes) and
 * committing its position as often as the streams app commits, timed like {@link StreamsRun}: from
 * the consumer's creation until its committed offsets reach the end offsets. No transaction, no
 * processing: what reading the input costs on this broker, and nothing else.
 */
final class PlainConsumerRun {
  static final String GROUP = "pmpulse-bench-plain-consumer";

  private PlainConsumerRun() {}

  /**
   * @param fromOffsets the group's committed offsets at the start (what it has read before)
   * @param commitEvery how often the position is committed while reading
   */
  static StreamsRun.Timing readUntilEnd(
      String bootstrapServers, Map<TopicPartition, Long> fromOffsets, Map<TopicPartition, Long> endOffsets,
      Duration commitEvery, Duration timeout) {
    long records = 0;
    for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
      records += e.getValue() - fromOffsets.getOrDefault(e.getKey(), 0L);
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.copyOf(endOffsets.keySet());
      consumer.assign(partitions);
      Map<TopicPartition, Long> remaining = new HashMap<>(endOffsets);
      long nextCommit = System.nanoTime() + commitEvery.toNanos();
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("plain consumer did not reach the end offsets in time; partitions left " + remaining.keySet());
        }
        consumer.poll(Duration.ofMillis(100));
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (System.nanoTime() >= nextCommit) {
          consumer.commitAsync();
          nextCommit = System.nanoTime() + commitEvery.toNanos();
        }
      }
      consumer.commitSync();
      return new StreamsRun.Timing(records, start, start, System.nanoTime());
    }
  }
}
