package dev.pmpulse.streams.http;

import com.sun.net.httpserver.HttpExchange;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.inspect.ProcessorCatalog;
import dev.pmpulse.streams.inspect.RecordBrowser;
import dev.pmpulse.streams.inspect.StreamsRuntime;
import dev.pmpulse.streams.inspect.TopicStats;
import dev.pmpulse.streams.inspect.TopologyGraph;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /kafka} page: the running app's Kafka side beside the PM's page. Two files from the
 * jar, and a JSON API the page polls:
 *
 * <pre>
 * GET /api/kafka/config     whether the record browser is on; the demo's fault controls, if any
 * GET /api/kafka/topology   Topology#describe() with each node's class (static)
 * GET /api/kafka/status     state, threads and tasks, node rates, commits, instances
 * GET /api/kafka/topics     partitions, offsets, lag, cleanup policy, rate of every topic
 * GET /api/kafka/records?topic=T&amp;partition=P&amp;limit=N   the last records of a partition
 * </pre>
 *
 * Nothing here names a broker: the admin client's answers are reduced to topics and offsets.
 */
public final class KafkaPage {
  private static final Map<String, String[]> FILES = Map.of(
      "/kafka", new String[] {"kafka.html", "text/html; charset=utf-8"},
      "/kafka.js", new String[] {"kafka.js", "text/javascript; charset=utf-8"});

  /**
   * What the page shows besides Kafka's own answers.
   *
   * @param recordBrowser whether records may be shown ({@code --no-record-browser} turns it off)
   * @param faultControlUrl the demo's fault controls as the browser reaches them, or null
   */
  public record Settings(boolean recordBrowser, String faultControlUrl) {}

  private final Settings settings;
  private final TopologyGraph graph;
  private final StreamsRuntime runtime;
  private final TopicStats topics;
  private final RecordBrowser browser;
  private final Map<String, String> bodies = new HashMap<>();
  private final String topologyJson;

  /** @param browser null when the record browser is off */
  public KafkaPage(Settings settings, TopologyGraph graph, StreamsRuntime runtime, TopicStats topics, RecordBrowser browser) {
    this.settings = settings;
    this.graph = graph;
    this.runtime = runtime;
    this.topics = topics;
    this.browser = settings.recordBrowser() ? browser : null;
    FILES.values().forEach(f -> bodies.put(f[0], DashboardPages.load(f[0])));
    Map<String, Object> topology = new LinkedHashMap<>();
    topology.put("subTopologies", graph.subTopologies());
    Map<String, String> areas = new LinkedHashMap<>();
    Arrays.stream(ProcessorCatalog.Area.values()).forEach(a -> areas.put(a.name(), a.label()));
    topology.put("areas", areas);
    this.topologyJson = Json.write(topology);
  }

  public void register(HttpApi http) {
    http.route("/kafka", HttpApi.getUnder(this::page));
    http.route("/api/kafka/", HttpApi.getUnder(this::api));
  }

  /**
   * Everything from this origin only, plus the demo's fault controls when there are any: the page
   * posts to them and polls their progress.
   */
  String contentSecurityPolicy() {
    String csp = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    if (settings.faultControlUrl() == null) {
      return csp;
    }
    URI u = URI.create(settings.faultControlUrl());
    return csp + "; connect-src 'self' " + u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
  }

  private void page(HttpExchange ex) throws IOException {
    String[] file = FILES.get(ex.getRequestURI().getPath());
    ex.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy());
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    if (file == null) {
      HttpApi.send(ex, 404, "text/plain; charset=utf-8", "not found\n");
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    HttpApi.send(ex, 200, file[1], bodies.get(file[0]));
  }

  private void api(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().substring("/api/kafka/".length());
    switch (path) {
      case "config" -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recordBrowser", browser != null);
        body.put("faultControlUrl", settings.faultControlUrl());
        body.put("recordBrowserReads", RecordBrowser.describe());
        json(ex, 200, body);
      }
      case "topology" -> send(ex, 200, topologyJson);
      case "status" -> json(ex, 200, runtime.status());
      case "topics" -> json(ex, 200, topics.snapshot());
      case "records" -> records(ex);
      default -> json(ex, 404, Map.of("error", "no such endpoint"));
    }
  }

  private void records(HttpExchange ex) throws IOException {
    if (browser == null) {
      json(ex, 404, Map.of("error", "the record browser is off (--no-record-browser)"));
      return;
    }
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    String topic = query.get("topic");
    Optional<TopicStats.Topic> known = topics.snapshot().topics().stream().filter(t -> t.name().equals(topic)).findFirst();
    if (known.isEmpty()) {
      json(ex, 404, Map.of("error", "not one of the app's topics: " + topic));
      return;
    }
    int partition;
    int limit;
    try {
      partition = Integer.parseInt(query.getOrDefault("partition", "0"));
      limit = Integer.parseInt(query.getOrDefault("limit", "20"));
    } catch (NumberFormatException e) {
      json(ex, 400, Map.of("error", "partition and limit are numbers"));
      return;
    }
    if (partition < 0 || partition >= known.get().partitions()) {
      json(ex, 400, Map.of("error", topic + " has partitions 0 to " + (known.get().partitions() - 1)));
      return;
    }
    try {
      json(ex, 200, browser.last(topic, partition, limit));
    } catch (RecordBrowser.Unavailable e) {
      ex.getResponseHeaders().set("Retry-After", QueryEndpoints.RETRY_AFTER_SECONDS);
      json(ex, 503, Map.of("error", e.getMessage()));
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, Json.write(body));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    HttpApi.send(ex, status, "application/json", body);
  }
}
