package dev.pmpulse.streams.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The bins of a {@link DurationSketch} (same index mapping, so the same bins and the same
 * quantiles), kept as a byte array that is also the serialized form: adding a value increments one
 * counter in place, and {@link #toBytes()} is a plain array copy. For a state store that must hold
 * the whole state after every record (so that the changelog committed with the input offsets is
 * always complete under exactly-once) while values arrive far more often than they are read.
 *
 * <p>Layout: magic {@code 'P','H'}, format version, zero count (long), index of the first bin
 * (int), number of bins (int), then one int count per bin. All big-endian.
 */
public final class DurationHistogram {
  private static final byte MAGIC_0 = 'P';
  private static final byte MAGIC_1 = 'H';
  private static final byte FORMAT = 1;
  private static final int ZERO_AT = 3;
  private static final int FIRST_INDEX_AT = ZERO_AT + Long.BYTES;
  private static final int BINS_AT = FIRST_INDEX_AT + Integer.BYTES;
  private static final int HEADER = BINS_AT + Integer.BYTES;
  /** Spare bins on each side when the range grows, so that a minute reallocates a few times only. */
  private static final int SLACK = 32;

  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final IndexMapping MAPPING = DurationSketch.empty().mapping();
  /** Values at or below this go to the zero bin, as in {@link DDSketch#accept(double)}. */
  private static final double MIN_INDEXED = Math.max(0, MAPPING.minIndexableValue());

  /** Header, then the counts of bins {@code lo..hi-1} of the allocated range (only part of it used). */
  private byte[] buf;
  private int lo;
  private int hi;
  /** The used bins: {@code first..last}, or first > last when there are none. */
  private int first;
  private int last;
  private long count;

  private DurationHistogram(byte[] buf, int lo, int hi, int first, int last, long count) {
    this.buf = buf;
    this.lo = lo;
    this.hi = hi;
    this.first = first;
    this.last = last;
    this.count = count;
  }

  public static DurationHistogram empty() {
    byte[] buf = new byte[HEADER];
    buf[0] = MAGIC_0;
    buf[1] = MAGIC_1;
    buf[2] = FORMAT;
    return new DurationHistogram(buf, 0, 0, 0, -1, 0);
  }

  /**
   * Reads {@link #toBytes()} output, or the bytes of a {@link DurationSketch} (what the store held
   * before this format), so that a changelog written by an older version still restores.
   */
  public static DurationHistogram fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return empty();
    }
    if (bytes.length < HEADER || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      return of(DurationSketch.fromBytes(bytes));
    }
    if (bytes[2] != FORMAT) {
      throw new IllegalArgumentException("unknown histogram format " + bytes[2]);
    }
    int firstIndex = (int) INT.get(bytes, FIRST_INDEX_AT);
    int bins = (int) INT.get(bytes, BINS_AT);
    if (bins < 0 || bytes.length != HEADER + bins * Integer.BYTES) {
      throw new IllegalArgumentException("corrupt histogram: " + bins + " bins in " + bytes.length + " bytes");
    }
    long count = (long) LONG.get(bytes, ZERO_AT);
    for (int i = 0; i < bins; i++) {
      count += (int) INT.get(bytes, HEADER + i * Integer.BYTES);
    }
    return new DurationHistogram(bytes.clone(), firstIndex, firstIndex + bins, firstIndex, firstIndex + bins - 1, count);
  }

  /** The bins of {@code sketch}, which must hold no negative values. */
  public static DurationHistogram of(DurationSketch sketch) {
    DDSketch dd = sketch.ddSketch();
    if (!dd.getNegativeValueStore().isEmpty()) {
      throw new IllegalArgumentException("negative durations");
    }
    DurationHistogram h = empty();
    h.addZeros(Math.round(dd.getCount() - dd.getPositiveValueStore().getTotalCount()));
    Iterator<Bin> bins = dd.getPositiveValueStore().getAscendingIterator();
    while (bins.hasNext()) {
      Bin bin = bins.next();
      h.addToBin(bin.getIndex(), Math.toIntExact(Math.round(bin.getCount())));
    }
    return h;
  }

  /** Adds one value, in seconds, to the bin {@link DurationSketch#add} would put it in. */
  public DurationHistogram add(double seconds) {
    if (!(seconds >= 0) || seconds > MAPPING.maxIndexableValue()) {
      throw new IllegalArgumentException("not a trackable duration: " + seconds);
    }
    if (seconds > MIN_INDEXED) {
      addToBin(MAPPING.index(seconds), 1);
    } else {
      addZeros(1);
    }
    return this;
  }

  public long count() {
    return count;
  }

  /** The serialized form: a copy of the used part of the array. */
  public byte[] toBytes() {
    int bins = Math.max(0, last - first + 1);
    byte[] out = new byte[HEADER + bins * Integer.BYTES];
    System.arraycopy(buf, 0, out, 0, FIRST_INDEX_AT);
    INT.set(out, FIRST_INDEX_AT, bins == 0 ? 0 : first);
    INT.set(out, BINS_AT, bins);
    if (bins > 0) {
      System.arraycopy(buf, offset(first), out, HEADER, bins * Integer.BYTES);
    }
    return out;
  }

  /** The same values as a sketch: equal bins, so equal quantiles and encoding. */
  public DurationSketch toSketch() {
    Store positive = new UnboundedSizeDenseStore();
    for (int index = first; index <= last; index++) {
      int c = (int) INT.get(buf, offset(index));
      if (c > 0) {
        positive.add(index, (long) c);
      }
    }
    long zeros = (long) LONG.get(buf, ZERO_AT);
    return DurationSketch.of(DDSketch.of(MAPPING, new UnboundedSizeDenseStore(), positive, zeros));
  }

  private void addZeros(long n) {
    LONG.set(buf, ZERO_AT, Math.addExact((long) LONG.get(buf, ZERO_AT), n));
    count += n;
  }

  private void addToBin(int index, int n) {
    if (index < lo || index >= hi) {
      grow(index);
    }
    int at = offset(index);
    INT.set(buf, at, Math.addExact((int) INT.get(buf, at), n));
    if (first > last) {
      first = index;
      last = index;
    } else {
      first = Math.min(first, index);
      last = Math.max(last, index);
    }
    count += n;
  }

  private int offset(int index) {
    return HEADER + (index - lo) * Integer.BYTES;
  }

  private void grow(int index) {
    int newLo = lo == hi ? index - SLACK : Math.min(lo, index - SLACK);
    int newHi = lo == hi ? index + SLACK + 1 : Math.max(hi, index + SLACK + 1);
    byte[] next = Arrays.copyOf(buf, HEADER + (newHi - newLo) * Integer.BYTES);
    Arrays.fill(next, HEADER, next.length, (byte) 0);
    if (hi > lo) {
      System.arraycopy(buf, HEADER, next, HEADER + (lo - newLo) * Integer.BYTES, (hi - lo) * Integer.BYTES);
    }
    buf = next;
    lo = newLo;
    hi = newHi;
  }
}
