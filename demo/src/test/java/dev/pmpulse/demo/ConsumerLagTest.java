package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.demo.testing.EmbeddedBroker;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConsumerLagTest {
  private static final String GROUP = "lag-test";
  private static final String TOPIC = Topics.PR_EVENTS.name();
  @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();
  private static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    Topics.createMissing(admin);
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void sumsCommittedPartitionsUpToTheLastStableOffset() throws Exception {
    assertThat(ConsumerLag.of(admin, GROUP, 5_000)).as("nothing committed yet").isEmpty();

    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test");
    try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      send(producer, 0, 10);
      send(producer, 1, 3);
      send(producer, 2, 7);
      producer.commitTransaction(); // offsets 0..n-1 are records, offset n the commit marker

      admin
          .alterConsumerGroupOffsets(
              GROUP,
              Map.of(
                  new TopicPartition(TOPIC, 0), new OffsetAndMetadata(4),
                  new TopicPartition(TOPIC, 1), new OffsetAndMetadata(4)))
          .all()
          .get();
      // p0: 11 - 4; p1: 4 - 4, the group is past the marker; p2 never committed, not counted.
      // commitTransaction() returns before the broker has written every marker, so poll.
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(ConsumerLag.of(admin, GROUP, 5_000)).isEqualTo(OptionalLong.of(7)));

      producer.beginTransaction();
      send(producer, 1, 5);
      producer.flush();
      assertThat(ConsumerLag.of(admin, GROUP, 5_000)).as("open transaction").isEqualTo(OptionalLong.of(7));
      producer.commitTransaction();
      // p1 now ends at 4 + 5 records + 1 marker, once the marker is written.
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(ConsumerLag.of(admin, GROUP, 5_000)).isEqualTo(OptionalLong.of(7 + 6)));
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, int partition, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      producer.send(new ProducerRecord<>(TOPIC, partition, null, new byte[] {(byte) i})).get();
    }
  }
}
