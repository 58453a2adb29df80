package dev.pmpulse.labs.deadletters;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Lab 2, dead letters (docs/labs/02-dead-letters.md). Check: {@code ./labs/check 2}.
 *
 * <p>Reads raw latency samples (bytes, as they came) and forwards each one either, parsed, to the
 * {@link #VALID} sink or, untouched, to the {@link #DEAD_LETTER} sink with the reason in headers.
 */
public final class SampleIntake implements Processor<String, byte[], String, Object> {
  public static final String VALID_SAMPLES = "lab2.valid-samples";
  /** The sinks' names: {@code context.forward(record, VALID)} sends a record to one of them only. */
  public static final String VALID = "valid";
  public static final String DEAD_LETTER = "dead-letter";

  /** The header that carries a dead letter's reason code: the same name as the demo's dead letters. */
  public static final String REASON_HEADER = "pmpulse.reason";
  /** The header that carries what exactly was wrong, for a person. */
  public static final String DETAIL_HEADER = "pmpulse.reason.detail";

  private ProcessorContext<String, Object> context;

  /** The wiring: source, this processor, two sinks. Nothing to change here. */
  public static Topology topology() {
    Topology topology = new Topology();
    topology.addSource("raw-samples", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
        Topics.LATENCY_SAMPLES.name());
    topology.addProcessor("intake", SampleIntake::new, "raw-samples");
    topology.addSink(VALID, VALID_SAMPLES, Serdes.String().serializer(), Json.serde(LatencySample.class).serializer(),
        "intake");
    topology.addSink(DEAD_LETTER, Topics.DEAD_LETTER.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
        "intake");
    return topology;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  /**
   * Sends a sample that parses and makes sense to {@link #VALID}, anything else to {@link
   * #DEAD_LETTER} with its original bytes and key, {@link #REASON_HEADER} set to one of the app's
   * reason codes ({@code unparseable}, {@code missing-field}, {@code invalid-value}) and {@link
   * #DETAIL_HEADER} to what was wrong. It never throws.
   */
  @Override
  public void process(Record<String, byte[]> record) {
    LatencySample sample;
    try {
      sample = Json.read(record.value(), LatencySample.class);
    } catch (IOException | RuntimeException e) {
      // One bad record must neither stop the app (an exception here kills the stream thread, and
      // the record comes back after every restart) nor vanish: it goes aside, as it came.
      deadLetter(record, "unparseable", "not a latency sample: " + e.getMessage());
      return;
    }
    if (sample.cluster() == null || sample.cluster().isBlank()) {
      deadLetter(record, "missing-field", "missing field 'cluster'");
    } else if (sample.at() == null) {
      deadLetter(record, "missing-field", "missing field 'at'");
    } else if (!(sample.latencyMs() >= 0 && sample.latencyMs() <= 3_600_000)) {
      deadLetter(record, "invalid-value", "field 'latencyMs' must be 0..3600000, was " + sample.latencyMs());
    } else {
      context.forward(record.withValue(sample), VALID);
    }
  }

  private void deadLetter(Record<String, byte[]> record, String reason, String detail) {
    Record<String, byte[]> letter = record.withHeaders(record.headers()
        .add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8))
        .add(DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8)));
    context.forward(letter, DEAD_LETTER);
  }
}
