package dev.pmpulse.streams.query;

import dev.pmpulse.events.Topic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A KPI output topic read back as a table, so the latest value per key can be queried: the
 * dashboard's view of one KPI.
 *
 * @param name the view's name in URLs; its store is {@code kpi-<name>}
 */
public record KpiView<V>(String name, Topic<String, V> topic) {
  public String storeName() {
    return "kpi-" + name;
  }

  public QueryableStore queryable() {
    return new QueryableStore(name, storeName(), topic.partitions());
  }

  void materialize(StreamsBuilder builder) {
    builder.table(
        topic.name(),
        Consumed.with(topic.keySerde(), topic.valueSerde()).withName("kpi-view-" + name + "-in"),
        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName())
            .withKeySerde(topic.keySerde())
            .withValueSerde(topic.valueSerde()));
  }
}
