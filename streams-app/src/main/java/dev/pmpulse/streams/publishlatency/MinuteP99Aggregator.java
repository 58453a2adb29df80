package dev.pmpulse.streams.publishlatency;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.streams.stats.DurationHistogram;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One latency histogram per (cluster, event-time minute); a minute's p99 is forwarded once, when
 * stream time passes the minute's end plus the grace. A sample for a minute already closed is
 * counted as late and dropped.
 *
 * <p>Throughput: the histograms of the open minutes live in a map, so a sample is added in place
 * with no decoding. After each sample the whole histogram is also written to the store, which keeps
 * the store, and therefore the changelog and exactly-once recovery, always equal to the map: Kafka
 * Streams gives a processor no hook that runs before it commits a transaction, so state kept only
 * in memory could miss the changelog while its input offsets are committed. That write is cheap
 * because a {@link DurationHistogram}'s bytes are its state (an array copy, no encoding), and the
 * store's record cache collapses the writes to one changelog record per minute per commit. The
 * minute becomes a {@link DurationSketch} (same bins) only when it closes. The map is rebuilt from
 * the store whenever the task is (re)initialised.
 */
final class MinuteP99Aggregator implements Processor<String, LatencySample, String, MinuteP99> {
  static final String STORE = "publish-latency-open-minutes";
  static final long MINUTE_MS = 60_000;

  private final long graceMs;
  private final Counter late;
  private final Map<String, OpenMinute> open = new HashMap<>();
  private long nextCloseAt = Long.MAX_VALUE;
  private ProcessorContext<String, MinuteP99> context;
  private KeyValueStore<String, byte[]> store;

  /** Per cluster, the minute of its latest sample: a cluster's samples arrive in runs of one minute. */
  private final Map<String, OpenMinute> recent = new HashMap<>();

  private record OpenMinute(String key, String cluster, long minuteMs, DurationHistogram histogram) {
    long closesAt(long graceMs) {
      return minuteMs + MINUTE_MS + graceMs;
    }
  }

  MinuteP99Aggregator(Duration grace, Counter late) {
    this.graceMs = grace.toMillis();
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, MinuteP99> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    open.clear();
    recent.clear();
    nextCloseAt = Long.MAX_VALUE;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            int sep = kv.key.lastIndexOf('|');
            OpenMinute m =
                new OpenMinute(
                    kv.key, kv.key.substring(0, sep), Long.parseLong(kv.key.substring(sep + 1)),
                    DurationHistogram.fromBytes(kv.value));
            open.put(kv.key, m);
            nextCloseAt = Math.min(nextCloseAt, m.closesAt(graceMs));
          });
    }
  }

  @Override
  public void process(Record<String, LatencySample> record) {
    LatencySample s = record.value();
    long at = s.at().toEpochMilli();
    long minute = at - Math.floorMod(at, MINUTE_MS);
    long streamTime = context.currentStreamTimeMs();
    if (minute + MINUTE_MS + graceMs <= streamTime) {
      late.increment();
    } else {
      OpenMinute m = recent.get(s.cluster());
      if (m == null || m.minuteMs() != minute) {
        m = openMinute(s.cluster(), minute);
        recent.put(s.cluster(), m);
      }
      m.histogram().add(s.latencyMs() / 1000.0);
      store.put(m.key(), m.histogram().toBytes());
    }
    if (streamTime >= nextCloseAt) {
      closeUpTo(streamTime);
    }
  }

  private OpenMinute openMinute(String cluster, long minute) {
    String key = key(cluster, minute);
    OpenMinute m = open.get(key);
    if (m == null) {
      m = new OpenMinute(key, cluster, minute, DurationHistogram.empty());
      open.put(key, m);
      nextCloseAt = Math.min(nextCloseAt, m.closesAt(graceMs));
    }
    return m;
  }

  /** Forwards and forgets every minute closed at {@code streamTime}, oldest first per cluster. */
  private void closeUpTo(long streamTime) {
    List<OpenMinute> closed = new ArrayList<>();
    long next = Long.MAX_VALUE;
    for (OpenMinute m : open.values()) {
      if (m.closesAt(graceMs) <= streamTime) {
        closed.add(m);
      } else {
        next = Math.min(next, m.closesAt(graceMs));
      }
    }
    nextCloseAt = next;
    closed.sort(Comparator.comparing(OpenMinute::cluster).thenComparingLong(OpenMinute::minuteMs));
    recent.clear();
    for (OpenMinute m : closed) {
      open.remove(m.key());
      store.delete(m.key());
      DurationSketch sketch = m.histogram().toSketch();
      MinuteP99 result =
          new MinuteP99(m.cluster(), Instant.ofEpochMilli(m.minuteMs()), sketch.count(), sketch.quantile(0.99) * 1000,
              sketch.toBytes());
      context.forward(new Record<>(m.cluster(), result, m.minuteMs() + MINUTE_MS));
    }
  }

  static String key(String cluster, long minuteMs) {
    return cluster + "|" + minuteMs;
  }
}
