package dev.pmpulse.labs.scaling;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lab 8, consumer lag and scaling out stream threads (docs/labs/08-lag-and-scaling-out.md).
 * Check: {@code ./labs/check 8}.
 */
public final class TaskCount {
  /**
   * One sub-topology, as the {@code /kafka} page draws it.
   *
   * @param sourceTopics the topics its source nodes read, repartition topics included
   * @param global whether it is a global store's (the teams table)
   */
  public record SubTopology(int id, Set<String> sourceTopics, boolean global) {}

  /** One partition of a topic as the {@code /kafka} page lists it (a click on the topic). */
  public record PartitionOffsets(long start, long end, long lastStable, Long committed) {}

  private TaskCount() {}

  /**
   * How many tasks Kafka Streams makes of these sub-topologies: the most stream threads, over all
   * instances of the app, that can have work.
   *
   * @param partitions each topic's partition count
   */
  public static int tasks(List<SubTopology> subTopologies, Map<String, Integer> partitions) {
    // One task per partition of every topic read. Run the check to compare with what Kafka Streams does.
    int tasks = 0;
    for (SubTopology sub : subTopologies) {
      for (String topic : sub.sourceTopics()) {
        tasks += partitions.get(topic);
      }
    }
    return tasks;
  }

  /**
   * The app's lag on one partition, as the {@code /kafka} page's Lag column counts it for a group
   * that reads {@code read_committed}: the records it could read now and has not; null when the
   * app has committed no offset there.
   */
  public static Long lag(PartitionOffsets p) {
    // What is left to read up to the end of the partition. Run the check to see what a
    // read_committed reader can read.
    return p.committed() == null ? null : p.end() - p.committed();
  }
}
