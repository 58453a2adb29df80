package dev.pmpulse.streams.restate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code asOf} of the reports of a KPI that reports on each change and every hour of event time
 * (review latency per team, escalations per severity), kept per key in a store; or on each change
 * only (API stability per quarter, {@link #ofEvent}).
 *
 * <p>A change is reported as of the latest of its own time, the key's previous report, and the
 * last whole hour of stream time; the hourly report as of that hour, or the key's previous report
 * if later. So a key's reports never go back in time, and its last report is stamped with the
 * latest of its own events and the last whole hour of the task's stream time, whatever order the
 * records of the task's partitions met in. Stamping with the stream time itself would not do: it is
 * the time of whichever record of any key the task met last.
 */
public final class ReportInstants {
  /** How often every key is reported, in event time. */
  public static final Duration EVERY = Duration.ofHours(1);

  private final KeyValueStore<String, Long> reported;

  /** @param reported per key, the epoch milliseconds of its latest report */
  public ReportInstants(KeyValueStore<String, Long> reported) {
    this.reported = reported;
  }

  /** When a change of time {@code at} to {@code key} is reported, at stream time {@code streamTimeMs}. */
  public Instant ofChange(String key, Instant at, long streamTimeMs) {
    return stamp(key, Math.max(at.toEpochMilli(), lastWholeHour(streamTimeMs)));
  }

  /**
   * When a change of time {@code at} to {@code key} is reported, for a KPI without hourly reports:
   * the latest of its own time and the key's previous report.
   */
  public Instant ofEvent(String key, Instant at) {
    return stamp(key, at.toEpochMilli());
  }

  /** When {@code key} is reported by the hourly punctuation at stream time {@code streamTimeMs}. */
  public Instant ofHour(String key, long streamTimeMs) {
    return stamp(key, lastWholeHour(streamTimeMs));
  }

  /** Every key reported so far: those the hourly punctuation reports. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = reported.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  private Instant stamp(String key, long candidateMs) {
    Long previous = reported.get(key);
    long ms = previous == null ? candidateMs : Math.max(previous, candidateMs);
    if (previous == null || ms != previous) {
      reported.put(key, ms);
    }
    return Instant.ofEpochMilli(ms);
  }

  static long lastWholeHour(long streamTimeMs) {
    return streamTimeMs - Math.floorMod(streamTimeMs, EVERY.toMillis());
  }
}
