package dev.pmpulse.streams.delivery;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.streams.slo.SloSettings;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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
  /**
   * The store's buckets, per cluster, in memory: every change is written to the store at once, so
   * the store (and the changelog committed with the input offsets) always equals this; it is
   * rebuilt from the store whenever the task is (re)initialised. Reporting sums up to 360 minute
   * and 720 hour buckets per sample, which read from the store meant as many JSON decodes and a
   * cost that grew with the 30-day window as it filled.
   */
  private final Map<String, Buckets> buckets = new HashMap<>();

  /** One cluster's minute and hour buckets, by bucket start. */
  private record Buckets(TreeMap<Long, DeliveryCounts> minutes, TreeMap<Long, DeliveryCounts> hours) {
    TreeMap<Long, DeliveryCounts> of(char kind) {
      return kind == 'm' ? minutes : hours;
    }
  }

  DeliveryLedger(SloSettings settings, Counter late) {
    this.settings = settings;
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, DeliveryKpi> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    buckets.clear();
    try (KeyValueIterator<String, DeliveryCounts> it = store.all()) {
      it.forEachRemaining(kv -> {
        int kindAt = kv.key.lastIndexOf('|') - 1;
        bucketsOf(kv.key.substring(0, kindAt - 1)).of(kv.key.charAt(kindAt)).put(bucketStart(kv.key), kv.value);
      });
    }
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
      add(cluster, 'h', floor(at, HOUR_MS), counts);
      if (floor(at, MINUTE_MS) >= oldestMinute(now)) {
        add(cluster, 'm', floor(at, MINUTE_MS), counts);
      }
    }
    expire(cluster, now);
    context.forward(new Record<>(cluster, report(cluster, now), now));
  }

  DeliveryKpi report(String cluster, long now) {
    Buckets b = bucketsOf(cluster);
    long thisMinute = floor(now, MINUTE_MS);
    DeliveryCounts w5m = DeliveryCounts.ZERO;
    DeliveryCounts w30m = DeliveryCounts.ZERO;
    DeliveryCounts w1h = DeliveryCounts.ZERO;
    DeliveryCounts w6h = DeliveryCounts.ZERO;
    for (Map.Entry<Long, DeliveryCounts> e : b.minutes().subMap(oldestMinute(now), true, thisMinute, true).entrySet()) {
      long age = thisMinute - e.getKey();
      w6h = w6h.plus(e.getValue());
      if (age < W1H.toMillis()) {
        w1h = w1h.plus(e.getValue());
      }
      if (age < W30M.toMillis()) {
        w30m = w30m.plus(e.getValue());
      }
      if (age < W5M.toMillis()) {
        w5m = w5m.plus(e.getValue());
      }
    }
    DeliveryCounts budget = DeliveryCounts.ZERO;
    for (DeliveryCounts c : b.hours().subMap(oldestHour(now), true, floor(now, HOUR_MS), true).values()) {
      budget = budget.plus(c);
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

  private Buckets bucketsOf(String cluster) {
    return buckets.computeIfAbsent(cluster, c -> new Buckets(new TreeMap<>(), new TreeMap<>()));
  }

  private void add(String cluster, char kind, long startMs, DeliveryCounts counts) {
    DeliveryCounts next = bucketsOf(cluster).of(kind).merge(startMs, counts, DeliveryCounts::plus);
    store.put(key(cluster, kind, startMs), next);
  }

  private void expire(String cluster, long now) {
    Buckets b = bucketsOf(cluster);
    for (char kind : new char[] {'m', 'h'}) {
      long keepFrom = kind == 'm' ? oldestMinute(now) : oldestHour(now);
      Map<Long, DeliveryCounts> expired = b.of(kind).headMap(keepFrom, false);
      expired.keySet().forEach(start -> store.delete(key(cluster, kind, start)));
      expired.clear();
    }
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
    String digits = Long.toString(Math.max(0, startMs));
    return cluster + "|" + kind + "|" + "0".repeat(Math.max(0, 15 - digits.length())) + digits;
  }

  private static long bucketStart(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
  }
}
