package dev.pmpulse.streams.trends;

import dev.pmpulse.streams.query.KpiView;
import dev.pmpulse.streams.query.QueryableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * A KPI view over time: per key, the view's value at the end of each bucket of event time (a UTC
 * day or hour), kept for {@link KpiTrends#RETENTION}. What a trend chart of one dashboard tile is
 * drawn from.
 *
 * @param view the view whose values are kept; the trend's name in URLs is the view's
 * @param bucket a UTC day or hour: a whole number of them fits in a day, so the buckets are aligned
 *     with UTC midnights
 * @param time the event time a value is as of; a bucket keeps the value with the latest one
 */
public record KpiTrend<V>(KpiView<V> view, Duration bucket, Function<V, Instant> time) {
  public KpiTrend {
    if (bucket.isZero() || bucket.isNegative() || Duration.ofDays(1).toMillis() % bucket.toMillis() != 0) {
      throw new IllegalArgumentException("a trend bucket must divide a day: " + bucket);
    }
  }

  public String name() {
    return view.name();
  }

  /** The window store holding the trend, {@code trend-<view>}. */
  public String storeName() {
    return "trend-" + view.name();
  }

  /** Keyed like the view, on the same topic, so a key's trend is on the instance holding its value. */
  public QueryableStore queryable() {
    return new QueryableStore(view.name(), storeName(), view.topic().partitions());
  }

  /** Start of the bucket holding {@code at}, in epoch milliseconds. */
  public long bucketStart(Instant at) {
    long ms = at.toEpochMilli();
    return ms - Math.floorMod(ms, bucket.toMillis());
  }
}
