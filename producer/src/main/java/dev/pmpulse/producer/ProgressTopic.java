package dev.pmpulse.producer;

import dev.pmpulse.events.ProducerCheckpoint;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a run's latest committed {@link ProducerCheckpoint} from {@link Topics#PRODUCER_PROGRESS}.
 * The topic gets one checkpoint per transaction, so it is read from its end backwards, in growing
 * windows, until the run's key shows up: a restart reads a few records, not the whole history.
 */
final class ProgressTopic {
  private static final TopicPartition PARTITION = new TopicPartition(Topics.PRODUCER_PROGRESS.name(), 0);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final int FIRST_WINDOW = 16;

  private ProgressTopic() {}

  /** The run's latest checkpoint, if it has one; creates the progress topic if it is missing. */
  static Optional<ProducerCheckpoint> latest(Properties kafka, String run) {
    createIfMissing(kafka);
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pmpulse-producer-progress");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(PARTITION));
      long begin = consumer.beginningOffsets(List.of(PARTITION)).get(PARTITION);
      long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION); // the last stable offset
      Instant deadline = Instant.now().plus(READ_TIMEOUT);
      for (long window = FIRST_WINDOW; ; window *= 16) {
        long from = Math.max(begin, end - window);
        consumer.seek(PARTITION, from);
        byte[] latest = null;
        boolean found = false;
        while (consumer.position(PARTITION) < end) {
          if (Instant.now().isAfter(deadline)) {
            throw new KafkaException("timed out reading " + PARTITION + " up to offset " + end);
          }
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.offset() < end && run.equals(r.key())) {
              found = true;
              latest = r.value(); // a null value (a tombstone) forgets the run
            }
          }
        }
        if (found || from == begin) {
          return Optional.ofNullable(latest)
              .map(bytes -> Topics.PRODUCER_PROGRESS.valueSerde().deserializer().deserialize(PARTITION.topic(), bytes));
        }
      }
    }
  }

  private static void createIfMissing(Properties kafka) {
    try (Admin admin = Admin.create(kafka)) {
      admin.createTopics(List.of(Topics.PRODUCER_PROGRESS.newTopic())).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new KafkaException("cannot create " + PARTITION.topic() + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while creating " + PARTITION.topic(), e);
    }
  }
}
