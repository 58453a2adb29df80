package dev.pmpulse.reliability;

import dev.pmpulse.producer.Emission;
import dev.pmpulse.producer.TeamRoster;
import dev.pmpulse.producer.Workload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The producer's own workload for a fixed seed, generated up front for a span of simulated time and
 * written completely to the input topics before any streams app starts. Every run of the app then
 * reads the very same log (same records, same partitions, same offsets), so two runs can differ
 * only by what was done to them. Every {@code badEvery}-th record is followed by one that is not
 * JSON, so the dead-letter path is part of what must survive.
 */
record FixedWorkload(long seed, Instant origin, Duration span, int samplesPerMinute, int badEvery) {
  static final byte[] NOT_JSON = "not json {".getBytes(StandardCharsets.UTF_8);

  /** What went to each input topic. */
  record Produced(Map<String, Long> good, Map<String, Long> bad) {
    long total() {
      return good.values().stream().mapToLong(Long::longValue).sum() + bad.values().stream().mapToLong(Long::longValue).sum();
    }

    long badTotal() {
      return bad.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  Produced produce(String bootstrapServers) {
    Workload workload = new Workload(TeamRoster.defaults(), seed, 1.0, samplesPerMinute, origin);
    Map<String, Long> good = new TreeMap<>();
    Map<String, Long> bad = new TreeMap<>();
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      long[] n = {0};
      AtomicReference<Exception> failed = new AtomicReference<>();
      Callback check = (metadata, e) -> {
        if (e != null) {
          failed.compareAndSet(null, e);
        }
      };
      workload.advanceTo(
          origin.plus(span),
          emission -> {
            String topic = emission.topic().name();
            byte[] key = emission.topic().keySerde().serializer().serialize(topic, emission.key());
            long at = emission.at().toEpochMilli();
            producer.send(new ProducerRecord<>(topic, null, at, key, valueBytes(emission)), check);
            good.merge(topic, 1L, Long::sum);
            if (++n[0] % badEvery == 0) {
              producer.send(new ProducerRecord<>(topic, null, at, key, NOT_JSON), check);
              bad.merge(topic, 1L, Long::sum);
            }
          });
      producer.flush();
      if (failed.get() != null) {
        throw new IllegalStateException("the broker did not take the workload", failed.get());
      }
    }
    return new Produced(good, bad);
  }

  private static <V> byte[] valueBytes(Emission<V> emission) {
    Serializer<V> serializer = emission.topic().valueSerde().serializer();
    return serializer.serialize(emission.topic().name(), emission.value());
  }
}
