package dev.pmpulse.events;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name travels with its serdes, partition count and cleanup policy, so nobody writes a
 * topic name or picks a serde anywhere else. All topics are listed in {@link Topics}.
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, String cleanupPolicy) {

  /**
   * The topic as the admin client creates it, with the cluster's default replication factor.
   * Records carry simulated event time, not the broker's: it runs ahead of the broker's clock, so
   * Kafka 4's default of one hour for {@code message.timestamp.after.max.ms} would reject them; and
   * a backfill lies weeks in the past, so time-based retention (7 days by default, judged on record
   * timestamps) would delete that history at the broker's first retention check, before the streams
   * app has read it. PM Pulse's topics therefore keep their records until an operator sets a
   * retention ({@code retention.ms} -1); a topic that already exists keeps its own settings.
   */
  public NewTopic newTopic() {
    return new NewTopic(name, Optional.of(partitions), Optional.empty())
        .configs(
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE),
                TopicConfig.RETENTION_MS_CONFIG, "-1"));
  }
}
