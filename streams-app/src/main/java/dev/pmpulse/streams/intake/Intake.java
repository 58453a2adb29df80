package dev.pmpulse.streams.intake;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The front door of every input topic: bytes in, valid typed records out, and everything else on
 * the dead-letter topic with the reason in headers. Nothing is dropped silently and no bad record
 * stops the app.
 */
public final class Intake {
  private final StreamsBuilder builder;
  private final MeterRegistry meters;
  private final Duration maxFutureSkew;

  public Intake(StreamsBuilder builder, MeterRegistry meters, Duration maxFutureSkew) {
    this.builder = builder;
    this.meters = meters;
    this.maxFutureSkew = maxFutureSkew;
  }

  /**
   * The valid records of {@code topic}, each with its event time as record timestamp.
   *
   * @param eventTime the record's event time (a field of the event)
   */
  public <T> KStream<String, T> stream(
      Topic<String, T> topic, Class<T> type, Validator<T> validator, Function<T, Instant> eventTime) {
    String name = topic.name();
    Counter accepted = meters.counter("pmpulse.accepted.records", "topic", name);
    Function<String, Counter> rejected =
        reason -> DeadLetter.counter(meters, name, reason);
    // At 0 from the start: a rate of rejections is then 0 on a clean run, not "no data".
    Rejection.REASONS.forEach(rejected::apply);

    KStream<String, Parsed<T>> parsed =
        builder.stream(name, Consumed.with(Serdes.String(), Serdes.ByteArray())
                    .withTimestampExtractor(new EventTimeExtractor(maxFutureSkew))
                    .withName("read-" + name))
            .process(
                () -> new ParseProcessor<>(type, validator, eventTime, maxFutureSkew, accepted, rejected),
                Named.as("parse-" + name));

    var branches =
        parsed
            .split(Named.as("intake-" + name + "-"))
            .branch((key, p) -> p.valid(), Branched.as("valid"))
            .defaultBranch(Branched.as("rejected"));
    branches
        .get("intake-" + name + "-rejected")
        .mapValues(Parsed::raw, Named.as("raw-" + name))
        .to(
            Topics.DEAD_LETTER.name(),
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter-" + name));
    return branches
        .get("intake-" + name + "-valid")
        .mapValues(Parsed::value, Named.as("valid-" + name));
  }

  /** @param decoder a {@link Json#decoder} of the record type */
  static <T> T parse(byte[] raw, Json.Decoder<T> decoder) throws RejectedRecordException {
    if (raw == null) {
      throw new RejectedRecordException(new Rejection(Rejection.UNPARSEABLE, "empty value"));
    }
    try {
      return decoder.read(raw);
    } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
      String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      String reason = "type".equals(field) ? Rejection.UNKNOWN_TYPE : Rejection.INVALID_VALUE;
      throw new RejectedRecordException(
          new Rejection(reason, "field '" + field + "' cannot be " + abbreviate(String.valueOf(e.getValue()))));
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      throw new RejectedRecordException(
          field == null || "?".equals(field)
              ? new Rejection(Rejection.UNPARSEABLE, "not a JSON object")
              : Rejection.invalid("field '" + field + "' has the wrong type"));
    } catch (java.io.IOException | RuntimeException e) {
      throw new RejectedRecordException(
          new Rejection(Rejection.UNPARSEABLE, "not valid JSON: " + abbreviate(e.getMessage())));
    }
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replace('\n', ' ').replace('\r', ' ');
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
