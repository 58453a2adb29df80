package dev.pmpulse.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Where the input topics end, and when a new broker's partitions are ready to take it. */
final class InputOffsets {
  private InputOffsets() {}

  /**
   * Producing the moment a topic exists races the broker becoming its leader (seen here, on a
   * loaded machine: an idempotent batch answered NOT_LEADER_OR_FOLLOWER, then rejected for good as
   * out of sequence). The metadata (describeTopics) names a leader before the partition is ready,
   * so this waits until every partition answers a ListOffsets, which only its leader does.
   */
  static void awaitLeaders(Admin admin) throws Exception {
    List<String> names = new ArrayList<>(admin.listTopics().names().get());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        admin.listOffsets(latest(admin, names)).all().get();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        last = e;
      }
      Thread.sleep(100); // between checks of the condition itself
    }
    throw new IllegalStateException("topic partitions not ready after 60 s", last);
  }

  /** The end offset of every partition of the benchmark's four input topics. */
  static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    return endOffsets(admin, BenchmarkMain.inputTopics());
  }

  /** The end offset of every partition of {@code topics}. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(latest(admin, topics)).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  private static Map<TopicPartition, OffsetSpec> latest(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get().forEach(
        (name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    return request;
  }
}
