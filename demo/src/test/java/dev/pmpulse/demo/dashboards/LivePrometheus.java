package dev.pmpulse.demo.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmpulse.demo.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Prometheus process running the repository's config and rules, with the compose targets
 * rewritten to local ports and every interval at 1 s. Binds to 127.0.0.1 only.
 */
final class LivePrometheus implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Process process;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LivePrometheus(Path dir, Process process, URI base) {
    this.dir = dir;
    this.process = process;
    this.base = base;
  }

  /** Starts Prometheus scraping the streams app and the producer on these local ports. */
  static LivePrometheus start(Path prometheusBinary, int streamsAppPort, int producerPort) throws IOException {
    Path source = ExternalTools.repoRoot().resolve("dashboards/prometheus");
    Path dir = Files.createTempDirectory("pmpulse-prometheus");
    copyTree(source.resolve("rules"), dir.resolve("rules"));
    String config = Files.readString(source.resolve("prometheus.yml"));
    String rewritten = config
        .replace("\"streams-app:8080\"", "\"127.0.0.1:" + streamsAppPort + "\"")
        .replace("\"producer:8081\"", "\"127.0.0.1:" + producerPort + "\"")
        .replaceAll("(scrape_interval|evaluation_interval): \\S+", "$1: 1s");
    if (rewritten.equals(config) || !rewritten.contains("127.0.0.1:" + streamsAppPort) || !rewritten.contains("127.0.0.1:" + producerPort)) {
      throw new IllegalStateException("prometheus.yml no longer has the targets streams-app:8080 and producer:8081 to rewrite");
    }
    Files.writeString(dir.resolve("prometheus.yml"), rewritten);
    int port = freePort();
    Process process =
        new ProcessBuilder(
                prometheusBinary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    LivePrometheus prometheus = new LivePrometheus(dir, process, URI.create("http://127.0.0.1:" + port));
    prometheus.await(Duration.ofSeconds(30), "Prometheus ready", () -> prometheus.ready() ? Boolean.TRUE : null);
    return prometheus;
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + log());
    }
    try {
      return http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET an API path (with its query string already encoded) and return the parsed JSON. */
  JsonNode api(String pathAndQuery) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An instant query: {status, data: {resultType, result}} or {status: error, error}. */
  JsonNode query(String promql) {
    return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** Values of a label on the series of one metric, as Grafana's label_values(metric, label). */
  JsonNode labelValues(String metric, String label) {
    return api("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8));
  }

  /** Polls until the condition gives a value (not null), or fails with the last state at the deadline. */
  <T> T await(Duration timeout, String what, Supplier<T> condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T value = condition.get();
      if (value != null) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + timeout + ": " + what + "\nPrometheus log:\n" + log());
      }
      try {
        Thread.sleep(200); // poll interval, not a readiness guess: the loop checks the condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  String log() {
    try {
      String text = Files.readString(dir.resolve("prometheus.log"));
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
