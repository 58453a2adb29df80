package dev.pmpulse.labs.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.labs.scaling.TaskCount.PartitionOffsets;
import dev.pmpulse.labs.scaling.TaskCount.SubTopology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.streams.processor.internals.PartitionGrouper;
import org.apache.kafka.streams.processor.internals.TopologyMetadata;
import org.junit.jupiter.api.Test;

/** Lab 8: consumer lag and scaling out stream threads. */
class Lab8Test {
  private static final String PRS = "pmpulse.pr-events";
  private static final String BY_TEAM = "pm-pulse-review-outcomes-by-team-repartition";
  private static final String SAMPLES = "pmpulse.latency-samples";
  private static final String DELIVERY = "pmpulse.delivery-samples";
  private static final String TEAMS = "pmpulse.teams";
  private static final Map<String, Integer> PARTITIONS = Map.of(PRS, 3, BY_TEAM, 3, SAMPLES, 6, DELIVERY, 3, TEAMS, 1);

  /** A topology shaped like the app's, smaller: four sub-topologies, one of them a global store's. */
  private static final List<SubTopology> TOPOLOGY = List.of(
      new SubTopology(0, Set.of(PRS), false),
      new SubTopology(1, Set.of(BY_TEAM), false),
      new SubTopology(2, Set.of(SAMPLES, DELIVERY), false),
      new SubTopology(3, Set.of(TEAMS), true));

  @Test
  void tasksAreOnePerPartitionOfASubTopologysWidestTopicAndNoneForAGlobalStore() {
    // Sub-topology 0: 3 tasks (0_0..0_2); 1: 3; 2 reads a 6- and a 3-partition topic together:
    // 6 tasks (2_0..2_5, of which 2_3..2_5 read samples only); the global store: none. 3 + 3 + 6 = 12.
    int expected = 12;
    assertThat(kafkaStreamsTasks())
        .as("what Kafka Streams' own assignor makes of this topology (the lab's claim, checked against Kafka)")
        .isEqualTo(expected);
    assertThat(TaskCount.tasks(TOPOLOGY, PARTITIONS))
        .as("tasks of %s with partitions %s. A task is one partition number of one sub-topology: it reads that "
            + "partition of every topic of the sub-topology, so two topics read together do not add up. A global "
            + "store has no task: each instance reads all of its topic itself", TOPOLOGY, PARTITIONS)
        .isEqualTo(expected);
  }

  @Test
  void lagCountsUpToTheLastStableOffset() {
    assertThat(TaskCount.lag(new PartitionOffsets(0, 120, 120, 100L)))
        .as("lag with end 120, last stable 120 (no transaction open), committed 100: 20 records to read")
        .isEqualTo(20L);
    assertThat(TaskCount.lag(new PartitionOffsets(0, 130, 110, 110L)))
        .as("lag with end 130, last stable 110, committed 110. Offsets 110..129 belong to a transaction still open: "
            + "the app reads read_committed and cannot have them yet, so it is not behind. Count up to the last "
            + "stable offset, not the end")
        .isEqualTo(0L);
    assertThat(TaskCount.lag(new PartitionOffsets(40, 90, 90, null)))
        .as("lag where the app committed nothing (a topic it does not read): none, not a number")
        .isNull();
  }

  /** The tasks Kafka Streams' partition grouper makes of {@link #TOPOLOGY}'s non-global sub-topologies. */
  private static int kafkaStreamsTasks() {
    Map<TopologyMetadata.Subtopology, Set<String>> groups = new HashMap<>();
    for (SubTopology sub : TOPOLOGY) {
      if (!sub.global()) {
        groups.put(new TopologyMetadata.Subtopology(sub.id(), null), sub.sourceTopics());
      }
    }
    Node broker = new Node(0, "localhost", 9092);
    List<PartitionInfo> infos = new ArrayList<>();
    PARTITIONS.forEach((topic, n) -> {
      for (int p = 0; p < n; p++) {
        infos.add(new PartitionInfo(topic, p, broker, new Node[] {broker}, new Node[] {broker}));
      }
    });
    Cluster cluster = new Cluster("lab", List.of(broker), infos, Set.of(), Set.of());
    return new PartitionGrouper().partitionGroups(groups, cluster).size();
  }
}
