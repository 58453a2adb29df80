package dev.pmpulse.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pmpulse.events.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's fault controls over HTTP, on 127.0.0.1, for the streams app's {@code /kafka} page:
 *
 * <pre>
 * GET  /faults                   the fault running or the last one, step by step
 * POST /faults/crash             crash every stream thread (KPIs compared before and after)
 * POST /faults/broker-restart    stop and start the embedded broker
 * POST /faults/bad-record        send a record the intake rejects; show its dead letter
 * </pre>
 *
 * A POST must carry the {@value #HEADER} header. A browser sends it only after asking this server
 * (a CORS preflight), which says yes to the streams app's own page only: another web site open in
 * the same browser cannot crash the demo. The status is readable from anywhere: it holds nothing
 * secret, and no broker address.
 */
final class FaultEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultEndpoint.class);
  static final String HEADER = "X-PmPulse-Fault";
  private static final String PATH = "/faults";

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ExecutorService drills = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pmpulse-demo-fault");
    t.setDaemon(true);
    return t;
  });
  private volatile FaultDrills faults;
  private final Supplier<Set<String>> allowedOrigins;

  /**
   * Binds now (so the port is known before the streams app starts); serves once {@link #start} is
   * given the drills.
   *
   * @param allowedOrigins the origins of the streams app's page, which may POST
   */
  FaultEndpoint(int port, Supplier<Set<String>> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("--fault-port: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    handlers = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "pmpulse-demo-fault-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(handlers);
    server.createContext(PATH, this::handle);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  void start(FaultDrills faults) {
    this.faults = faults;
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String name = path.length() > PATH.length() + 1 ? path.substring(PATH.length() + 1) : "";
      String method = ex.getRequestMethod();
      String origin = ex.getRequestHeaders().getFirst("Origin");
      boolean allowed = origin == null || allowedOrigins.get().contains(origin);
      if (name.isEmpty()) {
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (method.equals("GET") || method.equals("HEAD")) {
          send(ex, 200, status());
        } else {
          ex.getResponseHeaders().set("Allow", "GET, HEAD");
          send(ex, 405, Map.of("error", "method not allowed"));
        }
        return;
      }
      if (origin != null && allowed) {
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        ex.getResponseHeaders().set("Vary", "Origin");
      }
      if (method.equals("OPTIONS")) {
        if (!allowed) {
          send(ex, 403, Map.of("error", "only the streams app's /kafka page may start a fault"));
          return;
        }
        ex.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
        ex.getResponseHeaders().set("Access-Control-Allow-Headers", HEADER);
        ex.getResponseHeaders().set("Access-Control-Max-Age", "600");
        ex.sendResponseHeaders(204, -1);
        return;
      }
      if (!method.equals("POST")) {
        ex.getResponseHeaders().set("Allow", "POST, OPTIONS");
        send(ex, 405, Map.of("error", "method not allowed"));
        return;
      }
      if (!allowed || ex.getRequestHeaders().getFirst(HEADER) == null) {
        send(ex, 403, Map.of("error", "a fault is started from the /kafka page, or with the " + HEADER + " header"));
        return;
      }
      Optional<FaultDrills.Fault> fault = FaultDrills.Fault.named(name);
      if (fault.isEmpty()) {
        send(ex, 404, Map.of("error", "no fault '" + name + "'", "faults",
            List.of(FaultDrills.Fault.values()).stream().map(f -> f.name).toList()));
        return;
      }
      start(ex, fault.get());
    } catch (RuntimeException e) {
      log.warn("fault endpoint: {} failed", ex.getRequestURI(), e);
    }
  }

  private void start(HttpExchange ex, FaultDrills.Fault fault) throws IOException {
    if (fault == FaultDrills.Fault.BROKER_RESTART && !faults.brokerRestartAvailable()) {
      send(ex, 409, Map.of("error", "only the demo's own broker can be restarted"));
      return;
    }
    FaultReport running = faults.running();
    if (running != null) {
      send(ex, 409, Map.of("error", running.kind() + " is running; one fault at a time"));
      return;
    }
    drills.submit(() -> {
      try {
        faults.run(fault, text -> log.info("{}: {}", fault.name, text));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    send(ex, 202, Map.of("started", fault.name));
  }

  private Map<String, Object> status() {
    FaultReport running = faults.running();
    FaultReport latest = faults.latest();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("running", running == null ? null : running.kind());
    body.put("brokerRestart", faults.brokerRestartAvailable());
    body.put("faults", List.of(FaultDrills.Fault.values()).stream().map(f -> f.name).toList());
    body.put("readers", List.of(Map.of(
        "reader", "The demo's status line lag",
        "isolationLevel", "read_committed",
        "how", "admin listOffsets with the last stable offset, minus the committed offsets")));
    body.put("last", latest == null ? null : latest.toJson());
    return body;
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    drills.shutdownNow();
    handlers.shutdownNow();
  }
}
