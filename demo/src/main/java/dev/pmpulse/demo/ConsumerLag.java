package dev.pmpulse.demo;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind, from the broker's point of view: for every partition the
 * group has committed, the last stable offset minus the committed offset, summed. The last stable
 * offset, not the high watermark: an exactly-once app reads committed data only, so records of a
 * transaction still open are not yet work it could do. Partitions the group has never committed
 * are not counted (as in {@code kafka-consumer-groups --describe}).
 */
public final class ConsumerLag {
  private ConsumerLag() {}

  /** The group's summed lag, or empty when it has committed nothing yet or the broker is slow. */
  public static OptionalLong of(Admin admin, String groupId, long timeoutMs) throws InterruptedException {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
      committed.values().removeIf(o -> o == null);
      if (committed.isEmpty()) {
        return OptionalLong.empty();
      }
      Map<TopicPartition, OffsetSpec> latest =
          committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(timeoutMs, TimeUnit.MILLISECONDS);
      long lag = 0;
      for (var entry : committed.entrySet()) {
        lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
      }
      return OptionalLong.of(lag);
    } catch (ExecutionException | TimeoutException e) {
      return OptionalLong.empty();
    }
  }
}
