package dev.pmpulse.labs.exactlyonce;

import java.util.ArrayList;
import java.util.List;

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
    // Every record, as a read_uncommitted consumer sees it. Run the check to see what is wrong with
    // that for read_committed.
    List<String> values = new ArrayList<>();
    for (Entry e : log) {
      if (e.kind() == Kind.RECORD) {
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
    throw new UnsupportedOperationException("Lab 6: find where a read_committed consumer must stop (step 4 of the lab)");
  }
}
