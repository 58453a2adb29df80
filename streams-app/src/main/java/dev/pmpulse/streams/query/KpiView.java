package dev.pmpulse.streams.query;

import dev.pmpulse.events.Topic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A KPI output topic read back as a table, so the latest value per key can be queried: the
 * dashboard's view of one KPI.
 *
 * @param name the view's name in URLs; its store is {@code kpi-<name>}
 * @param key the view's key for a record, when it is not the topic's key (e.g. cluster and level
 *     for violations keyed by cluster); null keeps the topic's key
 */
public record KpiView<V>(String name, Topic<String, V> topic, KeyValueMapper<String, V, String> key) {
  public KpiView(String name, Topic<String, V> topic) {
    this(name, topic, null);
  }

  public String storeName() {
    return "kpi-" + name;
  }

  public QueryableStore queryable() {
    return new QueryableStore(name, storeName(), topic.partitions());
  }

  KTable<String, V> materialize(StreamsBuilder builder) {
    Consumed<String, V> consumed =
        Consumed.with(topic.keySerde(), topic.valueSerde()).withName("kpi-view-" + name + "-in");
    Materialized<String, V, KeyValueStore<Bytes, byte[]>> store =
        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName())
            .withKeySerde(topic.keySerde())
            .withValueSerde(topic.valueSerde());
    if (key == null) {
      return builder.table(topic.name(), consumed, store);
    }
    // A new key means a repartition topic; it has the source topic's partition count.
    return builder.stream(topic.name(), consumed)
        .selectKey(key, Named.as("kpi-view-" + name + "-key"))
        .toTable(Named.as("kpi-view-" + name + "-table"), store);
  }
}
