package dev.pmpulse.reliability;

import dev.pmpulse.demo.ConsumerLag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a streams app (its consumer group) has got, seen from the broker only: what it has
 * committed on the input topics, whether everything it reads is consumed, and whether it holds a
 * transaction open on its output topics right now.
 */
final class GroupProgress {
  private final Admin admin;
  private final String groupId;
  private final Map<List<String>, List<TopicPartition>> partitions = new HashMap<>();

  GroupProgress(Admin admin, String groupId) {
    this.admin = admin;
    this.groupId = groupId;
  }

  /** Offsets committed by the group on {@code topics}, summed (partitions never committed count 0). */
  long committed(List<String> topics) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getValue() != null && topics.contains(e.getKey().topic()))
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /** Every offset the group has committed, on any topic (repartition topics included), summed. */
  long committedEverywhere() throws ExecutionException, InterruptedException {
    return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().values().stream()
        .filter(o -> o != null)
        .mapToLong(OffsetAndMetadata::offset)
        .sum();
  }

  /**
   * True once the group has committed the end of every input partition and has nothing left to
   * read anywhere (repartition topics and the output topics it reads back included): its outputs
   * are then final, since exactly-once commits the offsets and the outputs together.
   */
  boolean isDone(Map<TopicPartition, Long> inputEnds) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    for (var end : inputEnds.entrySet()) {
      OffsetAndMetadata done = offsets.get(end.getKey());
      if (end.getValue() > 0 && (done == null || done.offset() < end.getValue())) {
        return false;
      }
    }
    OptionalLong lag = ConsumerLag.of(admin, groupId, 5_000);
    return lag.isPresent() && lag.getAsLong() == 0;
  }

  /**
   * The group's consumer lag ({@link ConsumerLag}: every partition it has committed, repartition
   * topics included) plus every record (read_committed) of the input partitions it has not
   * committed at all yet, which {@link ConsumerLag} leaves out; empty if the broker is slow.
   */
  OptionalLong lag(List<String> inputs) throws ExecutionException, InterruptedException {
    OptionalLong committedLag = ConsumerLag.of(admin, groupId, 5_000);
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> unstarted =
        partitions(inputs).stream()
            .filter(tp -> offsets.get(tp) == null)
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    long notStarted = 0;
    if (!unstarted.isEmpty()) {
      var ends = admin.listOffsets(unstarted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      notStarted = ends.values().stream().mapToLong(e -> e.offset()).sum();
    }
    if (committedLag.isEmpty() && !offsets.isEmpty()) {
      return OptionalLong.empty(); // committed somewhere, but the broker did not answer in time
    }
    return OptionalLong.of(committedLag.orElse(0) + notStarted);
  }

  /**
   * Records written to {@code topics} by transactions not yet committed or aborted: the high
   * watermark minus the last stable offset, summed. Above zero while the app is mid-transaction.
   */
  long uncommitted(List<String> topics) throws ExecutionException, InterruptedException {
    List<TopicPartition> all = partitions(topics);
    Map<TopicPartition, OffsetSpec> latest = all.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    // Stable first: a commit between the two reads can then only make the difference smaller.
    var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
    return all.stream().mapToLong(tp -> Math.max(0, high.get(tp).offset() - stable.get(tp).offset())).sum();
  }

  private List<TopicPartition> partitions(List<String> topics) throws ExecutionException, InterruptedException {
    List<TopicPartition> known = partitions.get(topics);
    if (known == null) {
      List<TopicPartition> found = new ArrayList<>();
      admin.describeTopics(topics).allTopicNames().get()
          .forEach((name, d) -> d.partitions().forEach(p -> found.add(new TopicPartition(name, p.partition()))));
      known = List.copyOf(found);
      partitions.put(List.copyOf(topics), known);
    }
    return known;
  }
}
