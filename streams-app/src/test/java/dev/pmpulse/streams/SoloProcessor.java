package dev.pmpulse.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One processor on its own in-memory store, fed record by record as a stream task would, for the
 * exactly-once recovery tests: {@link #restarted()} is a new processor on a new store filled with
 * this store's entries, which is what a restore from the changelog gives a task after a crash.
 *
 * @param <V> the records it is fed
 * @param <O> what it forwards
 * @param <S> its store's values
 */
public final class SoloProcessor<V, O, S> {
  private final String storeName;
  private final Serde<S> storeSerde;
  private final Supplier<Processor<String, V, String, O>> processors;
  private final Function<V, String> key;
  private final Function<V, Long> timestamp;
  private final MockProcessorContext<String, O> context = new MockProcessorContext<>();
  private final KeyValueStore<String, S> store;
  private final Processor<String, V, String, O> processor;
  private final List<O> forwarded = new ArrayList<>();
  private long streamTime = -1;

  /**
   * @param key each record's key
   * @param timestamp each record's timestamp (epoch ms), which also advances stream time
   */
  public SoloProcessor(
      String storeName, Serde<S> storeSerde, Supplier<Processor<String, V, String, O>> processors,
      Function<V, String> key, Function<V, Long> timestamp) {
    this(storeName, storeSerde, processors, key, timestamp, null);
  }

  /** With {@code restoredFrom}'s store entries in its own store before the processor starts. */
  private SoloProcessor(
      String storeName, Serde<S> storeSerde, Supplier<Processor<String, V, String, O>> processors,
      Function<V, String> key, Function<V, Long> timestamp, SoloProcessor<V, O, S> restoredFrom) {
    this.storeName = storeName;
    this.storeSerde = storeSerde;
    this.processors = processors;
    this.key = key;
    this.timestamp = timestamp;
    this.store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.String(), storeSerde)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    if (restoredFrom != null) {
      try (KeyValueIterator<String, S> it = restoredFrom.store.all()) {
        while (it.hasNext()) {
          KeyValue<String, S> kv = it.next();
          store.put(kv.key, kv.value);
        }
      }
      streamTime = restoredFrom.streamTime;
    }
    processor = processors.get();
    processor.init(context);
  }

  public SoloProcessor<V, O, S> feed(List<V> records) {
    for (V value : records) {
      long ts = timestamp.apply(value);
      streamTime = Math.max(streamTime, ts);
      context.setCurrentStreamTimeMs(streamTime);
      processor.process(new Record<>(key.apply(value), value, ts));
      context.forwarded().forEach(f -> forwarded.add(f.record().value()));
      context.resetForwards();
    }
    return this;
  }

  /** Everything forwarded so far, in order. */
  public List<O> forwarded() {
    return forwarded;
  }

  /** The processor's store, e.g. to put what an earlier release left in it. */
  public KeyValueStore<String, S> store() {
    return store;
  }

  /** A new processor whose store holds what this one's store holds now, at the same stream time. */
  public SoloProcessor<V, O, S> restarted() {
    return new SoloProcessor<>(storeName, storeSerde, processors, key, timestamp, this);
  }
}
