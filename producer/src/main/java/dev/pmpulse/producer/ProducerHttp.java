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
import java.util.Map;
import java.util.function.Supplier;

/** The producer's HTTP endpoints, on the JDK's built-in server. */
final class ProducerHttp implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** What {@code /health} reports; {@code up} decides between 200 and 503. */
  record Health(boolean up, Map<String, Object> details) {}

  private final HttpServer server;

  ProducerHttp(String host, int port, PrometheusMeterRegistry registry, Supplier<Health> health) {
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
    registerControlEndpoints(server);
  }

  // ---- Control endpoints ------------------------------------------------------------------------
  // POST /scenarios/{name} (switch the running workload to a named scenario) belongs here; it comes
  // with the scenarios issue. Keep control routes in this method, apart from the read-only ones.
  private static void registerControlEndpoints(HttpServer server) {}
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
