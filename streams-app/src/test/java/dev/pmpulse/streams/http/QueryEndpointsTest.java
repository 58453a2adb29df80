package dev.pmpulse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.streams.query.Instance;
import dev.pmpulse.streams.query.QueryableStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON API and the dashboard files over real HTTP, two instances, stores faked. */
class QueryEndpointsTest {
  private static final QueryableStore VIEW = new QueryableStore("review-latency", "kpi-review-latency", 2);
  private static final QueryableStore PRS = new QueryableStore("prs", "review-pr-state", 3);
  private static final DashboardConfig NO_PRODUCER = new DashboardConfig(null, List.of("steady"));

  private final HttpClient client = HttpClient.newHttpClient();
  private HttpApi httpA;
  private HttpApi httpB;
  private FakeQueries a;
  private FakeQueries b;

  @BeforeEach
  void start() throws IOException {
    httpB = newHttp();
    httpA = newHttp();
    b = new FakeQueries("127.0.0.1:" + httpB.port());
    a = new FakeQueries("127.0.0.1:" + httpA.port());
    a.instances.add(new Instance(b.self, false, List.of("kpi-review-latency")));
    b.instances.add(new Instance(a.self, false, List.of("kpi-review-latency")));
    serve(httpA, a, NO_PRODUCER);
    serve(httpB, b, NO_PRODUCER);
  }

  private static HttpApi newHttp() throws IOException {
    return new HttpApi("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> KafkaStreams.State.RUNNING);
  }

  private static void serve(HttpApi http, FakeQueries queries, DashboardConfig config) {
    new QueryEndpoints(queries, List.of(VIEW), PRS, config).register(http);
    new DashboardPages(config).register(http);
    http.start();
  }

  @AfterEach
  void stop() {
    httpA.stop();
    httpB.stop();
  }

  private HttpResponse<String> get(HttpApi http, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void keyHeldHereIsAnsweredHere() throws Exception {
    a.holds("kpi-review-latency", 0, "streams", Map.of("waitingOverTarget", 2));

    HttpResponse<String> r = get(httpA, "/api/kpis/review-latency/streams");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("servedBy").asText()).isEqualTo(a.self);
    assertThat(body.get("key").asText()).isEqualTo("streams");
    assertThat(body.at("/value/waitingOverTarget").asInt()).isEqualTo(2);
    assertThat(r.headers().firstValue(Peers.FORWARDED_TO)).isEmpty();
  }

  @Test
  void keyHeldByTheOtherInstanceIsFetchedFromIt() throws Exception {
    a.elsewhere.put("connect", b.self);
    b.holds("kpi-review-latency", 1, "connect", Map.of("waitingOverTarget", 5));

    HttpResponse<String> r = get(httpA, "/api/kpis/review-latency/connect");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("servedBy").asText()).isEqualTo(b.self);
    assertThat(json(r).at("/value/waitingOverTarget").asInt()).isEqualTo(5);
    assertThat(r.headers().firstValue(Peers.FORWARDED_TO)).hasValue(b.self);
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    // Each instance believes the other holds the key, as during a rebalance.
    a.elsewhere.put("moving", b.self);
    b.elsewhere.put("moving", a.self);

    HttpResponse<String> r = get(httpA, "/api/kpis/review-latency/moving");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(a.keyQueries.get()).isEqualTo(1);
    assertThat(b.keyQueries.get()).isEqualTo(1);
  }

