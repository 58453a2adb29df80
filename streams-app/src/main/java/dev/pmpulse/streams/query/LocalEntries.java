package dev.pmpulse.streams.query;

import java.util.Map;
import java.util.Set;

/**
 * What one instance holds of a store.
 *
 * @param partitions the store partitions this instance answered for
 * @param entries key to value, from those partitions
 */
public record LocalEntries(Set<Integer> partitions, Map<String, Object> entries) {
  public LocalEntries {
    partitions = Set.copyOf(partitions);
    entries = Map.copyOf(entries);
  }
}
