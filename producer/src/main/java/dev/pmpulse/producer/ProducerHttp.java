package dev.pmpulse.producer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pmpulse.events.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The producer's HTTP endpoints, on the JDK's built-in server. */
final class ProducerHttp implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json";

  /** What {@code /health} reports; {@code up} decides between 200 and 503. */
  record Health(boolean up, Map<String, Object> details) {}

  /** What the scenario endpoints act on. */
  interface ScenarioControl {
    ScenarioState active();

    /** Switches the workload; empty when it has not taken the switch within a short wait. */
    Optional<ScenarioState> switchTo(Scenario scenario) throws InterruptedException;
  }

  static final String SCENARIOS = "/scenarios";

  private final HttpServer server;

  ProducerHttp(
      String host, int port, PrometheusMeterRegistry registry, Supplier<Health> health, ScenarioControl scenarios) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("--http-port: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/metrics", exchange -> {
      if (allowGet(exchange)) {
        respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
      }
    });
    server.createContext("/health", exchange -> {
      if (allowGet(exchange)) {
        Health h = health.get();
        respond(exchange, h.up() ? 200 : 503, "application/json", Json.write(h.details()));
      }
    });
    registerControlEndpoints(server, scenarios);
  }

  // ---- Control endpoints ------------------------------------------------------------------------
  // GET /scenarios lists the scenarios and the active one; POST /scenarios/{name} switches to one.
  // The dashboard page of the streams app (another origin) calls them from the browser, so they
  // answer CORS preflights and allow any origin: they switch a synthetic workload, nothing secret.
  private static void registerControlEndpoints(HttpServer server, ScenarioControl scenarios) {
    server.createContext(SCENARIOS, exchange -> {
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String name = path.length() > SCENARIOS.length() + 1 ? path.substring(SCENARIOS.length() + 1) : "";
      boolean list = name.isEmpty();
      String allowed = list ? "GET, HEAD, OPTIONS" : "POST, OPTIONS";
      if (method.equals("OPTIONS")) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Methods", allowed);
        exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
        exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
        exchange.getResponseHeaders().set("Allow", allowed);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      } else if (list && (method.equals("GET") || method.equals("HEAD"))) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", describe(scenarios.active()));
        body.put("scenarios", java.util.Arrays.stream(Scenario.values())
            .map(s -> Map.of("name", s.label(), "description", s.description())).toList());
        respond(exchange, 200, JSON, Json.write(body));
      } else if (!list && method.equals("POST")) {
        switchScenario(exchange, name, scenarios);
      } else {
        exchange.getResponseHeaders().set("Allow", allowed);
        respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
      }
    });
  }

  private static void switchScenario(HttpExchange exchange, String name, ScenarioControl scenarios)
      throws IOException {
    Optional<Scenario> scenario = Scenario.byLabel(name);
    if (scenario.isEmpty()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "unknown scenario '" + name + "'");
      body.put("scenarios", Scenario.labels());
      respond(exchange, 404, JSON, Json.write(body));
      return;
    }
    try {
      Optional<ScenarioState> applied = scenarios.switchTo(scenario.get());
      if (applied.isPresent()) {
        respond(exchange, 200, JSON, Json.write(describe(applied.get())));
      } else {
        // Accepted but not yet applied: the workload is busy (for instance blocked on Kafka).
        respond(exchange, 202, JSON, Json.write(Map.of("scenario", name, "pending", true)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 503, JSON, Json.write(Map.of("error", "interrupted")));
    }
  }

  private static Map<String, Object> describe(ScenarioState state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", state.scenario().label());
    m.put("since", state.since().toString());
    m.put("description", state.scenario().description());
    return m;
  }
  // -----------------------------------------------------------------------------------------------

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }
}
