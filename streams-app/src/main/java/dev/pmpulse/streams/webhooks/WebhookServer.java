package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.TeamDirectory;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoints, on their own port so that the dashboard and {@code /metrics} stay private
 * when the webhooks are exposed: {@code POST /webhooks/github} and {@code POST
 * /webhooks/pagerduty}, each only when its secret is set. Nothing else is served here.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  /** GitHub caps a payload at 25 MB; a pull request's is a few dozen kilobytes. */
  static final int MAX_BODY_BYTES = 5 << 20;

  /** Repositories warned about, at most this many: one log line each, not one per event. */
  private static final int UNASSIGNED_WARNINGS = 1000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final WebhookWriter writer;
  private final List<String> paths = new ArrayList<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** Starts the endpoints the settings have secrets for, writing with a producer of {@code kafka}. */
  public static WebhookServer start(
      WebhookSettings settings, Properties kafka, MeterRegistry meters, Supplier<TeamDirectory> teams) throws IOException {
    WebhookServer server = new WebhookServer(settings, WebhookWriter.producer(kafka), meters, teams);
    server.start();
    return server;
  }

  /** For tests: writes with {@code producer} (a MockProducer), not started yet. */
  WebhookServer(WebhookSettings settings, Producer<byte[], byte[]> producer, MeterRegistry meters) throws IOException {
    this(settings, producer, meters, TeamDirectory::defaults);
  }

  private WebhookServer(
      WebhookSettings settings, Producer<byte[], byte[]> producer, MeterRegistry meters, Supplier<TeamDirectory> directory)
      throws IOException {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("webhooks need a GitHub or PagerDuty secret");
    }
    writer = new WebhookWriter(producer, WebhookWriter.ACK_TIMEOUT);
    server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "pmpulse-webhooks");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    if (settings.github() != null) {
      WebhookMetrics metrics = new WebhookMetrics(meters, "github");
      RepositoryTeams teams = new RepositoryTeamMap(settings.repositoryTeams(), directory);
      route(new WebhookReceiver(
          new GitHubWebhook(settings.github(), teams, settings.breakingLabel(), repo -> unassigned(repo, metrics)),
          writer, metrics, meters));
    }
    if (settings.pagerDuty() != null) {
      route(new WebhookReceiver(
          new PagerDutyWebhook(settings.pagerDuty()), writer, new WebhookMetrics(meters, "pagerduty"), meters));
    }
  }

  void start() {
    server.start();
    log.info("Webhooks on http://{}:{} {}", server.getAddress().getHostString(), port(), paths);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Where this server takes {@code source}'s deliveries, e.g. {@code .../webhooks/github}. */
  public URI endpoint(String source) {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + port() + "/webhooks/" + source);
  }

  private void route(WebhookReceiver receiver) {
    String path = "/webhooks/" + receiver.name();
    paths.add(path);
    server.createContext(path, ex -> {
      try (ex) {
        try {
          WebhookReceiver.Answer answer = answer(ex, path, receiver);
          send(ex, answer);
        } catch (RuntimeException e) {
          log.warn("Webhook {} failed", path, e);
          send(ex, WebhookReceiver.Answer.of(500, "error", "internal error"));
        }
      } catch (IOException e) {
        log.debug("Webhook {}: connection lost ({})", path, e.toString());
      }
    });
  }

  private static WebhookReceiver.Answer answer(HttpExchange ex, String path, WebhookReceiver receiver) throws IOException {
    if (!ex.getRequestURI().getPath().equals(path)) {
      return WebhookReceiver.Answer.of(404, "not-found", null);
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      return WebhookReceiver.Answer.of(405, "method-not-allowed", null);
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return WebhookReceiver.Answer.of(413, "too-large", "at most " + MAX_BODY_BYTES + " bytes");
    }
    Map<String, String> headers = new HashMap<>();
    ex.getRequestHeaders().forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
    return receiver.receive(new WebhookRequest(headers, body));
  }

  private static void send(HttpExchange ex, WebhookReceiver.Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void unassigned(String repository, WebhookMetrics metrics) {
    metrics.unassigned();
    if (warned.size() < UNASSIGNED_WARNINGS && warned.add(repository)) {
      log.warn("GitHub repository {} belongs to no team: its PRs count under team '{}' "
          + "(map it with --github-repository-team {}=TEAM)", repository, RepositoryTeams.UNASSIGNED, repository);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    writer.close();
  }
}
