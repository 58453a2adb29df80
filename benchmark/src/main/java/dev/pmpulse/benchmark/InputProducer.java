package dev.pmpulse.benchmark;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes pre-serialized events as fast as the producer takes them. */
final class InputProducer {
  private InputProducer() {}

  /** acks=all (idempotent), lz4, 256 KiB batches: the settings of DESIGN.md's reference rates. */
  static KafkaProducer<String, byte[]> create(String bootstrapServers, int lingerMs) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // A wedged partition fails the run in 45 s rather than the default 2 minutes.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 45_000);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** @return seconds from the first send to the last acknowledgement */
  static double produceAll(String bootstrapServers, Iterable<BenchEvent> events) throws InterruptedException {
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> first = new AtomicReference<>();
    long start;
    try (KafkaProducer<String, byte[]> producer = create(bootstrapServers, 20)) {
      start = System.nanoTime();
      for (BenchEvent e : events) {
        producer.send(
            new ProducerRecord<>(e.topic(), null, e.timestamp(), e.key(), e.value()),
            (md, ex) -> {
              if (ex != null) {
                failed.incrementAndGet();
                first.compareAndSet(null, ex);
              }
            });
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " sends failed", first.get());
    }
    return seconds;
  }
}
