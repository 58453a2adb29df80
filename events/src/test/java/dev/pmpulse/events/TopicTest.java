package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicTest {
  @Test
  void everyTopicAcceptsSimulatedTimeAndKeepsBackfilledHistory() {
    assertThat(Topics.all()).isNotEmpty().allSatisfy(topic -> {
      NewTopic created = topic.newTopic();
      assertThat(created.name()).isEqualTo(topic.name());
      assertThat(created.numPartitions()).isEqualTo(topic.partitions());
      assertThat(created.configs())
          .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy())
          // Event time up to the end of time: the simulated clock runs ahead of the broker's.
          .containsEntry(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE))
          // No time-based deletion: a backfill's timestamps are weeks older than the broker's clock.
          .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    });
  }
}
