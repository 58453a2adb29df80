package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.DeadLetter;
import dev.pmpulse.streams.intake.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes what webhooks deliver and waits until Kafka has it: a sender is answered 2xx only once
 * its event is on every in-sync replica (idempotent producer, {@code acks=all}), so an error
 * answer means "send it again" and a success means nothing can be lost.
 */
final class WebhookWriter implements AutoCloseable {
  /** Headers saying where a record came from; the topology ignores them, a person may not. */
  static final String HEADER_SOURCE = "pmpulse.webhook.source";
  static final String HEADER_DELIVERY = "pmpulse.webhook.delivery";

  /** Under the 5 s PagerDuty allows for an answer (GitHub allows 10 s). */
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(4);

  private final Producer<byte[], byte[]> producer;
  private final Duration ackTimeout;

  WebhookWriter(Producer<byte[], byte[]> producer, Duration ackTimeout) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
  }

  /** A producer for {@code kafka} (the app's client settings), idempotent, {@code acks=all}. */
  static Producer<byte[], byte[]> producer(Properties kafka) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "pmpulse-webhooks");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // A delivery is answered within the sender's patience or not at all: fail fast, let it retry.
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ACK_TIMEOUT.toMillis() - 500));
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes the event and waits for the acknowledgement. */
  <V> void write(Translation.Write<V> event, String source, String deliveryId) throws WriteFailedException {
    String topic = event.topic().name();
    byte[] key = event.topic().keySerde().serializer().serialize(topic, event.key());
    byte[] value = event.topic().valueSerde().serializer().serialize(topic, event.value());
    send(new ProducerRecord<>(topic, null, event.timestampMs(), key, value, origin(source, deliveryId)));
  }

  /**
   * Writes a delivery that cannot become an event to the dead-letter topic: the raw body, keyed by
   * the delivery id, with the intake's reason headers.
   */
  void deadLetter(byte[] body, String source, String deliveryId, Rejection rejection) throws WriteFailedException {
    RecordHeaders headers = origin(source, deliveryId);
    DeadLetter.annotate(headers, Optional.empty(), rejection);
    byte[] key = deliveryId == null ? null : deliveryId.getBytes(StandardCharsets.UTF_8);
    send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, key, body, headers));
  }

  private void send(ProducerRecord<byte[], byte[]> record) throws WriteFailedException {
    try {
      producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteFailedException("interrupted", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new WriteFailedException(e instanceof ExecutionException ? e.getCause().toString() : e.toString(), e);
    }
  }

  private static RecordHeaders origin(String source, String deliveryId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
    if (deliveryId != null) {
      headers.add(HEADER_DELIVERY, deliveryId.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Kafka did not acknowledge a write in time. */
  static final class WriteFailedException extends Exception {
    WriteFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
