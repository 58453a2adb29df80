package dev.pmpulse.streams.query;

import java.util.Map;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Every record of each KPI topic, as the KPI views read them, for topology pieces that read every
 * KPI (the daily update): a topic can be a source only once in a topology. Each change, not the
 * views' tables: a table's cache forwards only the last value per key per commit, and which values
 * those are depends on commit timing.
 */
public final class KpiChanges {
  private final Map<KpiView<?>, KStream<String, ?>> streams;

  KpiChanges(Map<KpiView<?>, KStream<String, ?>> streams) {
    this.streams = Map.copyOf(streams);
  }

  @SuppressWarnings("unchecked") // put by KpiViews.materialize with the view's own value type
  public <V> KStream<String, V> of(KpiView<V> view) {
    KStream<String, ?> stream = streams.get(view);
    if (stream == null) {
      throw new IllegalArgumentException("no stream for view " + view.name() + "; is it in KpiViews.ALL?");
    }
    return (KStream<String, V>) stream;
  }
}