  @Test
  void unknownKeyAndUnknownViewAre404Json() throws Exception {
    HttpResponse<String> key = get(httpA, "/api/kpis/review-latency/nobody");
    assertThat(key.statusCode()).isEqualTo(404);
    assertThat(json(key).get("error").asText()).isEqualTo("not found");

    HttpResponse<String> view = get(httpA, "/api/kpis/no-such-view/streams");
    assertThat(view.statusCode()).isEqualTo(404);
    assertThat(json(view).get("views").get(0).asText()).isEqualTo("review-latency");

    assertThat(get(httpA, "/api/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void storeNotQueryableIs503WithRetryAfter() throws Exception {
    a.unavailable = true;

    for (String path : List.of("/api/kpis/review-latency/streams", "/api/kpis", "/api/instances")) {
      HttpResponse<String> r = get(httpA, path);
      assertThat(r.statusCode()).as(path).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).as(path).hasValue("1");
      assertThat(json(r).get("error").asText()).as(path).contains("retry");
    }
  }

  @Test
  void allKpisAreGatheredFromEveryInstance() throws Exception {
    a.holds("kpi-review-latency", 0, "streams", Map.of("waitingOverTarget", 1));
    b.holds("kpi-review-latency", 1, "connect", Map.of("waitingOverTarget", 3));

    JsonNode fromA = json(get(httpA, "/api/kpis"));
    JsonNode fromB = json(get(httpB, "/api/kpis"));

    for (JsonNode body : List.of(fromA, fromB)) {
      assertThat(body.at("/views/review-latency/streams/waitingOverTarget").asInt()).isEqualTo(1);
      assertThat(body.at("/views/review-latency/connect/waitingOverTarget").asInt()).isEqualTo(3);
      assertThat(body.get("complete").asBoolean()).isTrue();
      assertThat(body.get("instances")).hasSize(2);
    }
  }

  @Test
  void anInstanceThatDoesNotAnswerMakesTheAnswerPartial() throws Exception {
    a.holds("kpi-review-latency", 0, "streams", Map.of("waitingOverTarget", 1));
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    a.instances.set(1, new Instance("127.0.0.1:" + deadPort, false, List.of()));

    JsonNode body = json(get(httpA, "/api/kpis"));

    assertThat(body.at("/views/review-latency/streams/waitingOverTarget").asInt()).isEqualTo(1);
    assertThat(body.get("complete").asBoolean()).isFalse();
    assertThat(body.get("missing").toString()).contains("did not answer").contains("1 of 2 partitions");
  }

  @Test
  void prStateByOwnerAndNameOrByEncodedRepo() throws Exception {
    a.holds("review-pr-state", 2, PrEvent.key("acme/streams", 7), Map.of("team", "streams"));

    for (String path : List.of("/api/prs/acme/streams/7", "/api/prs/acme%2Fstreams/7")) {
      HttpResponse<String> r = get(httpA, path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(json(r).get("key").asText()).isEqualTo("acme/streams#7");
      assertThat(json(r).at("/value/team").asText()).isEqualTo("streams");
    }
    assertThat(get(httpA, "/api/prs/acme/streams/8").statusCode()).isEqualTo(404);
    assertThat(get(httpA, "/api/prs/acme/streams/seven").statusCode()).isEqualTo(404);
  }

  @Test
  void instancesListEveryInstanceWithoutBrokerDetails() throws Exception {
    HttpResponse<String> r = get(httpA, "/api/instances");

    JsonNode body = json(r);
    assertThat(body.get("self").asText()).isEqualTo(a.self);
    assertThat(body.get("instances")).hasSize(2);
    assertThat(body.at("/instances/0/stores/0").asText()).isEqualTo("kpi-review-latency");
    assertThat(r.body()).doesNotContain("9092").doesNotContainIgnoringCase("bootstrap").doesNotContainIgnoringCase("partition");
  }

  @Test
  void configShowsTheScenarioSwitchOnlyWithAProducerUrl() throws Exception {
    JsonNode without = json(get(httpA, "/api/config"));
    assertThat(without.has("producerUrl")).isFalse();
    assertThat(without.get("scenarios")).isEmpty();

    HttpApi withProducer = newHttp();
    try {
      serve(withProducer, new FakeQueries("127.0.0.1:" + withProducer.port()),
          new DashboardConfig("http://127.0.0.1:8090", List.of("steady", "review-backlog")));
      JsonNode with = json(get(withProducer, "/api/config"));
      assertThat(with.get("producerUrl").asText()).isEqualTo("http://127.0.0.1:8090");
      assertThat(with.get("scenarios").toString()).isEqualTo("[\"steady\",\"review-backlog\"]");
      assertThat(get(withProducer, "/").headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("connect-src 'self' http://127.0.0.1:8090");
    } finally {
      withProducer.stop();
    }
  }

  @Test
  void dashboardFilesAreServedWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get(httpA, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'self'").doesNotContain("connect-src");
    assertThat(page.body()).contains("<script src=\"/app.js\"").doesNotContain("http://").doesNotContain("https://");

    HttpResponse<String> js = get(httpA, "/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(js.body()).contains("/api/kpis").doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML");
    assertThat(get(httpA, "/style.css").statusCode()).isEqualTo(200);

    assertThat(get(httpA, "/index.html.bak").statusCode()).isEqualTo(404);
    assertThat(get(httpA, "/dashboard/app.js").statusCode()).isEqualTo(404);
    assertThat(get(httpA, "/%2e%2e/logback.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyGetAndHeadAreAllowed() throws Exception {
    HttpResponse<String> r = client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpA.port() + "/api/kpis"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
