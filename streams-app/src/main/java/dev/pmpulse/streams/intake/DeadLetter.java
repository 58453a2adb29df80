package dev.pmpulse.streams.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * How a record goes to the dead-letter topic: the headers that say where it came from and why,
 * and the metric that counts it. The intake uses it for records it cannot parse or validate; a KPI
 * processor uses it for records only its state can judge (a resolution before its opening).
 */
public final class DeadLetter {
  public static final String HEADER_SOURCE_TOPIC = "pmpulse.source.topic";
  public static final String HEADER_SOURCE_PARTITION = "pmpulse.source.partition";
  public static final String HEADER_SOURCE_OFFSET = "pmpulse.source.offset";
  public static final String HEADER_REASON = "pmpulse.reason";
  public static final String HEADER_DETAIL = "pmpulse.reason.detail";

  private DeadLetter() {}

  /** The counter of dead-lettered records from {@code topic} for {@code reason}. */
  public static Counter counter(MeterRegistry meters, String topic, String reason) {
    return meters.counter("pmpulse.dead.letter.records", "topic", topic, "reason", reason);
  }

  /** Adds the source and reason headers to {@code headers} (the record's own, modified in place). */
  public static Headers annotate(Headers headers, Optional<RecordMetadata> source, Rejection rejection) {
    source.ifPresent(
        meta -> {
          headers.add(HEADER_SOURCE_TOPIC, utf8(meta.topic()));
          headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(meta.partition())));
          headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(meta.offset())));
        });
    headers.add(HEADER_REASON, utf8(rejection.reason()));
    headers.add(HEADER_DETAIL, utf8(rejection.detail()));
    return headers;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
