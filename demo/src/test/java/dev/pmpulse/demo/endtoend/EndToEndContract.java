package dev.pmpulse.demo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed, hand-made set of PR events through a real broker and the real streams app; the KPI
 * values on the output topic (read_committed) and on /metrics must equal values worked out by
 * hand. Subclasses say which broker: the embedded one, or a container where Docker exists.
 */
abstract class EndToEndContract {
  private static final double HOUR = 3600;

  @TempDir Path stateDir;

  abstract String bootstrapServers();

  private static Instant la(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("America/Los_Angeles")).toInstant();
  }

  private static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
  }

  private static PrEvent pr(String id, Type type, String team, int number, String actor, List<String> reviewers,
      ReviewState state, Instant at) {
    return new PrEvent(PrEvent.VERSION, id, type, "acme/" + team, number, team, "author-" + team, actor,
        reviewers, List.of(), state, List.of(), at);
  }

  /**
   * streams (Los Angeles, 09:00-17:00): PR 1 requested Friday 16:00, approved Monday 10:00 → 1 h +
   * 1 h = 2 h; PR 2 requested Monday 09:00, approved 11:00 → 2 h. connect (Berlin, 08:30-17:00): PR
   * 3 requested Monday 10:00, a bot approves at 10:30 (ignored), changes requested at 15:00 → 5 h.
   */
  private static List<PrEvent> handMadeEvents() {
    return List.of(
        pr("e1", Type.OPENED, "streams", 1, "author-streams", List.of("bo"), null, la("2026-11-20T16:00")),
        pr("e2", Type.OPENED, "streams", 2, "author-streams", List.of("bo"), null, la("2026-11-23T09:00")),
        pr("e3", Type.OPENED, "connect", 3, "author-connect", List.of(), null, berlin("2026-11-23T09:00")),
        pr("e4", Type.REVIEW_REQUESTED, "connect", 3, "author-connect", List.of("emil"), null, berlin("2026-11-23T10:00")),
        pr("e5", Type.REVIEW_SUBMITTED, "connect", 3, "renovate[bot]", List.of(), ReviewState.APPROVED, berlin("2026-11-23T10:30")),
        pr("e6", Type.REVIEW_SUBMITTED, "streams", 1, "bo", List.of(), ReviewState.APPROVED, la("2026-11-23T10:00")),
        pr("e7", Type.REVIEW_SUBMITTED, "streams", 2, "bo", List.of(), ReviewState.APPROVED, la("2026-11-23T11:00")),
        pr("e8", Type.REVIEW_SUBMITTED, "connect", 3, "emil", List.of(), ReviewState.CHANGES_REQUESTED, berlin("2026-11-23T15:00")));
  }

  @Test
  void reviewLatencyOnTheOutputTopicAndOnMetricsMatchesTheHandComputedValues() throws Exception {
    Properties kafka = new Properties();
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    AppSettings settings =
        new AppSettings(kafka, "e2e-" + UUID.randomUUID(), stateDir, "127.0.0.1", 0, true);
    try (PmPulseApp app = new PmPulseApp(settings)) {
      app.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);

      produce(handMadeEvents());
      produceRaw(Topics.PR_EVENTS.name(), "acme/streams#99", "{ this is not json");

      // Expected, per team (business hours, see handMadeEvents):
      //   streams: 2 reviews, 2 h and 2 h → mean 7200 s, both within 4 h → ratio 1.0
      //   connect: 1 review, 5 h → mean 18000 s, ratio 0.0
      //   all:     3 reviews → mean (7200 + 7200 + 18000) / 3 = 10800 s, ratio 2/3
      Map<String, ReviewLatencyKpi> latest = new HashMap<>();
      try (KafkaConsumer<String, ReviewLatencyKpi> consumer = consumer(Topics.REVIEW_LATENCY_KPI)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
          ReviewLatencyKpi all = latest.get(ReviewLatencyKpi.ALL_TEAMS);
          return all != null && all.last7Days().count() == 3;
        });
      }
      assertThat(latest.get("streams").last7Days().count()).isEqualTo(2);
      assertThat(latest.get("streams").last7Days().meanSeconds()).isEqualTo(2 * HOUR);
      assertThat(latest.get("streams").last7Days().withinTargetRatio()).isEqualTo(1.0);
      assertThat(latest.get("connect").last7Days().count()).isEqualTo(1);
      assertThat(latest.get("connect").last7Days().meanSeconds()).isEqualTo(5 * HOUR);
      assertThat(latest.get("connect").last7Days().withinTargetRatio()).isEqualTo(0.0);
      assertThat(latest.get("all").last7Days().meanSeconds()).isEqualTo(3 * HOUR);
      assertThat(latest.get("all").last7Days().withinTargetRatio()).isEqualTo(2.0 / 3);

      String metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
      assertThat(metrics)
          .contains("pmpulse_review_latency_mean_seconds{team=\"all\"} 10800.0")
          .contains("pmpulse_review_latency_mean_seconds{team=\"streams\"} 7200.0")
          .contains("pmpulse_review_latency_mean_seconds{team=\"connect\"} 18000.0")
          .contains("pmpulse_review_latency_reviews{team=\"all\"} 3.0")
          .contains("pmpulse_review_latency_within_target_ratio{team=\"connect\"} 0.0")
          .contains("pmpulse_accepted_records_total{topic=\"pmpulse.pr-events\"} 8.0")
          .contains("pmpulse_dead_letter_records_total{reason=\"unparseable\",topic=\"pmpulse.pr-events\"} 1.0")
          .contains("kafka_stream_thread_process_rate");

      // The malformed record is on the dead-letter topic with its reason, and the app still runs.
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(Topics.DEAD_LETTER)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
          return !dead.isEmpty();
        });
      }
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{ this is not json");
      Header reason = dead.get(0).headers().lastHeader("pmpulse.reason");
      assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo("unparseable");
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static EscalationEvent escalation(String eventId, EscalationEvent.Type type, String id, Severity severity, String at) {
    return new EscalationEvent(EscalationEvent.VERSION, eventId, type, id, "customer-" + id, severity, "streams", Instant.parse(at));
  }

  @Test
  void allThreeKpisTogether() throws Exception {
    Properties kafka = new Properties();
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    AppSettings settings = new AppSettings(kafka, "e2e-all-" + UUID.randomUUID(), stateDir, "127.0.0.1", 0, true);
    try (PmPulseApp app = new PmPulseApp(settings)) {
      app.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);

      // Review latency: the hand-made PRs of the other test (3 reviews, mean 3 h).
      produce(handMadeEvents());
      // API stability: PR 1 is merged with a breaking producer-api change and an additive
      // streams-api change, and the merge is delivered twice: 1 breaking, 1 additive this quarter.
      PrEvent merged =
          new PrEvent(PrEvent.VERSION, "e9", Type.MERGED, "acme/streams", 1, "streams", "author-streams", "bo",
              List.of(), List.of(), null,
              List.of(new ApiChange("producer-api", ApiChange.Kind.BREAKING), new ApiChange("streams-api", ApiChange.Kind.ADDITIVE)),
              la("2026-11-23T12:00"));
      produce(List.of(merged, merged));
      // Escalations (calendar hours): three P0s resolved after 10 h, 30 h and 20 h; one P1 still open.
      produce(
          Topics.ESCALATION_EVENTS,
          List.of(
              escalation("x1", EscalationEvent.Type.OPENED, "E1", Severity.P0, "2026-11-23T00:00:00Z"),
              escalation("x2", EscalationEvent.Type.OPENED, "E2", Severity.P0, "2026-11-23T01:00:00Z"),
              escalation("x3", EscalationEvent.Type.OPENED, "E3", Severity.P0, "2026-11-23T02:00:00Z"),
              escalation("x4", EscalationEvent.Type.OPENED, "E4", Severity.P1, "2026-11-23T03:00:00Z"),
              escalation("x5", EscalationEvent.Type.RESOLVED, "E1", Severity.P0, "2026-11-23T10:00:00Z"),
              escalation("x6", EscalationEvent.Type.RESOLVED, "E3", Severity.P0, "2026-11-23T22:00:00Z"),
              escalation("x7", EscalationEvent.Type.RESOLVED, "E2", Severity.P0, "2026-11-24T07:00:00Z")),
          EscalationEvent::id,
          EscalationEvent::at);

      // P0 this week: 3 resolutions; sorted 10, 20, 30 h → median (rank floor(0.5*2) = 1) 20 h =
      // 72000 s, within the sketch's 1%; mean 20 h.
      Map<String, EscalationResolutionKpi> escalations = new HashMap<>();
      try (KafkaConsumer<String, EscalationResolutionKpi> consumer = consumer(Topics.ESCALATION_RESOLUTION_KPI)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> escalations.put(r.key(), r.value()));
          EscalationResolutionKpi p0 = escalations.get("P0");
          return p0 != null && p0.thisWeek().count() == 3;
        });
      }
      EscalationResolutionKpi p0 = escalations.get("P0");
      assertThat(p0.thisWeek().meanSeconds()).isEqualTo(20 * HOUR);
      assertThat(p0.thisWeek().p50Seconds()).isCloseTo(20 * HOUR, within(20 * HOUR * 0.01));
      assertThat(p0.open()).isZero();

      String metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        String m = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
        return sample(m, "pmpulse_api_breaking_changes_quarter") == 1.0
            && sample(m, "pmpulse_escalations_open{severity=\"P1\"}") == 1.0
            && sample(m, "pmpulse_review_latency_reviews{team=\"all\"}") == 3.0;
      });
      metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
      assertThat(sample(metrics, "pmpulse_api_changes{kind=\"breaking\",surface=\"producer-api\"}")).isEqualTo(1.0);
      assertThat(sample(metrics, "pmpulse_api_changes{kind=\"additive\",surface=\"streams-api\"}")).isEqualTo(1.0);
      assertThat(sample(metrics, "pmpulse_escalation_resolutions{period=\"week\",severity=\"P0\"}")).isEqualTo(3.0);
      assertThat(sample(metrics, "pmpulse_escalation_resolution_p50_seconds{period=\"week\",severity=\"P0\"}"))
          .isCloseTo(20 * HOUR, within(20 * HOUR * 0.01));
      assertThat(sample(metrics, "pmpulse_review_latency_mean_seconds{team=\"all\"}")).isEqualTo(3 * HOUR);
    }
  }

  private void produce(List<PrEvent> events) {
    produce(Topics.PR_EVENTS, events, PrEvent::key, PrEvent::at);
  }

  /** Sends {@code events} to {@code topic} with their event time as record timestamp. */
  private <V> void produce(Topic<String, V> topic, List<V> events, Function<V, String> key, Function<V, Instant> at) {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(producerProps(), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (V e : events) {
        producer.send(new ProducerRecord<>(topic.name(), null, at.apply(e).toEpochMilli(), key.apply(e), e));
      }
      producer.flush();
    }
  }

  /** The value of one series in a Prometheus scrape, or NaN when absent. */
  private static double sample(String scrape, String series) {
    return scrape.lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(Double.NaN);
  }

  private void produceRaw(String topic, String key, String value) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }
  }

  private Properties producerProps() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  private <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }

  private static String get(String url) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
