package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
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

  @Test
  void onlyTheSampleTopicsHaveASizeCapAndSegmentsSmallEnoughForIt() {
    List<Topic<?, ?>> capped = Topics.all().stream().filter(t -> t.retentionBytes() != Topic.UNBOUNDED).toList();
    assertThat(capped).containsExactlyInAnyOrder(Topics.LATENCY_SAMPLES, Topics.DELIVERY_SAMPLES);
    long mib = 1L << 20;
    for (Topic<?, ?> topic : capped) {
      assertThat(topic.newTopic().configs())
          .containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(128 * mib))
          // Kafka deletes whole segments: 32 MiB ones leave at most 160 MiB a partition.
          .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(32 * mib));
    }
    // The backfilled history of PRs, escalations and rollouts, and the outputs, are kept whole.
    assertThat(Topics.all()).filteredOn(t -> !capped.contains(t)).allSatisfy(topic ->
        assertThat(topic.newTopic().configs())
            .doesNotContainKey(TopicConfig.RETENTION_BYTES_CONFIG)
            .doesNotContainKey(TopicConfig.SEGMENT_BYTES_CONFIG));
    int cappedPartitions = capped.stream().mapToInt(Topic::partitions).sum();
    assertThat(cappedPartitions * (128 + 32) * mib).as("their most on disk").isLessThan(1536 * mib);
  }

  @Test
  void aCapTooSmallForItsSegmentsIsRefused() {
    assertThatThrownBy(() -> new Topic<>("t", Serdes.String(), Serdes.String(), 1, TopicConfig.CLEANUP_POLICY_DELETE, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t: retention.bytes");
  }
}
