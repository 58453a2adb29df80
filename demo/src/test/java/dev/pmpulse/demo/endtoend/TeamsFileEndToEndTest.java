package dev.pmpulse.demo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.demo.testing.EmbeddedBroker;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.teams.TeamsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the teams file edited while the streams app runs, on a real broker: the app writes
 * the change to the teams topic, the topology's global store takes it, and the team's next review
 * is measured on its new hours, with no restart. A broker of its own: its PRs must not reach the
 * end-to-end contract's figures.
 */
class TeamsFileEndToEndTest {
  private static final double HOUR = 3600;
  @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();

  @TempDir Path dir;

  private static String teamsFile(String hours) {
    return """
        teams:
          connect:
            zone: Europe/Berlin
            workingHours: "%s"
            repositories: [acme/connect]
        """.formatted(hours);
  }

  private static PrEvent pr(String id, Type type, int number, String actor, ReviewState state, String berlinTime) {
    Instant at = LocalDateTime.parse(berlinTime).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    return new PrEvent(PrEvent.VERSION, id, type, "acme/connect", number, "connect", "jonas", actor,
        type == Type.OPENED ? List.of("mia") : List.of(), List.of(), state, List.of(), at);
  }

  @Test
  void anEditedTeamsFileChangesTheTeamsNextFiguresWithoutARestart() throws Exception {
    Path file = Files.writeString(dir.resolve("teams.yaml"), teamsFile("08:30-17:00"));
    Properties kafka = new Properties();
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    AppSettings settings =
        new AppSettings(kafka, "e2e-teams-" + UUID.randomUUID(), dir.resolve("state"), "127.0.0.1", 0, true)
            .withTeamsFile(file);
    try (PmPulseApp app = new PmPulseApp(settings);
        KafkaConsumer<String, ReviewLatencyKpi> kpis = consumer()) {
      app.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);

      // Monday 23 November 2026, Berlin: requested 09:00, approved 11:00; 08:30-17:00: 2 h.
      produce(pr("a1", Type.OPENED, 1, "jonas", null, "2026-11-23T09:00"),
          pr("a2", Type.REVIEW_SUBMITTED, 1, "mia", ReviewState.APPROVED, "2026-11-23T11:00"));
      Map<String, ReviewLatencyKpi> latest = new HashMap<>();
      awaitConnect(kpis, latest, 1);
      assertThat(latest.get("connect").last7Days().meanSeconds()).isEqualTo(2 * HOUR);

      // The team now starts at 10:00: the edited file reaches the topology's store.
      Files.writeString(file, teamsFile("10:00-17:00"));
      await().atMost(Duration.ofSeconds(60)).until(() -> LocalTime.of(10, 0).equals(storedStart(app)));
      assertThat(app.teams().get().find("connect").orElseThrow().workStart()).isEqualTo(LocalTime.of(10, 0));

      // The same times again: 09:00 -> 11:00 counts from 10:00, 1 h; mean (2 + 1) / 2 = 1.5 h.
      produce(pr("b1", Type.OPENED, 2, "jonas", null, "2026-11-23T09:00"),
          pr("b2", Type.REVIEW_SUBMITTED, 2, "mia", ReviewState.APPROVED, "2026-11-23T11:00"));
      awaitConnect(kpis, latest, 2);
      assertThat(latest.get("connect").last7Days().meanSeconds()).isEqualTo(1.5 * HOUR);
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  /** The work start of connect in the app's global store of teams, or null. */
  private static LocalTime storedStart(PmPulseApp app) throws Exception {
    ReadOnlyKeyValueStore<String, byte[]> store = app.streams().store(
        StoreQueryParameters.fromNameAndType(TeamsTable.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    byte[] bytes = store.get("connect");
    return bytes == null ? null : Json.read(bytes, Team.class).workStart();
  }

  private static void awaitConnect(KafkaConsumer<String, ReviewLatencyKpi> kpis, Map<String, ReviewLatencyKpi> latest,
      long reviews) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      kpis.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
      ReviewLatencyKpi connect = latest.get("connect");
      return connect != null && connect.last7Days().count() == reviews;
    });
  }

  private static void produce(PrEvent... events) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<String, PrEvent> producer = new KafkaProducer<>(props,
        Topics.PR_EVENTS.keySerde().serializer(), Topics.PR_EVENTS.valueSerde().serializer())) {
      for (PrEvent e : events) {
        producer.send(new ProducerRecord<>(Topics.PR_EVENTS.name(), null, e.at().toEpochMilli(), e.key(), e));
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<String, ReviewLatencyKpi> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-teams-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, ReviewLatencyKpi> consumer = new KafkaConsumer<>(props,
        Topics.REVIEW_LATENCY_KPI.keySerde().deserializer(), Topics.REVIEW_LATENCY_KPI.valueSerde().deserializer());
    consumer.subscribe(List.of(Topics.REVIEW_LATENCY_KPI.name()));
    return consumer;
  }
}
