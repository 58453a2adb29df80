package dev.pmpulse.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name travels with its serdes, partition count, cleanup policy and size cap, so nobody
 * writes a topic name or picks a serde anywhere else. All topics are listed in {@link Topics}.
 *
 * @param retentionBytes per partition, the most a delete-policy topic keeps before its oldest
 *     records go (Kafka's {@code retention.bytes}); {@link #UNBOUNDED} keeps them all
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, String cleanupPolicy, long retentionBytes) {

  public static final long UNBOUNDED = -1;

  /**
   * How many segments a capped partition keeps at least: Kafka deletes whole segments only, so the
   * segment size is the cap over this, and a partition holds at most the cap plus one segment.
   */
  static final int SEGMENTS_PER_CAP = 4;

  public Topic {
    if (retentionBytes != UNBOUNDED && retentionBytes < SEGMENTS_PER_CAP * (1L << 20)) {
      throw new IllegalArgumentException(name + ": retention.bytes below " + SEGMENTS_PER_CAP + " MiB");
    }
  }

  /** A topic that keeps all its records. */
  public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, String cleanupPolicy) {
    this(name, keySerde, valueSerde, partitions, cleanupPolicy, UNBOUNDED);
  }

  /**
   * The topic as the admin client creates it, with the cluster's default replication factor.
   * Records carry simulated event time, not the broker's: it runs ahead of the broker's clock, so
   * Kafka 4's default of one hour for {@code message.timestamp.after.max.ms} would reject them; and
   * a backfill lies weeks in the past, so time-based retention (7 days by default, judged on record
   * timestamps) would delete that history at the broker's first retention check, before the streams
   * app has read it. PM Pulse's topics therefore keep their records until an operator sets a
   * retention ({@code retention.ms} -1), except those with a size cap ({@link #retentionBytes()}):
   * the high-volume samples, which would otherwise grow by gigabytes a day and fill a laptop's disk. A topic that
   * already exists keeps its own settings.
   */
  public NewTopic newTopic() {
    Map<String, String> configs = new HashMap<>(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
        TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE),
        TopicConfig.RETENTION_MS_CONFIG, "-1"));
    if (retentionBytes != UNBOUNDED) {
      configs.put(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(retentionBytes));
      configs.put(TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(retentionBytes / SEGMENTS_PER_CAP));
    }
    return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
  }
}
