package dev.pmpulse.demo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.testing.EmbeddedBroker;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.reviewlatency.ReviewLatency;
import dev.pmpulse.streams.trends.KpiTrends;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams app instances on a real broker answer for each other: a key held by one instance,
 * asked of the other, is fetched from the holder; the all-keys view is gathered from both.
 */
class InteractiveQueriesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final List<String> TEAMS = List.of("streams", "clients", "connect", "platform");
  private static final String FORWARDED_TO = "X-PmPulse-Forwarded-To";

  @TempDir static Path stateDirs;
  @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();
  private static final List<PmPulseApp> apps = new ArrayList<>();
  private static final List<String> prKeys = new ArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    String applicationId = "iq-test-" + UUID.randomUUID();
    for (String name : List.of("a", "b")) {
      Properties kafka = new Properties();
      kafka.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      PmPulseApp app =
          new PmPulseApp(new AppSettings(kafka, applicationId, stateDirs.resolve(name), "127.0.0.1", 0, true));
      apps.add(app);
      app.start();
    }
    await().atMost(DEADLINE).until(() -> apps.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING));
    produceReviewedPrs();
  }

  @AfterAll
  static void stop() {
    apps.forEach(PmPulseApp::close);
  }

  /** One reviewed PR per team and per PR-events partition's worth of keys, so both instances hold some. */
  private static void produceReviewedPrs() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<String, PrEvent> producer =
        new KafkaProducer<>(props, Topics.PR_EVENTS.keySerde().serializer(), Topics.PR_EVENTS.valueSerde().serializer())) {
      int number = 0;
      for (String team : TEAMS) {
        for (int i = 0; i < 3; i++) {
          number++;
          ZoneId zone = ZoneId.of("UTC");
          var requested = LocalDateTime.parse("2026-11-23T09:00").atZone(zone).toInstant();
          var approved = requested.plus(Duration.ofHours(1 + i));
          String repo = "acme/" + team;
          PrEvent opened = new PrEvent(PrEvent.VERSION, "o" + number, PrEvent.Type.OPENED, repo, number, team, "ana",
              "ana", List.of("bo"), List.of(), null, List.of(), requested);
          PrEvent review = new PrEvent(PrEvent.VERSION, "r" + number, PrEvent.Type.REVIEW_SUBMITTED, repo, number, team,
              "ana", "bo", List.of(), List.of(), PrEvent.ReviewState.APPROVED, List.of(), approved);
          for (PrEvent e : List.of(opened, review)) {
            producer.send(new ProducerRecord<>(Topics.PR_EVENTS.name(), null, e.at().toEpochMilli(), e.key(), e));
          }
          prKeys.add(e(repo, number));
        }
      }
      producer.flush();
    }
  }

  private static String e(String repo, int number) {
    return PrEvent.key(repo, number);
  }

  private HttpResponse<String> get(PmPulseApp app, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String hostPort(PmPulseApp app) {
    return "127.0.0.1:" + app.httpPort();
  }

  private static PmPulseApp holderOf(String store, String key) {
    HostInfo host = apps.get(0).streams().queryMetadataForKey(store, key, Serdes.String().serializer()).activeHost();
    return apps.stream().filter(a -> hostPort(a).equals(host.host() + ":" + host.port())).findFirst().orElseThrow();
  }

  @Test
  void aKpiKeyHeldByOneInstanceIsAnsweredByTheOther() throws Exception {
    String path = "/api/kpis/" + KpiViews.ALL.get(0).name() + "/streams";
    // Wait until the team's last KPI update (all three of its reviews) is in the view on whichever
    // instance holds it: an earlier one could change between the two requests compared below.
    await().atMost(DEADLINE).until(() -> apps.stream().allMatch(a -> {
      try {
        HttpResponse<String> r = get(a, path);
        return r.statusCode() == 200 && Json.MAPPER.readTree(r.body()).at("/value/last7Days/count").asInt() == 3;
      } catch (Exception e) {
        return false;
      }
    }));
    PmPulseApp holder = holderOf(KpiViews.ALL.get(0).storeName(), "streams");
    PmPulseApp other = apps.get(0) == holder ? apps.get(1) : apps.get(0);

    HttpResponse<String> direct = get(holder, path);
    HttpResponse<String> viaOther = get(other, path);

    assertThat(direct.headers().firstValue(FORWARDED_TO)).isEmpty();
    assertThat(viaOther.headers().firstValue(FORWARDED_TO)).hasValue(hostPort(holder));
    JsonNode answer = Json.MAPPER.readTree(viaOther.body());
    assertThat(answer.get("servedBy").asText()).isEqualTo(hostPort(holder));
    assertThat(answer.at("/value/team").asText()).isEqualTo("streams");
    assertThat(answer.get("value")).isEqualTo(Json.MAPPER.readTree(direct.body()).get("value"));
  }

  @Test
  void aTrendIsAnsweredByEitherInstanceAndGatheredFromBoth() throws Exception {
    String path = "/api/trends/" + KpiTrends.REVIEW_LATENCY.name() + "/streams?days=14";
    // One day (2026-11-23) of three reviews: the day's point is the team's last report of it.
    await().atMost(DEADLINE).until(() -> apps.stream().allMatch(a -> {
      try {
        HttpResponse<String> r = get(a, path);
        JsonNode points = Json.MAPPER.readTree(r.body()).get("points");
        return r.statusCode() == 200 && points.size() == 1 && points.at("/0/value/last7Days/count").asInt() == 3;
      } catch (Exception e) {
        return false;
      }
    }));
    PmPulseApp holder = holderOf(KpiTrends.REVIEW_LATENCY.storeName(), "streams");
    PmPulseApp other = apps.get(0) == holder ? apps.get(1) : apps.get(0);
    HttpResponse<String> viaOther = get(other, path);
    assertThat(viaOther.headers().firstValue(FORWARDED_TO)).hasValue(hostPort(holder));
    JsonNode answer = Json.MAPPER.readTree(viaOther.body());
    assertThat(answer.get("servedBy").asText()).isEqualTo(hostPort(holder));
    assertThat(answer.at("/points/0/bucket").asText()).isEqualTo("2026-11-23T00:00:00Z");

    JsonNode all = Json.MAPPER.readTree(get(other, "/api/trends/" + KpiTrends.REVIEW_LATENCY.name()).body());
    assertThat(all.get("complete").asBoolean()).isTrue();
    assertThat(all.get("keys").fieldNames()).toIterable().containsAll(TEAMS);
  }

  @Test
  void everyPrIsAnsweredByEitherInstanceFromItsHolder() throws Exception {
    for (String key : prKeys) {
      String repo = key.substring(0, key.indexOf('#'));
      String path = "/api/prs/" + URLEncoder.encode(repo, StandardCharsets.UTF_8) + "/" + key.substring(key.indexOf('#') + 1);
      await().atMost(DEADLINE).until(() -> get(apps.get(0), path).statusCode() == 200);
      PmPulseApp holder = holderOf(ReviewLatency.PR_STATE_STORE, key);
      for (PmPulseApp asked : apps) {
        HttpResponse<String> r = get(asked, path);
        assertThat(r.statusCode()).as(key).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).get("servedBy").asText()).as(key).isEqualTo(hostPort(holder));
        assertThat(r.headers().firstValue(FORWARDED_TO).isPresent()).as(key).isEqualTo(asked != holder);
      }
    }
    // Three PR-events partitions over two instances: each instance holds at least one.
    assertThat(prKeys.stream().map(k -> holderOf(ReviewLatency.PR_STATE_STORE, k)).distinct()).hasSize(2);
  }

  @Test
  void allKpisAreTheSameFromEitherInstance() throws Exception {
    await().atMost(DEADLINE).until(() -> {
      JsonNode body = Json.MAPPER.readTree(get(apps.get(1), "/api/kpis").body());
      JsonNode view = body.at("/views/" + KpiViews.ALL.get(0).name());
      return body.path("complete").asBoolean() && TEAMS.stream().allMatch(view::has)
          && view.at("/" + ReviewLatencyKpi.ALL_TEAMS + "/last7Days/count").asInt() == 3 * TEAMS.size();
    });
    JsonNode fromA = Json.MAPPER.readTree(get(apps.get(0), "/api/kpis").body());
    JsonNode fromB = Json.MAPPER.readTree(get(apps.get(1), "/api/kpis").body());
    assertThat(fromA.get("views")).isEqualTo(fromB.get("views"));
    assertThat(fromA.get("instances")).hasSize(2);

    JsonNode instances = Json.MAPPER.readTree(get(apps.get(0), "/api/instances").body()).get("instances");
    assertThat(instances).hasSize(2);
    assertThat(instances.toString()).doesNotContain(broker.bootstrapServers());
  }
}
