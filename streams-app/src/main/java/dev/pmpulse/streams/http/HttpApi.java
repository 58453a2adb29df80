package dev.pmpulse.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.pmpulse.events.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app's HTTP surface, on the JDK's own server: {@code /metrics} (Prometheus text),
 * {@code /health}. Binds to 127.0.0.1 unless told otherwise.
 */
public final class HttpApi {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final HttpServer server;
  private final ExecutorService executor;

  public HttpApi(String host, int port, PrometheusMeterRegistry meters, Supplier<KafkaStreams.State> state)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "pmpulse-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", get(ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape())));
    server.createContext(
        "/health",
        get(
            ex -> {
              KafkaStreams.State s = state.get();
              boolean up = s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
              send(ex, up ? 200 : 503, "application/json", Json.write(Map.of("status", up ? "UP" : "DOWN", "streams", s.name())));
            }));
  }

  /** Serves {@code handler} for every path under {@code prefix}; wrap it with {@link #get}. */
  public void route(String prefix, HttpHandler handler) {
    server.createContext(prefix, handler);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Wraps a handler: GET/HEAD only, exact path, and errors answered as 500 without stopping. */
  static HttpHandler get(HttpHandler handler) {
    return methodGuard(handler, true);
  }

  /** Like {@link #get} for every path under the handler's context. */
  static HttpHandler getUnder(HttpHandler handler) {
    return methodGuard(handler, false);
  }

  private static HttpHandler methodGuard(HttpHandler handler, boolean exactPath) {
    return ex -> {
      try (ex) {
        try {
          String path = ex.getRequestURI().getPath();
          if (exactPath && !path.equals(ex.getHttpContext().getPath())) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n");
          } else if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().add("Allow", "GET, HEAD");
            send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
          } else {
            handler.handle(ex);
          }
        } catch (RuntimeException e) {
          log.warn("HTTP {} failed", ex.getRequestURI(), e);
          if (ex.getResponseCode() == -1) {
            send(ex, 500, "application/json", "{\"error\":\"internal error\"}");
          }
        }
      } catch (IOException e) {
        log.warn("HTTP {} failed: {}", ex.getRequestURI(), e.toString());
      }
    };
  }

  static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
