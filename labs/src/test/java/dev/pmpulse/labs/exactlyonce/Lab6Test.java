package dev.pmpulse.labs.exactlyonce;

import static dev.pmpulse.labs.exactlyonce.ReadCommitted.Entry.marker;
import static dev.pmpulse.labs.exactlyonce.ReadCommitted.Entry.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.labs.exactlyonce.ReadCommitted.Entry;
import dev.pmpulse.labs.exactlyonce.ReadCommitted.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lab 6: exactly-once under a crash. */
class Lab6Test {
  /**
   * A stream thread (producer B) crashes with its transaction open, which is aborted; its replacement
   * processes the same input again in a new transaction, still open at the end. Producers A and C
   * commit theirs.
   */
  private static final List<Entry> CRASH = List.of(
      record(0, "A", "a1"),
      record(1, "B", "b1"),
      record(2, "A", "a2"),
      marker(3, "A", Kind.COMMIT),
      marker(4, "B", Kind.ABORT), // the thread died with its transaction open: it is aborted
      record(5, "B", "b1 again"),
      record(6, "C", "c1"),
      marker(7, "C", Kind.COMMIT));

  @Test
  void readUncommittedSeesEveryRecord() {
    assertThat(ReadCommitted.read(CRASH, false))
        .as("a read_uncommitted consumer reads every record, aborted or not, and never a marker")
        .containsExactly("a1", "b1", "a2", "b1 again", "c1");
  }

  @Test
  void theLastStableOffsetIsWhereTheEarliestOpenTransactionBegins() {
    assertThat(ReadCommitted.lastStableOffset(CRASH))
        .as("last stable offset of the crash log: B's second transaction began at offset 5 and is still open")
        .isEqualTo(5L);
    List<Entry> committed = new ArrayList<>(CRASH);
    committed.add(marker(8, "B", Kind.COMMIT));
    assertThat(ReadCommitted.lastStableOffset(committed))
        .as("last stable offset once B commits at offset 8: no transaction is open, so it is the end offset, 9")
        .isEqualTo(9L);
  }

  @Test
  void readCommittedSkipsAbortedRecordsAndStopsAtTheLastStableOffset() {
    assertThat(ReadCommitted.read(CRASH, true))
        .as("read_committed on the crash log. b1 belongs to B's aborted transaction (marker at 4): never read. "
            + "c1 is committed (marker at 7) but lies after B's open transaction (from offset 5): not read yet, "
            + "since a read_committed consumer stops at the last stable offset")
        .containsExactly("a1", "a2");
    List<Entry> committed = new ArrayList<>(CRASH);
    committed.add(marker(8, "B", Kind.COMMIT));
    assertThat(ReadCommitted.read(committed, true))
        .as("read_committed once B commits at offset 8: every committed record, in offset order, b1 still not")
        .containsExactly("a1", "a2", "b1 again", "c1");
  }
}
