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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Time to a full dashboard: what {@code ./run-demo} starts (embedded broker, topics, streams app,
 * workload producer with its backfill), in a new JVM with the options {@code ./run-demo} gives its
 * own ({@link #demoJavaOptions}), and the streams app's {@code GET /api/kpis} read every 100 ms until
 * every tile of the built-in page has a value ({@link DashboardTiles}). Times are from that JVM's
 * start, as a user of {@code ./run-demo} counts them; the page itself adds up to its polling
 * interval while it fills (500 ms) on top.
 */
final class DashboardRun {
  static final Duration POLL = Duration.ofMillis(100);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

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

  /** The child JVM's last line: its result, as JSON. */
  private static final String RESULT = "DASHBOARD-RESULT ";

  /** The child JVM: one run, its progress on stdout, then its result. */
  public static void main(String[] args) throws Exception {
    Result result = run(Duration.ofMinutes(3));
    System.out.println(RESULT + Json.MAPPER.writeValueAsString(result));
    System.exit(0); // the demo's non-daemon threads are closed; nothing else is to wait for
  }

  /** {@code ./run-demo}'s JVM options when {@code DEMO_JAVA_OPTS} is unset (a test holds the two equal). */
  static final String DEMO_JAVA_OPTS_DEFAULT = "-XX:TieredStopAtLevel=1 -Xmx512m";

  /**
   * {@code ./run-demo}'s JVM options: its default ({@code -XX:TieredStopAtLevel=1 -Xmx512m}: the C1
   * compiler only, which competes less with the demo's own start for two cores than C2 does) or
   * {@code DEMO_JAVA_OPTS}, as {@code ./run-demo} reads them.
   */
  static List<String> demoJavaOptions(Map<String, String> env) {
    // As the shell's ${DEMO_JAVA_OPTS:-...}: unset or empty both mean the default.
    String options = env.getOrDefault("DEMO_JAVA_OPTS", "");
    if (options.isBlank()) {
      options = DEMO_JAVA_OPTS_DEFAULT;
    }
    return Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
  }

  /** One run in a new JVM, as {@code ./run-demo} starts it; its progress lines go to stdout. */
  static Result inNewJvm(Duration timeout) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(demoJavaOptions(System.getenv()));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DashboardRun.class.getName()));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Result result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(RESULT)) {
          result = Json.MAPPER.readValue(line.substring(RESULT.length()), Result.class);
        } else {
          System.out.println(line);
        }
      }
    }
    if (!child.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    if (result == null) {
      throw new IllegalStateException("the dashboard run's JVM ended without a result (exit " + child.exitValue() + ")");
    }
    return result;
  }

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
      long nextProgress = 0;
      while (tiles.size() < DashboardTiles.TILES.size() && System.nanoTime() < deadline) {
        if (System.nanoTime() >= nextProgress) {
          // Where the time goes: the producer's events against what the app has processed.
          System.out.printf(Locale.ROOT, "    %5.1f s: app %s, %,d events sent (%s), %,d records processed, %d of %d tiles%n",
              since(jvmStart, Instant.now()), demo.app().state(), demo.producer().eventsSent(),
              demo.producer().isLive() ? "live" : "backfill", demo.app().recordsProcessed(), tiles.size(), DashboardTiles.TILES.size());
          nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        }
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
