package dev.pmpulse.streams.http;

import dev.pmpulse.streams.query.Instance;
import dev.pmpulse.streams.query.KeyAnswer;
import dev.pmpulse.streams.query.LocalEntries;
import dev.pmpulse.streams.query.QueryableStore;
import dev.pmpulse.streams.query.StoreQueries;
import dev.pmpulse.streams.query.StoreUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Store queries answered from maps, so the HTTP layer is tested without Kafka. A window store's
 * key holds its {@code List<BucketValue>}.
 */
final class FakeQueries implements StoreQueries {
  final String self;
  final Map<String, Map<String, Object>> values = new HashMap<>();
  final Map<String, Set<Integer>> partitions = new HashMap<>();
  final Map<String, String> elsewhere = new HashMap<>();
  final List<Instance> instances = new ArrayList<>();
  final AtomicInteger keyQueries = new AtomicInteger();
  volatile boolean unavailable;

  FakeQueries(String self) {
    this.self = self;
    instances.add(new Instance(self, true, List.of("kpi-review-latency")));
  }

  FakeQueries holds(String store, int partition, String key, Object value) {
    values.computeIfAbsent(store, s -> new HashMap<>()).put(key, value);
    partitions.computeIfAbsent(store, s -> new java.util.TreeSet<>()).add(partition);
    return this;
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public KeyAnswer get(QueryableStore store, String key) {
    keyQueries.incrementAndGet();
    if (unavailable) {
      throw new StoreUnavailableException("rebalancing");
    }
    if (elsewhere.containsKey(key)) {
      return new KeyAnswer.Elsewhere(elsewhere.get(key));
    }
    Object value = values.getOrDefault(store.store(), Map.of()).get(key);
    return value == null ? new KeyAnswer.Missing() : new KeyAnswer.Found(value);
  }

  @Override
  public LocalEntries local(QueryableStore store) {
    if (unavailable) {
      throw new StoreUnavailableException("rebalancing");
    }
    return new LocalEntries(partitions.getOrDefault(store.store(), Set.of()), values.getOrDefault(store.store(), Map.of()));
  }

  @Override
  public KeyAnswer buckets(QueryableStore store, String key) {
    KeyAnswer answer = get(store, key);
    return answer instanceof KeyAnswer.Found found && ((List<?>) found.value()).isEmpty() ? new KeyAnswer.Missing() : answer;
  }

  @Override
  public LocalEntries localBuckets(QueryableStore store) {
    return local(store);
  }

  @Override
  public List<Instance> instances() {
    if (unavailable) {
      throw new StoreUnavailableException("rebalancing");
    }
    return List.copyOf(instances);
  }
}
