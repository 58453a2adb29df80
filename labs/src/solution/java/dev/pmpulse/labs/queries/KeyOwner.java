package dev.pmpulse.labs.queries;

import dev.pmpulse.labs.partitions.TeamPartitions;
import java.util.List;
import java.util.Map;

/**
 * Lab 7, interactive queries across two instances (docs/labs/07-interactive-queries.md). Check:
 * {@code ./labs/check 7}.
 */
public final class KeyOwner {
  private KeyOwner() {}

  /**
   * The instance that holds {@code key} in a store read from {@code topic}: the one a query for
   * that key must reach.
   *
   * @param partitions the topic's partition count
   * @param activeByInstance each instance ({@code host:port}) and its active partitions, as the
   *     {@code /kafka} page's interactive-queries panel lists them ({@code pmpulse.open-escalations-2})
   * @return the instance's {@code host:port}
   * @throws IllegalStateException when no instance holds that partition right now (a rebalance)
   */
  public static String ownerOf(String key, String topic, int partitions, Map<String, List<String>> activeByInstance) {
    // The partition the app's producer wrote the key to: the default partitioner on the String
    // serde's bytes (lab 1). KafkaStreams#queryMetadataForKey computes the same from the key.
    String tp = topic + "-" + TeamPartitions.partitionOf(key, partitions);
    return activeByInstance.entrySet().stream()
        .filter(instance -> instance.getValue().contains(tp))
        .map(Map.Entry::getKey)
        .findFirst()
        // Nobody holds it while the partition moves: the store's only true answer is "ask again",
        // never another instance's "not found".
        .orElseThrow(() -> new IllegalStateException("no instance holds " + tp + " right now"));
  }
}
