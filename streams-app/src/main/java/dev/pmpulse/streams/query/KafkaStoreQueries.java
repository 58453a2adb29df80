package dev.pmpulse.streams.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * {@link StoreQueries} on a running {@link KafkaStreams}, with Interactive Queries v2.
 *
 * <p>Why v2 rather than {@code streams.store(...)}: a key query names the one partition that
 * {@code queryMetadataForKey} pointed at and says per partition why it could not answer (not
 * active, not present here). So a key whose partition moved away during a rebalance is reported
 * as "try again" instead of looking like a missing key in whatever store happens to be local.
 * Every query requires the active task, so nothing is read from a store still restoring.
 */
public final class KafkaStoreQueries implements StoreQueries {
  /** The latest bucket start a window query asks for: any, the store's retention bounds it. */
  private static final Instant LAST_BUCKET = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final Supplier<KafkaStreams> streams;
  private final HostInfo self;

  /**
   * @param streams the app's streams client; null until it exists
   * @param self this instance's {@code application.server}
   */
  public KafkaStoreQueries(Supplier<KafkaStreams> streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  @Override
  public String self() {
    return hostPort(self);
  }

  @Override
  public KeyAnswer get(QueryableStore store, String key) {
    return ask(store, key, KeyQuery.<String, Object>withKey(key), value -> value);
  }

  @Override
  public KeyAnswer buckets(QueryableStore store, String key) {
    return ask(
        store,
        key,
        WindowKeyQuery.<String, Object>withKeyAndWindowStartRange(key, Instant.EPOCH, LAST_BUCKET),
        buckets -> {
          List<BucketValue> list = new ArrayList<>();
          try (buckets) {
            buckets.forEachRemaining(kv -> list.add(new BucketValue(Instant.ofEpochMilli(kv.key), kv.value)));
          }
          return list.isEmpty() ? null : list;
        });
  }

  @Override
  public LocalEntries local(QueryableStore store) {
    return local(store, RangeQuery.<String, Object>withNoBounds(), (entries, kv) -> entries.put(kv.key, kv.value));
  }

  @Override
  public LocalEntries localBuckets(QueryableStore store) {
    return local(
        store,
        WindowRangeQuery.<String, Object>withWindowStartRange(Instant.EPOCH, LAST_BUCKET),
        (entries, kv) -> {
          @SuppressWarnings("unchecked") // only this method puts values here, always lists
          List<BucketValue> list = (List<BucketValue>) entries.computeIfAbsent(kv.key.key(), k -> new ArrayList<BucketValue>());
          list.add(new BucketValue(kv.key.window().startTime(), kv.value));
        });
  }

  /**
   * Asks the one partition that holds {@code key}, if this instance holds it.
   *
   * @param read the value the answer holds, from the query's result; null for "missing"
   */
  private <R> KeyAnswer ask(QueryableStore store, String key, Query<R> query, Function<R, Object> read) {
    KafkaStreams ks = streams();
    KeyQueryMetadata where;
    try {
      where = ks.queryMetadataForKey(store.store(), key, Serdes.String().serializer());
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw new StoreUnavailableException(store.view() + ": " + e.getMessage());
    }
    if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where)) {
      throw new StoreUnavailableException(store.view() + ": no instance holds this key right now");
    }
    if (!self.equals(where.activeHost())) {
      return new KeyAnswer.Elsewhere(hostPort(where.activeHost()));
    }
    StateQueryRequest<R> request =
        StateQueryRequest.inStore(store.store())
            .withQuery(query)
            .withPartitions(Set.of(where.partition()))
            .requireActive();
    QueryResult<R> result = query(ks, request).getPartitionResults().get(where.partition());
    if (result == null) {
      throw new StoreUnavailableException(store.view() + ": partition not present here");
    }
    check(store, result);
    Object value = result.getResult() == null ? null : read.apply(result.getResult());
    return value == null ? new KeyAnswer.Missing() : new KeyAnswer.Found(value);
  }

  /** Every entry of every partition held here, each iterator entry put into the map by {@code add}. */
  private <K> LocalEntries local(
      QueryableStore store,
      Query<KeyValueIterator<K, Object>> query,
      BiConsumer<Map<String, Object>, KeyValue<K, Object>> add) {
    KafkaStreams ks = streams();
    StateQueryRequest<KeyValueIterator<K, Object>> request =
        StateQueryRequest.inStore(store.store()).withQuery(query).requireActive();
    Map<Integer, QueryResult<KeyValueIterator<K, Object>>> results = query(ks, request).getPartitionResults();
    try {
      results.values().forEach(r -> check(store, r));
      Map<String, Object> entries = new HashMap<>();
      for (QueryResult<KeyValueIterator<K, Object>> r : results.values()) {
        r.getResult().forEachRemaining(kv -> add.accept(entries, kv));
      }
      return new LocalEntries(results.keySet(), entries);
    } finally {
      results.values().stream().filter(QueryResult::isSuccess).forEach(r -> r.getResult().close());
    }
  }

  @Override
  public List<Instance> instances() {
    KafkaStreams ks = streams();
    List<Instance> all = new ArrayList<>();
    try {
      for (StreamsMetadata m : ks.metadataForAllStreamsClients()) {
        all.add(new Instance(hostPort(m.hostInfo()), self.equals(m.hostInfo()), List.copyOf(new TreeSet<>(m.stateStoreNames()))));
      }
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw new StoreUnavailableException(e.getMessage());
    }
    all.sort((a, b) -> a.hostPort().compareTo(b.hostPort()));
    return all;
  }

  private KafkaStreams streams() {
    KafkaStreams ks = streams.get();
    if (ks == null) {
      throw new StoreUnavailableException("streams not started yet");
    }
    return ks;
  }

  private static <R> StateQueryResult<R> query(KafkaStreams ks, StateQueryRequest<R> request) {
    try {
      return ks.query(request);
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw new StoreUnavailableException(request.getStoreName() + ": " + e.getMessage());
    }
  }

  /** Failures that a rebalance explains are "try again"; anything else is a bug worth a 500. */
  private static void check(QueryableStore store, QueryResult<?> result) {
    if (result.isSuccess()) {
      return;
    }
    FailureReason reason = result.getFailureReason();
    String message = store.view() + ": " + reason + " " + result.getFailureMessage();
    if (reason == FailureReason.NOT_ACTIVE
        || reason == FailureReason.NOT_PRESENT
        || reason == FailureReason.NOT_UP_TO_BOUND) {
      throw new StoreUnavailableException(message);
    }
    throw new IllegalStateException(message);
  }

  static String hostPort(HostInfo host) {
    return host.host() + ":" + host.port();
  }
}
