package dev.pmpulse.benchmark;

import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.StreamsDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * One Kafka Streams application over the benchmark input, with the settings the real app uses
 * ({@link StreamsDefaults#properties}: exactly_once_v2; stream threads as the app's default or
 * {@code --stream-threads}), timed from {@code
 * start()} until its group's committed offsets reach the end offsets of every input partition.
 */
final class StreamsRun implements AutoCloseable {
  /** How often the committed offsets are read: the timing's resolution. */
  static final Duration POLL = Duration.ofMillis(50);

  record Timing(long records, long startNanos, long runningNanos, long doneNanos) {
    double seconds() {
      return (doneNanos - startNanos) / 1e9;
    }

    double rate() {
      return records / seconds();
    }

    double secondsToRunning() {
      return (runningNanos - startNanos) / 1e9;
    }

    /** From the moment the instance reached RUNNING (after its first rebalance). */
    double rateSinceRunning() {
      return records / ((doneNanos - runningNanos) / 1e9);
    }
  }

  private final String applicationId;
  private final KafkaStreams streams;
  private final AtomicLong runningAt = new AtomicLong();

  /**
   * @param streamThreads stream threads, or null for the streams app's default
   * @param commitIntervalMs the commit interval, or null for the streams app's default
   */
  StreamsRun(String bootstrapServers, String applicationId, Topology topology, Path stateRoot, Integer streamThreads,
      Integer commitIntervalMs) throws Exception {
    this.applicationId = applicationId;
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", bootstrapServers);
    Path stateDir = Files.createDirectories(stateRoot.resolve(applicationId));
    kafka.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads(streamThreads)));
    if (commitIntervalMs != null) {
      kafka.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs.toString());
    }
    Properties props = StreamsDefaults.properties(new AppSettings(kafka, applicationId, stateDir, "127.0.0.1", 0, false));
    streams = new KafkaStreams(topology, props);
    streams.setStateListener(
        (next, previous) -> {
          if (next == KafkaStreams.State.RUNNING) {
            runningAt.compareAndSet(0, System.nanoTime());
          }
        });
  }

  /** The stream threads a run uses: {@code requested}, or the streams app's default. */
  static int threads(Integer requested) {
    return requested != null ? requested : StreamsDefaults.defaultStreamThreads();
  }

  KafkaStreams streams() {
    return streams;
  }

  /**
   * Starts the app and returns once everything in {@code endOffsets} is committed.
   *
   * @param fromOffsets where the app's committed offsets are at the start (what it has already
   *     processed): the timing counts the records between them and {@code endOffsets}
   */
  Timing runUntilCommitted(Admin admin, Map<TopicPartition, Long> fromOffsets, Map<TopicPartition, Long> endOffsets, Duration timeout)
      throws Exception {
    long records = 0;
    for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
      records += e.getValue() - fromOffsets.getOrDefault(e.getKey(), 0L);
    }
    if (lag(admin, fromOffsets) != 0) {
      throw new IllegalStateException(applicationId + " has not committed its earlier input; the timing would count it");
    }
    long start = System.nanoTime();
    streams.start();
    long done = awaitCommitted(admin, endOffsets, start + timeout.toNanos());
    long running = runningAt.get() == 0 ? start : runningAt.get();
    return new Timing(records, start, running, done);
  }

  /**
   * Starts the app and returns the seconds from {@code start()} until it is RUNNING with nothing
   * left to restore ({@code restores}, set as the app's restore listener before).
   */
  double startUntilRestored(RestoreTally restores, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    streams.start();
    long deadline = start + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING || restores.restoring() > 0) {
      if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(applicationId + " stopped: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(applicationId + " not RUNNING and restored after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(POLL.toMillis()); // between reads of the condition itself
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Polls the group's committed offsets; returns the time they first covered {@code endOffsets}. */
  long awaitCommitted(Admin admin, Map<TopicPartition, Long> endOffsets, long deadlineNanos) throws Exception {
    while (System.nanoTime() < deadlineNanos) {
      if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(applicationId + " stopped: " + streams.state());
      }
      if (lag(admin, endOffsets) == 0) {
        return System.nanoTime();
      }
      Thread.sleep(POLL.toMillis()); // between reads of the committed offsets, the condition itself
    }
    throw new IllegalStateException(
        applicationId + " did not commit all input in time; lag " + lag(admin, endOffsets));
  }

  /** Input records not yet committed by this application's group. */
  long lag(Admin admin, Map<TopicPartition, Long> endOffsets) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
    }
    return lag;
  }

  /**
   * Closes the app and leaves its group: the next start of the same app (after the warm-up) then
   * gets its partitions at once, instead of after the old members' session timeout.
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
