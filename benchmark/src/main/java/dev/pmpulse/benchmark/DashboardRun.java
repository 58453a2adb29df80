package dev.pmpulse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.DemoRun;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.inspect.StateHistory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Time to a full dashboard: what {@code ./run-demo} starts (embedded broker, topics, streams app,
 * workload producer with its backfill), started in this JVM as the first thing it does, and the
 * streams app's {@code GET /api/kpis} read every 100 ms until every tile of the built-in page has a
 * value ({@link DashboardTiles}). Times are from the JVM's start, as a user of {@code ./run-demo}
 * counts them; the page itself adds up to its polling interval on top.
 */
final class DashboardRun {
  static final Duration POLL = Duration.ofMillis(100);

  /**
   * Seconds from the JVM's start to each step, and to each tile's first value.
   *
   * @param tiles tile id → seconds; a tile still without a value is absent
   */
  record Result(
      double brokerReady, double topicsCreated, double appsStarted, double appRunning, double backfillProduced,
      double firstAnswer, Map<String, Double> tiles, boolean complete) {
    /** Until the last tile had a value; NaN when some never had one. */
    double full() {
      return complete ? tiles.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN) : Double.NaN;
    }
  }

  private DashboardRun() {}

  static Result run(Duration timeout) throws Exception {
    Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try (DemoRun demo = new DemoRun(DemoRun.Options.defaultsOnFreePorts())) {
      demo.start();
      URI kpis = URI.create("http://127.0.0.1:" + demo.app().httpPort() + "/api/kpis");
      Map<String, Double> tiles = new LinkedHashMap<>();
      double backfill = Double.NaN;
      double firstAnswer = Double.NaN;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (tiles.size() < DashboardTiles.TILES.size() && System.nanoTime() < deadline) {
        if (Double.isNaN(backfill) && demo.producer().isLive()) {
          backfill = since(jvmStart, Instant.now());
        }
        HttpResponse<String> answer = http.send(
            HttpRequest.newBuilder(kpis).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        double at = since(jvmStart, Instant.now());
        if (answer.statusCode() == 200) {
          if (Double.isNaN(firstAnswer)) {
            firstAnswer = at;
          }
          JsonNode views = Json.MAPPER.readTree(answer.body()).path("views");
          for (String tile : DashboardTiles.filled(views)) {
            tiles.putIfAbsent(tile, at);
          }
        }
        Thread.sleep(POLL.toMillis()); // the page's reads, 10 a second: the condition is the API's answer
      }
      DemoRun.Steps steps = demo.steps();
      double running = demo.app().stateHistory().changes().stream()
          .filter(c -> c.to() == KafkaStreams.State.RUNNING)
          .map(StateHistory.Change::at)
          .findFirst()
          .map(at -> since(jvmStart, at))
          .orElse(Double.NaN);
      return new Result(
          since(jvmStart, steps.brokerReady()), since(jvmStart, steps.topicsCreated()), since(jvmStart, steps.appsStarted()),
          running, backfill, firstAnswer, tiles, tiles.size() == DashboardTiles.TILES.size());
    }
  }

  private static double since(Instant start, Instant at) {
    return at == null ? Double.NaN : Duration.between(start, at).toNanos() / 1e9;
  }
}
