package dev.pmpulse.labs.exactlyonce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lab 6, exactly-once under a crash (docs/labs/06-exactly-once-under-a-crash.md). Check: {@code
 * ./labs/check 6}.
 *
 * <p>One partition written by transactional producers, as the broker keeps it: their records and,
 * for each transaction, a marker that commits or aborts it. Every record of a producer belongs to
 * its current transaction, which its next marker ends.
 */
public final class ReadCommitted {
  public enum Kind {
    RECORD,
    COMMIT,
    ABORT
  }

  /** One offset of the partition: a producer's record (with its value) or a transaction marker. */
  public record Entry(long offset, String producer, Kind kind, String value) {
    public static Entry record(long offset, String producer, String value) {
      return new Entry(offset, producer, Kind.RECORD, value);
    }

    public static Entry marker(long offset, String producer, Kind kind) {
      return new Entry(offset, producer, kind, null);
    }
  }

  private ReadCommitted() {}

  /**
   * The values a consumer reads from offset 0 to the end, in order. Markers are never returned.
   *
   * @param readCommitted {@code isolation.level=read_committed} (what the app's stream threads
   *     use under exactly-once) or, if false, {@code read_uncommitted}
   */
  public static List<String> read(List<Entry> log, boolean readCommitted) {
    long stable = readCommitted ? lastStableOffset(log) : Long.MAX_VALUE;
    // A record's fate is its transaction's next marker: find the aborted records first.
    Set<Long> aborted = new HashSet<>();
    List<Entry> pending = new ArrayList<>();
    for (Entry e : log) {
      if (e.kind() == Kind.RECORD) {
        pending.add(e);
      } else {
        for (Entry p : List.copyOf(pending)) {
          if (p.producer().equals(e.producer())) {
            pending.remove(p);
            if (e.kind() == Kind.ABORT) {
              aborted.add(p.offset());
            }
          }
        }
      }
    }
    List<String> values = new ArrayList<>();
    for (Entry e : log) {
      // read_committed stops at the last stable offset, even before records of committed
      // transactions: the transaction open there may still commit, and order must be kept.
      if (e.offset() >= stable) {
        break;
      }
      if (e.kind() == Kind.RECORD && !(readCommitted && aborted.contains(e.offset()))) {
        values.add(e.value());
      }
    }
    return values;
  }

  /**
   * The last stable offset: the first offset of the earliest transaction that is still open, or,
   * when none is open, the end offset (the last offset plus one).
   */
  public static long lastStableOffset(List<Entry> log) {
    List<Entry> open = new ArrayList<>();
    for (Entry e : log) {
      if (e.kind() == Kind.RECORD) {
        open.add(e);
      } else {
        open.removeIf(p -> p.producer().equals(e.producer()));
      }
    }
    long end = log.isEmpty() ? 0 : log.get(log.size() - 1).offset() + 1;
    return open.isEmpty() ? end : open.get(0).offset();
  }
}
