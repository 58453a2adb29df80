package dev.pmpulse.streams.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The last records of one partition, for the {@code /kafka} page: keys, values, headers and
 * timestamps as text, so that compaction's tombstones and the dead letters' reason headers can be
 * seen. Each request uses a consumer of its own that is assigned the partition and seeks to near
 * its end: it never joins a consumer group and commits nothing. It reads {@code read_committed},
 * like the app, so records of open or aborted transactions are not shown.
 */
public final class RecordBrowser {
  public static final int MAX_RECORDS = 100;
  static final int MAX_VALUE_CHARS = 2_000;
  static final int MAX_KEY_CHARS = 200;
  static final int MAX_HEADER_CHARS = 300;
  private static final Duration READ_FOR = Duration.ofSeconds(4);
  /** Readers at once; more are told to retry, so the page cannot open consumers without limit. */
  private static final int AT_ONCE = 2;

  /** A header as text, or as hex when it is not UTF-8. */
  public record ShownHeader(String key, String value) {}

  /**
   * @param tombstone a record with no value: on a compacted topic, the delete of its key
   * @param value null for a tombstone
   * @param valueBytes the value's size; -1 for a tombstone
   */
  public record ShownRecord(
      long offset, Instant timestamp, String timestampType, String key, boolean tombstone, String value, int valueBytes,
      boolean truncated, List<ShownHeader> headers) {}

  /**
   * @param start the partition's first offset
   * @param lastStable where a {@code read_committed} reader stops: the end, or the first offset of
   *     a transaction still open
   */
  public record Page(String topic, int partition, long start, long lastStable, List<ShownRecord> records) {}

  /** The broker could not be read within the time given; or too many readers at once. */
  public static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private final Properties kafka;
  private final Semaphore readers = new Semaphore(AT_ONCE);

  /** @param kafka the app's client settings (servers, security); the reader adds its own */
  public RecordBrowser(Properties kafka) {
    this.kafka = kafka;
  }

  /** The reader's settings: {@code read_committed}, no group, no commits. */
  Properties consumerSettings() {
    Properties props = new Properties();
    props.putAll(kafka);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pmpulse-record-browser");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
    return props;
  }

  /** The last {@code limit} records (at most {@link #MAX_RECORDS}) of the partition, oldest first. */
  public Page last(String topic, int partition, int limit) throws Unavailable {
    int n = Math.max(1, Math.min(MAX_RECORDS, limit));
    if (!readers.tryAcquire()) {
      throw new Unavailable("the record browser is busy with other requests; retry");
    }
    TopicPartition tp = new TopicPartition(topic, partition);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerSettings(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(Set.of(tp));
      long start = consumer.beginningOffsets(Set.of(tp)).get(tp);
      long end = consumer.endOffsets(Set.of(tp)).get(tp); // read_committed: the last stable offset
      Deque<ShownRecord> shown = new ArrayDeque<>();
      // Offsets are not all records: compaction removes some, and every transaction leaves a
      // commit marker. So read back from n offsets before the end, then further, until n are found.
      long from = Math.max(start, end - n);
      long deadline = System.nanoTime() + READ_FOR.toNanos();
      while (true) {
        List<ShownRecord> read = read(consumer, tp, from, end, deadline);
        shown.clear();
        read.forEach(shown::addLast);
        while (shown.size() > n) {
          shown.removeFirst();
        }
        if (shown.size() >= n || from == start || System.nanoTime() > deadline) {
          break;
        }
        from = Math.max(start, end - 4 * (end - from));
      }
      return new Page(topic, partition, start, end, List.copyOf(shown));
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      readers.release();
    }
  }

  private static List<ShownRecord> read(
      KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long end, long deadline) {
    consumer.seek(tp, from);
    List<ShownRecord> records = new ArrayList<>();
    while (consumer.position(tp) < end && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() < end) {
          records.add(shown(r));
        }
      }
    }
    return records;
  }

  static ShownRecord shown(ConsumerRecord<byte[], byte[]> r) {
    List<ShownHeader> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new ShownHeader(h.key(), text(h.value(), MAX_HEADER_CHARS)));
    }
    String value = r.value() == null ? null : text(r.value(), MAX_VALUE_CHARS);
    boolean truncated = r.value() != null && value.length() < textLength(r.value());
    return new ShownRecord(
        r.offset(),
        Instant.ofEpochMilli(r.timestamp()),
        r.timestampType().toString(),
        r.key() == null ? null : text(r.key(), MAX_KEY_CHARS),
        r.value() == null,
        value,
        r.value() == null ? -1 : r.value().length,
        truncated,
        headers);
  }

  /** UTF-8 text when the bytes are UTF-8, else {@code 0x} and hex; at most {@code max} characters. */
  static String text(byte[] bytes, int max) {
    String full = utf8(bytes);
    String text = full != null ? full : "0x" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, max / 2));
    return text.length() > max ? text.substring(0, max) : text;
  }

  private static int textLength(byte[] bytes) {
    String full = utf8(bytes);
    return full != null ? full.length() : 2 + 2 * bytes.length;
  }

  private static String utf8(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      // Control characters (other than tab and line breaks) mean binary data that happens to decode.
      return s.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? null : s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** What the page says about this reader. */
  public static Map<String, String> describe() {
    return Map.of(
        "isolationLevel", "read_committed",
        "how", "a consumer of its own per request: assign and seek, no consumer group, no commits",
        "maxRecords", Integer.toString(MAX_RECORDS),
        "maxValueChars", Integer.toString(MAX_VALUE_CHARS));
  }
}
