package dev.pmpulse.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.WorkloadProducer;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.webhooks.WebhookSecret;
import dev.pmpulse.streams.webhooks.WebhookSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, secrets: SASL and SSL secrets in a client properties file (and one in the environment)
 * are present but unused (the embedded broker speaks PLAINTEXT). With all logging at INFO, the
 * streams app and the producer run, and neither any log line nor any HTTP endpoint shows a
 * secret's value. The same for the webhook secrets (issue 18): the webhook endpoints take a signed
 * and a forged delivery each, and neither the answers nor the logs show the secrets.
 */
class SecretsStayHiddenTest {
  private static final List<String> SECRETS =
      List.of("jaas-S3CRET-1", "keystore-S3CRET-2", "truststore-S3CRET-3", "key-S3CRET-4", "basic-S3CRET-5",
          "env-S3CRET-6", "github-S3CRET-7", "pagerduty-S3CRET-8");

  /** Every log event, with its stack trace, as text. */
  private static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected void append(ILoggingEvent event) {
      String text = event.getLoggerName() + " " + event.getFormattedMessage();
      if (event.getThrowableProxy() != null) {
        text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      lines.add(text);
    }
  }

  @Test
  void noSecretReachesALogLineOrAnHttpEndpoint(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("client.properties"), """
        security.protocol=PLAINTEXT
        sasl.mechanism=PLAIN
        sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="jaas-S3CRET-1";
        ssl.keystore.password=keystore-S3CRET-2
        ssl.truststore.password=truststore-S3CRET-3
        ssl.key.password=key-S3CRET-4
        basic.auth.user.info=svc:basic-S3CRET-5
        """);
    Map<String, String> env = Map.of("PMPULSE_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS_PASSWORD", "env-S3CRET-6");

    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Map<Logger, Level> levels = new LinkedHashMap<>();
    for (String name : List.of(Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "kafka", "dev.pmpulse")) {
      Logger logger = logging.getLogger(name);
      levels.put(logger, logger.getLevel());
      logger.setLevel(name.equals("dev.pmpulse") ? Level.DEBUG : Level.INFO);
    }
    Capture capture = new Capture();
    capture.setContext(logging);
    capture.start();
    Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
    // Only the capture hears INFO meanwhile: the console keeps the test's usual quiet.
    List<Appender<ILoggingEvent>> console = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(console::add);
    console.forEach(root::detachAppender);
    root.addAppender(capture);

    Map<String, String> bodies = new LinkedHashMap<>();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).start()) {
      Properties kafka = ClientSettings.load(broker.bootstrapServers(), config, env);
      assertThat(kafka.getProperty("ssl.key.password")).isEqualTo("key-S3CRET-4"); // the secrets are there
      try (Admin admin = Admin.create(kafka)) {
        Topics.createMissing(admin);
      }
      Instant start = Instant.parse("2026-03-02T00:00:00Z");
      WebhookSecret github = WebhookSecret.read(Files.writeString(dir.resolve("github.secret"), "github-S3CRET-7\n"), "github");
      WebhookSecret pagerDuty = WebhookSecret.of("pagerduty-S3CRET-8");
      WebhookSettings webhooks = new WebhookSettings("127.0.0.1", 0, github, pagerDuty, "breaking-change", Map.of());
      try (PmPulseApp app = new PmPulseApp(
              new AppSettings(kafka, "secrets-test", dir.resolve("state"), "127.0.0.1", 0, true), webhooks, null);
          WorkloadProducer producer = new WorkloadProducer(
              new ProducerSettings(kafka, 3600, start, 1, 42, 1.0, "127.0.0.1", 0))) {
        app.start();
        producer.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING
            && producer.committedUpTo().isAfter(start.plus(Duration.ofHours(2))));
        HttpClient http = HttpClient.newHttpClient();
        String streams = "http://127.0.0.1:" + app.httpPort();
        String producerUrl = "http://127.0.0.1:" + producer.httpPort();
        for (String url : List.of(streams + "/", streams + "/health", streams + "/metrics", streams + "/report",
            streams + "/api/kpis", streams + "/api/config", streams + "/api/instances",
            streams + "/api/kpis/review-latency/all", streams + "/api/kpis/delivery/us-east-1",
            producerUrl + "/health", producerUrl + "/metrics", producerUrl + "/scenarios")) {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
          bodies.put(url, response.statusCode() + " " + response.headers().map() + "\n" + response.body());
        }
        byte[] ping = "{\"zen\":\"Practicality beats purity.\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signatures = Map.of(
            "github signed", "X-Hub-Signature-256:sha256=" + github.sign(ping),
            "github forged", "X-Hub-Signature-256:sha256=" + "0".repeat(64),
            "pagerduty signed", "X-PagerDuty-Signature:v1=" + pagerDuty.sign(ping),
            "pagerduty forged", "X-PagerDuty-Signature:v1=" + "0".repeat(64));
        for (var s : signatures.entrySet()) {
          URI endpoint = app.webhooks().endpoint(s.getKey().substring(0, s.getKey().indexOf(' ')));
          String[] header = s.getValue().split(":", 2);
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                  .header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", s.getKey()).header("X-Webhook-Id", s.getKey())
                  .header(header[0], header[1]).POST(HttpRequest.BodyPublishers.ofByteArray(ping)).build(),
              HttpResponse.BodyHandlers.ofString());
          bodies.put(s.getKey(), response.statusCode() + " " + response.headers().map() + "\n" + response.body());
        }
        assertThat(bodies.get("github signed")).startsWith("202");
        assertThat(bodies.get("pagerduty forged")).startsWith("401");
      }
    } finally {
      root.detachAppender(capture);
      console.forEach(root::addAppender);
      levels.forEach(Logger::setLevel);
    }

    List<String> lines = List.copyOf(capture.lines);
    String everything = String.join("\n", lines);
    assertThat(lines).as("log lines captured").hasSizeGreaterThan(100);
    assertThat(everything).as("the clients logged their configuration").contains("sasl.jaas.config");
    assertThat(bodies).hasSize(16);
    for (String secret : SECRETS) {
      assertThat(lines).as("log lines with %s", secret).noneMatch(l -> l.contains(secret));
      bodies.forEach((url, body) -> assertThat(body).as("%s shows %s", url, secret).doesNotContain(secret));
    }
    System.out.printf("[faults] secrets: %d log lines (%d characters) and %d HTTP responses (%d characters) "
            + "searched for %d secret values: none found%n",
        lines.size(), everything.length(), bodies.size(), bodies.values().stream().mapToInt(String::length).sum(),
        SECRETS.size());
  }
}
