package dev.pmpulse.demo.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.testing.EmbeddedBroker;
import dev.pmpulse.demo.testing.HeadlessChromium;
import dev.pmpulse.events.Json;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.WorkloadProducer;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in dashboard as a user sees it: broker, streams app and producer in this JVM with the
 * demo's defaults (four weeks of PR and escalation history, then live from a Monday at one
 * simulated hour per second, so midnights pass), the page loaded
 * by headless Chromium. Every tile must show a number and never NaN, undefined or null, and a trend
 * chart with its points; a screenshot lands in {@code target/dashboard.png}.
 */
class DashboardPageTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int SAMPLES_PER_MINUTE = 2;
  /** Simulated start: a Monday, as in the demo, after the demo's backfill. */
  private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

  /**
   * Views whose tiles may show "—" with "no data yet" while /api/kpis has no value for them. Empty:
   * the producer feeds every KPI (PR, escalation, latency and delivery workloads), so every tile
   * must show a number. A KPI whose workload is not produced yet goes here, with the reason.
   */
  private static final Set<String> VIEWS_NOT_FED_BY_THE_PRODUCER_YET = Set.of();

  private static final Pattern TILE =
      Pattern.compile("<article class=\"([^\"]*)\" id=\"tile-([a-z0-9-]+)\" data-view=\"([a-z0-9-]+)\">(.*?)</article>", Pattern.DOTALL);
  private static final Pattern VALUE = Pattern.compile("<div class=\"tile-value\">([^<]*)</div>");
  private static final Pattern ROLLOUT_ITEM =
      Pattern.compile("<ul id=\"rollouts\" class=\"feed\"><li class=\"(good|bad)\"><strong>[a-z0-9-]+ · (5|10|25|50|100)%</strong>");
  private static final Pattern HINT = Pattern.compile("<div class=\"tile-hint\"( hidden=\"\")?>([^<]*)</div>");
  private static final Pattern CHART = Pattern.compile("<div class=\"tile-chart[^\"]*\"[^>]*data-points=\"([0-9]+)\"[^>]*>(.*?)<div class=\"tile-legend", Pattern.DOTALL);

  /**
   * Points each tile's trend chart must show. The daily trends have the backfill's four weeks, of
   * which the chart shows 14 days: one point per day. A resolution median has a value from the
   * quarter's first resolution of its severity on, and P0s are rare: a week of them at least. Latency
   * and delivery samples start live (one simulated hour a second), so their hourly trends have a few
   * hours by the time the page is read.
   */
  private static final Map<String, Integer> CHART_POINTS =
      Map.of("review-mean", 14, "waiting", 14, "breaking", 14, "p0-median", 7, "p1-median", 7, "open-over", 14,
          "p99", 3, "delivery", 3, "burn", 3);

  @TempDir static Path temp;
  @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();
  private static PmPulseApp app;
  private static WorkloadProducer producer;
  private static final HttpClient http = HttpClient.newHttpClient();

  record Tile(String id, String view, String classes, String value, boolean hintShown, String hint, int chartPoints,
      boolean chartDrawn, String html) {}

  @BeforeAll
  static void startEverything() throws Exception {
    HeadlessChromium.assumeInstalledOrFailInCi();
    Properties kafka = broker.clientProperties();
    app = new PmPulseApp(new AppSettings(kafka, "dashboard-" + UUID.randomUUID(), temp.resolve("state"), "127.0.0.1", 0, true));
    app.start();
    await("the streams app to run", () -> app.state() == KafkaStreams.State.RUNNING);
    producer =
        new WorkloadProducer(
            ProducerSettings.defaults(kafka).withHttp("127.0.0.1", 0).withStart(START)
                // The demo's history: P0 and P1 escalations resolved in the weeks before START give
                // the median tiles a value (the quarter's, labelled so) before this week has one.
                .withBackfillDays(ProducerSettings.DEFAULT_BACKFILL_DAYS)
                // Few latency samples: the tiles need a p99 per cluster, not the full sample rate.
                .withSamples(SAMPLES_PER_MINUTE, SAMPLES_PER_MINUTE * 3));
    producer.start();
  }

  @AfterAll
  static void stopEverything() {
    for (AutoCloseable c : new AutoCloseable[] {producer, app}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          System.err.println("while stopping: " + e);
        }
      }
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + app.httpPort();
  }

  @Test
  void everyTileShowsANumberAndNoneShowsNaNUndefinedOrNull() throws Exception {
    // Every KPI view is queryable before the page is loaded.
    await("KPIs of every view on /api/kpis", () -> {
      JsonNode views = kpis();
      return views != null && views.at("/review-latency/all/last7Days/count").asLong() > 0
          && views.path("api-stability").size() > 0 && views.path("escalation-resolution").size() > 0
          && views.path("publish-latency").size() > 0 && views.path("delivery").size() > 0;
    });

    List<Tile> tiles = List.of();
    List<String> problems = List.of("not loaded yet");
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!problems.isEmpty() && System.nanoTime() < deadline) {
      JsonNode views = kpis();
      String dom = chromium("--dump-dom");
      tiles = tiles(dom);
      problems = new ArrayList<>(problems(tiles, views));
      // Rollout verdicts: the backfill's flags have soaked their stages by now.
      if (!ROLLOUT_ITEM.matcher(dom).find()) {
        problems.add("the rollouts feed lists no verdict");
      }
    }
    assertThat(problems).as("tiles: %s", tiles).isEmpty();
    assertThat(tiles).extracting(Tile::id)
        .containsExactly("review-mean", "waiting", "breaking", "p0-median", "p1-median", "open-over", "p99", "delivery", "burn");

    // Nothing about the broker is on the page.
    String dom = chromium("--dump-dom");
    assertThat(dom).doesNotContain(broker.bootstrapServers()).contains("as of 2026-11-2");

    Path png = Path.of("target", "dashboard.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium("--screenshot=" + png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(10_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void reportOfARecentDayInMarkdownAndHtml() throws Exception {
    // The backfill writes an update per day from 2026-10-26 on; live time starts Monday 2026-11-23.
    await("a daily update of the last days of the backfill or later", () -> {
      HttpResponse<String> r = get("/report", "text/markdown");
      return r.statusCode() == 200 && r.body().startsWith("# PM Pulse daily update, 2026-11-2");
    });

    HttpResponse<String> md = get("/report", "text/markdown");
    assertThat(md.headers().firstValue("Content-Type")).hasValue("text/markdown; charset=utf-8");
    assertThat(md.body()).startsWith("# PM Pulse daily update, 2026-11-2")
        .contains("## Status", "## Risks", "## Decisions", "- **PR review latency, mean (7 d, all teams)**: ");

    HttpResponse<String> html = get("/report", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(html.body()).contains("<h1>PM Pulse daily update, 2026-11-2", "<h2>Risks</h2>")
        .doesNotContain(broker.bootstrapServers());
    assertThat(app.latestDailyUpdateMarkdown()).startsWith("# PM Pulse daily update, 2026-11-2");
  }

  /** What is wrong with the tiles, given what /api/kpis says; empty when all is well. */
  static List<String> problems(List<Tile> tiles, JsonNode views) {
    List<String> problems = new ArrayList<>();
    if (tiles.isEmpty()) {
      problems.add("no tiles on the page");
    }
    for (Tile t : tiles) {
      for (String bad : List.of("NaN", "undefined", "null")) {
        if (t.html().contains(bad)) {
          problems.add(t.id() + " shows " + bad + ": " + t.html());
        }
      }
      boolean number = t.value().matches(".*[0-9].*");
      boolean viewHasData = views != null && views.path(t.view()).size() > 0;
      boolean mayBeEmpty =
          VIEWS_NOT_FED_BY_THE_PRODUCER_YET.contains(t.view()) && !viewHasData;
      if (mayBeEmpty) {
        if (!number && !(t.value().equals("—") && t.hintShown() && t.hint().contains("no data yet"))) {
          problems.add(t.id() + " has no data and should say so: " + t.html());
        }
      } else if (!number) {
        problems.add(t.id() + " shows no number although " + t.view() + " is fed: " + t.value());
      } else if (t.hintShown()) {
        problems.add(t.id() + " shows a number and still says '" + t.hint() + "'");
      }
      int points = CHART_POINTS.getOrDefault(t.id(), Integer.MAX_VALUE);
      if (t.chartPoints() < points || !t.chartDrawn()) {
        problems.add(t.id() + "'s trend chart has " + t.chartPoints() + " points (drawn: " + t.chartDrawn() + "), "
            + points + " expected");
      }
    }
    return problems;
  }

  static List<Tile> tiles(String dom) {
    List<Tile> tiles = new ArrayList<>();
    Matcher m = TILE.matcher(dom);
    while (m.find()) {
      String inner = m.group(4);
      Matcher value = VALUE.matcher(inner);
      Matcher hint = HINT.matcher(inner);
      boolean hasHint = hint.find();
      Matcher chart = CHART.matcher(inner);
      boolean hasChart = chart.find();
      tiles.add(new Tile(m.group(2), m.group(3), m.group(1), value.find() ? value.group(1).trim() : "",
          hasHint && hint.group(1) == null, hasHint ? hint.group(2) : "", hasChart ? Integer.parseInt(chart.group(1)) : -1,
          hasChart && chart.group(2).contains("<canvas"), m.group(0)));
    }
    return tiles;
  }

  private static JsonNode kpis() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/kpis", "application/json");
    return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).get("views") : null;
  }

  private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", accept).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Runs headless Chromium on the dashboard; returns what it printed on stdout. */
  private static String chromium(String action) throws IOException, InterruptedException {
    return HeadlessChromium.run(temp, action, base() + "/", "1280,900", 8000);
  }

  /** Polls {@code check} until it holds, failing with {@code what} after the deadline. */
  private static void await(String what, Callable<Boolean> check) {
    Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(check);
  }
}
