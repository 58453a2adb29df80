package dev.pmpulse.streams.query;

import dev.pmpulse.events.Topic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Reducer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A KPI output topic read back as a table, so the latest value per key can be queried: the
 * dashboard's view of one KPI.
 *
 * @param name the view's name in URLs; its store is {@code kpi-<name>}
 * @param key the view's key for a record, when it is not the topic's key (e.g. cluster and level
 *     for violations keyed by cluster); null keeps the topic's key
 * @param keep which of the value held and a new one the view keeps; null keeps the one written
 *     last
 */
public record KpiView<V>(String name, Topic<String, V> topic, KeyValueMapper<String, V, String> key, Reducer<V> keep) {
  public KpiView(String name, Topic<String, V> topic) {
    this(name, topic, null, null);
  }

  public KpiView(String name, Topic<String, V> topic, KeyValueMapper<String, V, String> key) {
    this(name, topic, key, null);
  }

  public String storeName() {
    return "kpi-" + name;
  }

  public QueryableStore queryable() {
    return new QueryableStore(name, storeName(), topic.partitions());
  }

  /** Adds the view's table to the topology; returns the topic's records it is built from. */
  KStream<String, V> materialize(StreamsBuilder builder) {
    Consumed<String, V> consumed =
        Consumed.with(topic.keySerde(), topic.valueSerde()).withName("kpi-view-" + name + "-in");
    Materialized<String, V, KeyValueStore<Bytes, byte[]>> store =
        Materialized.<String, V>as(Stores.inMemoryKeyValueStore(storeName()))
            .withKeySerde(topic.keySerde())
            .withValueSerde(topic.valueSerde());
    KStream<String, V> records = builder.stream(topic.name(), consumed);
    // A new key means a repartition topic; it has the source topic's partition count.
    KStream<String, V> keyed = key == null ? records : records.selectKey(key, Named.as("kpi-view-" + name + "-key"));
    if (keep == null) {
      keyed.toTable(Named.as("kpi-view-" + name + "-table"), store);
    } else {
      keyed
          .groupByKey(Grouped.with("kpi-view-" + name + "-by-key", topic.keySerde(), topic.valueSerde()))
          .reduce(keep, Named.as("kpi-view-" + name + "-keep"), store);
    }
    return records;
  }
}
