package dev.pmpulse.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * The Kafka clients of the demo's streams app: Kafka's own, except that the stream threads' main
 * consumers can be made to fail on their next poll ({@link #crashStreamThreads()}). A failed
 * stream thread is what a bug in a processor or a lost machine looks like to Kafka Streams: the
 * thread dies with its transaction open, the app's uncaught-exception handler replaces it, and the
 * new thread goes on from the last committed offsets. Only the demo builds the app with these.
 */
final class CrashableClients implements KafkaClientSupplier {
  /** The failure a crashed stream thread dies of, as its log shows it. */
  static final class InjectedCrash extends RuntimeException {
    InjectedCrash() {
      super("stream thread crashed on purpose by the demo's crash control");
    }
  }

  private final Set<CrashableConsumer> mainConsumers = ConcurrentHashMap.newKeySet();

  /**
   * Makes every stream thread fail at its next poll, each once.
   *
   * @return how many stream threads will fail
   */
  int crashStreamThreads() {
    mainConsumers.forEach(c -> c.crashNext = true);
    return mainConsumers.size();
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return Admin.create(config);
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    CrashableConsumer consumer = new CrashableConsumer(config);
    mainConsumers.add(consumer);
    return consumer;
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A stream thread's main consumer that throws from {@link #poll} once when told to. */
  private final class CrashableConsumer extends KafkaConsumer<byte[], byte[]> {
    volatile boolean crashNext;

    CrashableConsumer(Map<String, Object> config) {
      super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      if (crashNext) {
        crashNext = false;
        throw new InjectedCrash();
      }
      return super.poll(timeout);
    }

    @Override
    public void close() {
      mainConsumers.remove(this);
      super.close();
    }

    @Override
    public void close(CloseOptions options) {
      mainConsumers.remove(this);
      super.close(options);
    }
  }
}
