package dev.pmpulse.streams.intake;

import dev.pmpulse.events.Json;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Parses and validates one input record; a rejected one keeps its bytes and gains headers. */
final class ParseProcessor<T> implements Processor<String, byte[], String, Parsed<T>> {
  private final Json.Decoder<T> decoder;
  private final Validator<T> validator;
  private final Function<T, Instant> eventTime;
  private final long maxFutureSkewMs;
  private final Counter accepted;
  private final Function<String, Counter> rejected;
  private ProcessorContext<String, Parsed<T>> context;

  ParseProcessor(
      Class<T> type,
      Validator<T> validator,
      Function<T, Instant> eventTime,
      Duration maxFutureSkew,
      Counter accepted,
      Function<String, Counter> rejected) {
    this.decoder = Json.decoder(type);
    this.validator = validator;
    this.eventTime = eventTime;
    this.maxFutureSkewMs = maxFutureSkew.toMillis();
    this.accepted = accepted;
    this.rejected = rejected;
  }

  @Override
  public void init(ProcessorContext<String, Parsed<T>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    try {
      T value = Intake.parse(record.value(), decoder);
      if (value == null) { // the JSON text "null": no event to validate
        throw new RejectedRecordException(new Rejection(Rejection.UNPARSEABLE, "JSON null, not an object"));
      }
      validator.validate(value);
      Instant at = eventTime.apply(value);
      long streamTime = context.currentStreamTimeMs();
      // Stream time is the newest event time seen so far (the timestamp extractor keeps a bad
      // record from moving it), so "far in the future" is measured against the data, not the
      // wall clock: the demo's simulated clock runs far ahead of the wall clock.
      if (streamTime > 0 && at.toEpochMilli() > streamTime + maxFutureSkewMs) {
        throw new RejectedRecordException(
            new Rejection(
                Rejection.FUTURE_EVENT_TIME,
                "event time " + at + " is more than " + Duration.ofMillis(maxFutureSkewMs)
                    + " ahead of stream time " + Instant.ofEpochMilli(streamTime)));
      }
      accepted.increment();
      context.forward(record.withValue(new Parsed<>(value, null)).withTimestamp(at.toEpochMilli()));
    } catch (RejectedRecordException e) {
      deadLetter(record, e.rejection());
    }
  }

  private void deadLetter(Record<String, byte[]> record, Rejection rejection) {
    rejected.apply(rejection.reason()).increment();
    Headers headers = DeadLetter.annotate(record.headers(), context.recordMetadata(), rejection);
    byte[] raw = record.value() == null ? new byte[0] : record.value();
    context.forward(record.withValue(new Parsed<T>(null, raw)).withHeaders(headers));
  }
}
