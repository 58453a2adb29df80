package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scenario endpoints as a browser on another origin calls them. */
class ProducerHttpTest {
  private static final Instant AT = Instant.parse("2026-03-09T10:00:00Z");
  private static final String DASHBOARD = "http://127.0.0.1:8080";

  private final List<Scenario> switched = new ArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private ScenarioState active = new ScenarioState(Scenario.STEADY, AT);
  private ProducerHttp http;

  @BeforeEach
  void start() {
    http = new ProducerHttp("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> new ProducerHttp.Health(true, Map.of()), new ProducerHttp.ScenarioControl() {
          @Override
          public ScenarioState active() {
            return active;
          }

          @Override
          public Optional<ScenarioState> switchTo(Scenario scenario) {
            switched.add(scenario);
            active = new ScenarioState(scenario, AT.plusSeconds(60));
            return Optional.of(active);
          }
        });
    http.start();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void postSwitchesAndAnswersWithTheActiveScenario() throws Exception {
    HttpResponse<String> r = send("POST", "/scenarios/review-backlog");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("scenario").asText()).isEqualTo("review-backlog");
    assertThat(body.get("since").asText()).isEqualTo("2026-03-09T10:01:00Z");
    assertThat(body.get("description").asText()).contains("5x");
    assertThat(switched).containsExactly(Scenario.REVIEW_BACKLOG);
  }

  @Test
  void anUnknownNameIsA404ListingTheNames() throws Exception {
    HttpResponse<String> r = send("POST", "/scenarios/latency-spike");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("error").asText()).contains("latency-spike");
    List<String> names = new ArrayList<>();
    body.get("scenarios").forEach(n -> names.add(n.asText()));
    assertThat(names).containsExactly("steady", "review-backlog", "breaking-change", "escalation-storm", "bad-deploy",
        "duplicate-delivery");
    assertThat(switched).isEmpty();
  }

  @Test
  void getListsTheScenariosAndTheActiveOne() throws Exception {
    HttpResponse<String> r = send("GET", "/scenarios");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("active").get("scenario").asText()).isEqualTo("steady");
    assertThat(body.get("scenarios")).hasSize(Scenario.values().length);
    assertThat(body.get("scenarios").get(4).get("name").asText()).isEqualTo("bad-deploy");
    assertThat(body.get("scenarios").get(4).get("description").asText()).isNotBlank();
  }

  @Test
  void answersTheCorsPreflightWithoutSwitching() throws Exception {
    HttpResponse<String> r = client.send(
        HttpRequest.newBuilder(uri("/scenarios/bad-deploy"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", DASHBOARD)
            .header("Access-Control-Request-Method", "POST")
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
    assertThat(switched).isEmpty();
  }

  @Test
  void wrongMethodsAre405() throws Exception {
    assertThat(send("GET", "/scenarios/steady").statusCode()).isEqualTo(405);
    assertThat(send("POST", "/scenarios").statusCode()).isEqualTo(405);
    assertThat(switched).isEmpty();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).header("Origin", DASHBOARD).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + http.port() + path);
  }
}
