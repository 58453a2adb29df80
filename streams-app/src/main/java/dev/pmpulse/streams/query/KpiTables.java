package dev.pmpulse.streams.query;

import java.util.Map;
import org.apache.kafka.streams.kstream.KTable;

/**
 * The tables behind the KPI views, for topology pieces that read every KPI (the daily update): a
 * topic can be a source only once in a topology, so they read these tables instead of the topics.
 */
public final class KpiTables {
  private final Map<KpiView<?>, KTable<String, ?>> tables;

  KpiTables(Map<KpiView<?>, KTable<String, ?>> tables) {
    this.tables = Map.copyOf(tables);
  }

  @SuppressWarnings("unchecked") // put by KpiViews.materialize with the view's own value type
  public <V> KTable<String, V> of(KpiView<V> view) {
    KTable<String, ?> table = tables.get(view);
    if (table == null) {
      throw new IllegalArgumentException("no table for view " + view.name() + "; is it in KpiViews.ALL?");
    }
    return (KTable<String, V>) table;
  }
}
