package dev.pmpulse.streams.slo;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.DeliverySample;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums delivery samples per cluster into per-minute buckets (kept for the longest burn window, 6
 * h) and per-hour buckets (kept for the 30-day error-budget window); a sample counts in the
 * buckets of its {@code intervalEnd}. After each sample it reports the cluster's delivery KPI as
 * of stream time. A sample whose hour has already left the 30-day window is late and not counted;
 * one older than 6 h counts only towards the 30-day figures.
 *
 * <p>Store keys are {@code cluster|m|<epoch ms>} and {@code cluster|h|<epoch ms>}, zero-padded so
 * that a range scan returns a window in time order.
 */
final class DeliveryLedger implements Processor<String, DeliverySample, String, DeliveryKpi> {
  static final String STORE = "delivery-buckets";
  static final Duration BUDGET_WINDOW = Duration.ofDays(30);
  static final Duration W5M = Duration.ofMinutes(5);
  static final Duration W30M = Duration.ofMinutes(30);
  static final Duration W1H = Duration.ofHours(1);
  static final Duration W6H = Duration.ofHours(6);
  static final double FAST_BURN = 14.4;
  static final double SLOW_BURN = 6;
  private static final long MINUTE_MS = 60_000;
  private static final long HOUR_MS = 3_600_000;

  private final SloSettings settings;
  private final Counter late;
  private ProcessorContext<String, DeliveryKpi> context;
  private KeyValueStore<String, DeliveryCounts> store;

  DeliveryLedger(SloSettings settings, Counter late) {
    this.settings = settings;
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, DeliveryKpi> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, DeliverySample> record) {
    DeliverySample s = record.value();
    String cluster = s.cluster();
    long now = context.currentStreamTimeMs();
    long at = s.intervalEnd().toEpochMilli();
    DeliveryCounts counts = new DeliveryCounts(s.produced(), s.delivered(), s.duplicates());
    if (floor(at, HOUR_MS) < oldestHour(now)) {
      late.increment();
    } else {
      add(key(cluster, 'h', floor(at, HOUR_MS)), counts);
      if (floor(at, MINUTE_MS) >= oldestMinute(now)) {
        add(key(cluster, 'm', floor(at, MINUTE_MS)), counts);
      }
    }
    expire(cluster, now);
    context.forward(new Record<>(cluster, report(cluster, now), now));
  }

  DeliveryKpi report(String cluster, long now) {
    long thisMinute = floor(now, MINUTE_MS);
    DeliveryCounts w5m = DeliveryCounts.ZERO;
    DeliveryCounts w30m = DeliveryCounts.ZERO;
    DeliveryCounts w1h = DeliveryCounts.ZERO;
    DeliveryCounts w6h = DeliveryCounts.ZERO;
    try (KeyValueIterator<String, DeliveryCounts> it =
        store.range(key(cluster, 'm', oldestMinute(now)), key(cluster, 'm', thisMinute))) {
      while (it.hasNext()) {
        KeyValue<String, DeliveryCounts> kv = it.next();
        long age = thisMinute - bucketStart(kv.key);
        w6h = w6h.plus(kv.value);
        if (age < W1H.toMillis()) {
          w1h = w1h.plus(kv.value);
        }
        if (age < W30M.toMillis()) {
          w30m = w30m.plus(kv.value);
        }
        if (age < W5M.toMillis()) {
          w5m = w5m.plus(kv.value);
        }
      }
    }
    DeliveryCounts budget = DeliveryCounts.ZERO;
    try (KeyValueIterator<String, DeliveryCounts> it =
        store.range(key(cluster, 'h', oldestHour(now)), key(cluster, 'h', floor(now, HOUR_MS)))) {
      while (it.hasNext()) {
        budget = budget.plus(it.next().value);
      }
    }
    double b5m = burn(w5m);
    double b30m = burn(w30m);
    double b1h = burn(w1h);
    double b6h = burn(w6h);
    return new DeliveryKpi(
        DeliveryKpi.VERSION,
        cluster,
        Instant.ofEpochMilli(now),
        settings.deliveryTarget(),
        budget.produced(),
        budget.delivered(),
        budget.duplicates(),
        budget.produced() == 0 ? 1 : (double) budget.delivered() / budget.produced(),
        budget.produced() == 0 ? 0 : (double) budget.duplicates() / budget.produced(),
        1 - budget.badRatio() / settings.errorBudget(),
        b5m,
        b30m,
        b1h,
        b6h,
        b1h > FAST_BURN && b5m > FAST_BURN,
        b6h > SLOW_BURN && b30m > SLOW_BURN);
  }

  private double burn(DeliveryCounts window) {
    return window.badRatio() / settings.errorBudget();
  }

  private void add(String key, DeliveryCounts counts) {
    DeliveryCounts current = store.get(key);
    store.put(key, current == null ? counts : current.plus(counts));
  }

  private void expire(String cluster, long now) {
    List<String> expired = new ArrayList<>();
    for (char kind : new char[] {'m', 'h'}) {
      long keepFrom = kind == 'm' ? oldestMinute(now) : oldestHour(now);
      try (KeyValueIterator<String, DeliveryCounts> it = store.range(key(cluster, kind, 0), key(cluster, kind, keepFrom - 1))) {
        it.forEachRemaining(kv -> expired.add(kv.key));
      }
    }
    expired.forEach(store::delete);
  }

  /** The first minute bucket of the 6 h window ending with the minute of {@code now}. */
  private static long oldestMinute(long now) {
    return floor(now, MINUTE_MS) - W6H.toMillis() + MINUTE_MS;
  }

  /** The first hour bucket of the 30-day window ending with the hour of {@code now}. */
  private static long oldestHour(long now) {
    return floor(now, HOUR_MS) - BUDGET_WINDOW.toMillis() + HOUR_MS;
  }

  private static long floor(long ms, long unit) {
    return ms - Math.floorMod(ms, unit);
  }

  static String key(String cluster, char kind, long startMs) {
    return cluster + "|" + kind + "|" + String.format("%015d", Math.max(0, startMs));
  }

  private static long bucketStart(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
  }
}
