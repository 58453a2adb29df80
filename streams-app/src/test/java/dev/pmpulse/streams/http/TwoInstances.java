package dev.pmpulse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.query.Instance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Two instances of the app's HTTP API on free loopback ports, each over its own faked stores and
 * knowing the other: register endpoints on {@link #httpA} and {@link #httpB}, then {@link #start}.
 */
final class TwoInstances implements AutoCloseable {
  final HttpApi httpA;
  final HttpApi httpB;
  final FakeQueries a;
  final FakeQueries b;

  TwoInstances(String store) throws IOException {
    httpA = newHttp();
    httpB = newHttp();
    a = new FakeQueries("127.0.0.1:" + httpA.port());
    b = new FakeQueries("127.0.0.1:" + httpB.port());
    a.instances.add(new Instance(b.self, false, List.of(store)));
    b.instances.add(new Instance(a.self, false, List.of(store)));
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  static HttpResponse<String> get(HttpApi http, String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The body of a JSON answer (checking that it says it is JSON). */
  static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return Json.MAPPER.readTree(response.body());
  }

  static HttpApi newHttp() throws IOException {
    return new HttpApi("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> KafkaStreams.State.RUNNING);
  }

  void start() {
    httpA.start();
    httpB.start();
  }

  @Override
  public void close() {
    httpA.stop();
    httpB.stop();
  }
}
