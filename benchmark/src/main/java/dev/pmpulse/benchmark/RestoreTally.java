package dev.pmpulse.benchmark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * What a Kafka Streams app restored: the records read back from its changelogs, and when the first
 * store partition began restoring and the last one ended. Called from the app's restore threads.
 */
final class RestoreTally implements StateRestoreListener {
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();
  private final AtomicLong firstStartNanos = new AtomicLong();
  private final AtomicLong lastEndNanos = new AtomicLong();

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    started.incrementAndGet();
    firstStartNanos.compareAndSet(0, System.nanoTime());
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    records.addAndGet(numRestored);
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    lastEndNanos.set(System.nanoTime());
    ended.incrementAndGet();
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    lastEndNanos.set(System.nanoTime());
    ended.incrementAndGet();
  }

  long records() {
    return records.get();
  }

  /** Store partitions that began restoring and have not ended. */
  long restoring() {
    return started.get() - ended.get();
  }

  /** Store partitions restored (or suspended), one per store per task. */
  long storePartitions() {
    return ended.get();
  }

  /** From the first store partition's restore start to the last one's end; 0 when none restored. */
  double seconds() {
    return firstStartNanos.get() == 0 ? 0 : (lastEndNanos.get() - firstStartNanos.get()) / 1e9;
  }
}
