package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {
  private static EmbeddedKafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new EmbeddedKafkaBroker(0).start();
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    Topics.createMissing(admin);
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void listensOnAFreePortNotTheDefault() throws Exception {
    assertThat(broker.port()).isPositive().isNotEqualTo(EmbeddedKafkaBroker.DEFAULT_PORT);
    assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
    assertThat(admin.describeCluster().nodes().get()).hasSize(1);
  }

  @Test
  void createsEveryRegistryTopicWithItsPartitionsAndCleanupPolicy() throws Exception {
    Set<String> names = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();

    for (Topic<?, ?> topic : Topics.all()) {
      assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
      String policy =
          configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
              .value();
      assertThat(policy).as(topic.name()).isEqualTo(topic.cleanupPolicy());
    }
    // A second run creates nothing: the demo may start against a broker that has the topics.
    assertThat(Topics.createMissing(admin)).isEmpty();
  }

  @Test
  void refusesToCreateTopicsNobodyRegistered() throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      var send = producer.send(new ProducerRecord<>("pmpulse.no-such-topic", "k", "v"));
      assertThatThrownBy(send::get).hasMessageContaining("pmpulse.no-such-topic");
    }
    assertThat(admin.listTopics().names().get()).doesNotContain("pmpulse.no-such-topic");
  }

  @Test
  void readCommittedConsumerSeesCommittedEventsAndNotAbortedOnes() throws Exception {
    Topic<String, PrEvent> topic = Topics.PR_EVENTS;
    PrEvent aborted = event("e-aborted", PrEvent.Type.OPENED);
    PrEvent committed = event("e-committed", PrEvent.Type.REVIEW_REQUESTED);

    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    try (var producer =
        new KafkaProducer<>(producerConfig, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), aborted.key(), aborted)).get();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), committed.key(), committed));
      producer.commitTransaction();
    }

    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<PrEvent> seen = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(consumerConfig, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, PrEvent> record : consumer.poll(Duration.ofMillis(200))) {
                  assertThat(record.key()).isEqualTo(record.value().key());
                  seen.add(record.value());
                }
                return seen.stream().map(PrEvent::eventId).anyMatch(committed.eventId()::equals);
              });
      // Both were written to the same partition, the aborted one first; it must not show.
      consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
    }
    assertThat(seen).containsExactly(committed);
  }

  @Test
  void closeStopsTheBrokerAndDeletesItsData() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    Path dataDir;
    int port;
    try (EmbeddedKafkaBroker other = new EmbeddedKafkaBroker(0).start()) {
      dataDir = other.dataDir();
      port = other.port();
      assertThat(dataDir.resolve("logs").resolve("meta.properties")).isRegularFile();
      assertThat(FreePort.isFree(port)).isFalse();
    }
    assertThat(dataDir).doesNotExist();
    assertThat(FreePort.isFree(port)).isTrue();
    await()
        .pollInSameThread() // so that the poller is not itself a new non-daemon thread
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(nonDaemonThreads()).as("threads left by the broker").isSubsetOf(before));
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }

  private static PrEvent event(String id, PrEvent.Type type) {
    return new PrEvent(
        PrEvent.VERSION, id, type, "acme/streams", 42, "streams", "ana", "ana",
        List.of("bo"), List.of(), null, List.of(), Instant.parse("2026-03-02T09:15:00Z"));
  }
}
