package dev.pmpulse.streams.trends;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps, per key and bucket, the value with the latest event time: of two equal, the one that
 * arrived last. So a bucket ends up with what the view held at the bucket's end, also when a late
 * input makes a KPI restate an earlier day (a restatement is stamped at the day's last
 * millisecond), and a value older than the one held (out of order) changes nothing.
 */
final class TrendRecorder<V> implements Processor<String, V, Void, Void> {
  private final KpiTrend<V> trend;
  private WindowStore<String, V> store;

  TrendRecorder(KpiTrend<V> trend) {
    this.trend = trend;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(trend.storeName());
  }

  @Override
  public void process(Record<String, V> record) {
    V value = record.value();
    if (record.key() == null || value == null) {
      return; // not a report: these topics carry no deletions
    }
    Instant at = trend.time().apply(value);
    if (at == null) {
      return; // no event time: no bucket to put it in (the KPIs always set one)
    }
    long bucket = trend.bucketStart(at);
    V held = store.fetch(record.key(), bucket);
    if (held == null || !trend.time().apply(held).isAfter(at)) {
      store.put(record.key(), value, bucket);
    }
  }
}
