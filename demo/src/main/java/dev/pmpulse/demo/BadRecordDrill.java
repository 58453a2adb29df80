package dev.pmpulse.demo;

import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.WorkloadProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bad-record drill: a record the intake rejects (in turn not JSON, an unknown PR event type, a
 * negative PR number) is sent to {@code pmpulse.pr-events} at the producer's simulated now, and read
 * back from the dead-letter topic (read_committed) with its reason headers.
 */
final class BadRecordDrill {
  private static final Duration DEAD_LETTER_WITHIN = Duration.ofSeconds(30);

  private final WorkloadProducer producer;
  private final Properties kafka;
  private final AtomicInteger badRecords = new AtomicInteger();

  BadRecordDrill(WorkloadProducer producer, Properties kafka) {
    this.producer = producer;
    this.kafka = kafka;
  }

  /** Sends the next bad record and follows it to the dead-letter topic; whether it arrived in time. */
  boolean send(FaultReport report) throws InterruptedException, ExecutionException {
    int n = badRecords.incrementAndGet();
    String key = "demo-bad-record-" + n;
    Instant at = producer.simulatedNow();
    String value = switch (n % 3) {
      case 1 -> "this is not JSON";
      case 2 -> "{\"v\":1,\"eventId\":\"" + key + "\",\"type\":\"force_pushed\",\"repo\":\"acme/payments\",\"number\":"
          + n + ",\"team\":\"payments\",\"author\":\"ana\",\"at\":\"" + at + "\"}";
      default -> "{\"v\":1,\"eventId\":\"" + key + "\",\"type\":\"opened\",\"repo\":\"acme/payments\",\"number\":-" + n
          + ",\"team\":\"payments\",\"author\":\"ana\",\"at\":\"" + at + "\"}";
    };
    String deadTopic = Topics.DEAD_LETTER.name();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerSettings(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(deadTopic).stream()
          .map(p -> new TopicPartition(deadTopic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      ends.forEach(consumer::seek);

      report.step("Sending to " + Topics.PR_EVENTS.name() + ", key " + key + ": " + value);
      RecordMetadata sent;
      try (KafkaProducer<String, String> sender = new KafkaProducer<>(kafka, new StringSerializer(), new StringSerializer())) {
        sent = sender.send(new ProducerRecord<>(Topics.PR_EVENTS.name(), null, at.toEpochMilli(), key, value)).get();
      }
      report.step("Sent to " + sent.topic() + "-" + sent.partition() + " at offset " + sent.offset()
          + "; waiting for it on " + deadTopic + " (read_committed)");
      long deadline = System.nanoTime() + DEAD_LETTER_WITHIN.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
            List<FaultReport.Header> headers = new ArrayList<>();
            for (Header h : r.headers()) {
              headers.add(new FaultReport.Header(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            }
            report.deadLetter(new FaultReport.DeadLetter(
                sent.topic() + "-" + sent.partition() + " offset " + sent.offset(), value, r.topic(), r.partition(),
                r.offset(), headers));
            String reason = headers.stream().filter(h -> h.key().equals("pmpulse.reason")).map(FaultReport.Header::value)
                .findFirst().orElse("?");
            report.done("On " + r.topic() + "-" + r.partition() + " at offset " + r.offset() + ", reason " + reason
                + ": the app went on, nothing was dropped");
            return true;
          }
        }
      }
    }
    report.failed("Not on " + deadTopic + " within " + DEAD_LETTER_WITHIN.toSeconds() + " s");
    return false;
  }

  private Properties readerSettings() {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pmpulse-demo-fault-reader");
    return props;
  }
}
