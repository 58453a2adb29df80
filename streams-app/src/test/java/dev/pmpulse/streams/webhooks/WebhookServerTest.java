package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP, Kafka a MockProducer. */
class WebhookServerTest {
  private final MockProducer<byte[], byte[]> kafka =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final HttpClient http = HttpClient.newHttpClient();
  private WebhookServer server;

  @BeforeEach
  void start() throws Exception {
    WebhookSettings githubOnly = new WebhookSettings(
        WebhookSettings.DEFAULT_HOST, 0, Fixtures.GITHUB_SECRET, null, "breaking-change", Map.of());
    server = new WebhookServer(githubOnly, kafka, new SimpleMeterRegistry());
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder post(String path, WebhookRequest delivery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(b::header);
    return b;
  }

  @Test
  void bindsTheLoopbackAddressByDefault() {
    assertThat(server.endpoint("github").getHost()).isEqualTo("127.0.0.1");
    assertThat(InetAddress.getLoopbackAddress().getHostAddress()).isEqualTo(server.endpoint("github").getHost());
  }

  @Test
  void aSignedPostIsWrittenAndAnswered200() throws Exception {
    HttpResponse<String> response = send(post("/webhooks/github", Fixtures.github("pull_request.opened.json", "d-1")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(kafka.history()).hasSize(1);
  }

  @Test
  void onlyPostToAConfiguredSourceIsServed() throws Exception {
    WebhookRequest delivery = Fixtures.github("pull_request.opened.json", "d-1");
    assertThat(send(HttpRequest.newBuilder(server.endpoint("github")).GET()).statusCode()).isEqualTo(405);
    assertThat(send(post("/webhooks/github/extra", delivery)).statusCode()).isEqualTo(404);
    assertThat(send(post("/webhooks/pagerduty", delivery)).statusCode()).as("no PagerDuty secret").isEqualTo(404);
    assertThat(send(post("/metrics", delivery)).statusCode()).isEqualTo(404);
    assertThat(kafka.history()).isEmpty();
  }

  @Test
  void anOversizedBodyIs413AndWritesNothing() throws Exception {
    byte[] huge = new byte[WebhookServer.MAX_BODY_BYTES + 1];
    assertThat(send(post("/webhooks/github", Fixtures.github("pull_request", "d-1", huge))).statusCode()).isEqualTo(413);
    assertThat(kafka.history()).isEmpty();
  }
}
