package dev.pmpulse.labs.windows;

import dev.pmpulse.events.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Lab 4, event time, windows and grace (docs/labs/04-event-time-windows-grace.md). Check: {@code
 * ./labs/check 4}.
 */
public final class MinuteCounts {
  /** Latency samples per cluster per minute; key {@code cluster@minute}, e.g. {@code us-east-1@2026-11-16T09:00:00Z}. */
  public static final String COUNTS = "lab4.samples-per-minute";

  /** Your answer: how long after its minute ends the app still counts a late latency sample. */
  public static final Duration GRACE = Duration.ZERO;

  private MinuteCounts() {}

  /** Counts the samples of {@code pmpulse.latency-samples} per cluster in one-minute windows of event time. */
  public static void build(StreamsBuilder builder) {
    // The windows follow each record's timestamp. Run the check to see which time that is.
    builder
        .stream(Topics.LATENCY_SAMPLES.name(),
            Consumed.with(Topics.LATENCY_SAMPLES.keySerde(), Topics.LATENCY_SAMPLES.valueSerde()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), GRACE))
        .count()
        .toStream()
        .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().startTime(), count))
        .to(COUNTS, Produced.with(Serdes.String(), Serdes.Long()));
  }
}
