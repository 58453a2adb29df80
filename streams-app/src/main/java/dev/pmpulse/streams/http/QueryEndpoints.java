package dev.pmpulse.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.streams.query.KeyAnswer;
import dev.pmpulse.streams.query.LocalEntries;
import dev.pmpulse.streams.query.QueryableStore;
import dev.pmpulse.streams.query.StoreQueries;
import dev.pmpulse.streams.query.StoreUnavailableException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON API over the state stores, {@code /api/...}. A key held by another instance is fetched
 * from that instance; the all-keys view is gathered from every instance.
 *
 * <pre>
 * GET /api/kpis                      every KPI view, all keys, from every instance
 * GET /api/kpis/{view}/{key}         one value
 * GET /api/prs/{owner}/{name}/{n}    one PR's review state (or /api/prs/{owner%2Fname}/{n})
 * GET /api/instances                 the app's instances and the stores each serves
 * GET /api/config                    what the dashboard page needs
 * </pre>
 *
 * <p>The KPI trends, {@code /api/trends/...}, are answered by {@link TrendEndpoints}.
 */
public final class QueryEndpoints {
  static final String RETRY_AFTER_SECONDS = "1";
  private static final String JSON = "application/json";
  static final String LOCAL_SCOPE = "scope=local";

  private final StoreQueries queries;
  private final List<QueryableStore> views;
  private final QueryableStore prs;
  private final DashboardConfig config;
  private final Peers peers;

  public QueryEndpoints(StoreQueries queries, List<QueryableStore> views, QueryableStore prs, DashboardConfig config) {
    this.queries = queries;
    this.views = List.copyOf(views);
    this.prs = prs;
    this.config = config;
    this.peers = new Peers(queries.self());
  }

  public void register(HttpApi http) {
    http.route("/api/", HttpApi.getUnder(this::handle));
  }

  private void handle(HttpExchange ex) throws IOException {
    List<String> path;
    try {
      path = segments(ex.getRequestURI().getRawPath().substring("/api/".length()));
    } catch (IllegalArgumentException e) {
      sendJson(ex, 400, Map.of("error", "bad percent-encoding in path"));
      return;
    }
    String first = path.get(0);
    try {
      if (first.equals("kpis") && path.size() == 1) {
        allKpis(ex);
      } else if (first.equals("kpis") && path.size() == 3) {
        Optional<QueryableStore> view = views.stream().filter(v -> v.view().equals(path.get(1))).findFirst();
        if (view.isEmpty()) {
          sendJson(ex, 404, Map.of("error", "unknown view", "views", views.stream().map(QueryableStore::view).toList()));
        } else {
          key(ex, view.get(), path.get(2));
        }
      } else if (first.equals("prs") && (path.size() == 3 || path.size() == 4)) {
        String repo = String.join("/", path.subList(1, path.size() - 1));
        String number = path.get(path.size() - 1);
        if (!number.matches("[0-9]{1,9}") || !repo.contains("/")) {
          sendJson(ex, 404, Map.of("error", "expected /api/prs/{owner}/{name}/{number}"));
        } else {
          key(ex, prs, PrEvent.key(repo, Integer.parseInt(number)));
        }
      } else if (first.equals("instances") && path.size() == 1) {
        sendJson(ex, 200, Map.of("self", queries.self(), "instances", queries.instances()));
      } else if (first.equals("config") && path.size() == 1) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("producerUrl", config.producerUrl());
        body.put("scenarios", config.producerUrl() == null ? List.of() : config.scenarios());
        body.put("views", views.stream().map(QueryableStore::view).toList());
        sendJson(ex, 200, body);
      } else {
        sendJson(ex, 404, Map.of("error", "no such endpoint"));
      }
    } catch (StoreUnavailableException e) {
      unavailable(ex, e.getMessage());
    }
  }

  private void key(HttpExchange ex, QueryableStore store, String key) throws IOException {
    KeyAnswer answer = queries.get(store, key);
    if (answer instanceof KeyAnswer.Found found) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("view", store.view());
      body.put("key", key);
      body.put("servedBy", queries.self());
      body.put("value", found.value());
      sendJson(ex, 200, body);
    } else if (answer instanceof KeyAnswer.Missing) {
      sendJson(ex, 404, Map.of("error", "not found", "view", store.view(), "key", key));
    } else if (answer instanceof KeyAnswer.Elsewhere elsewhere) {
      if (forwarded(ex)) {
        // The sender thought we hold the key and we think it does: the assignment is moving.
        unavailable(ex, "assignment is changing");
        return;
      }
      forward(ex, peers, elsewhere.hostPort());
    }
  }

  /** Answers with what the instance at {@code hostPort} answers to the same path and query. */
  static void forward(HttpExchange ex, Peers peers, String hostPort) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    Peers.Answer peer;
    try {
      peer = peers.get(hostPort, ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
    } catch (IOException e) {
      unavailable(ex, "the instance holding this key did not answer");
      return;
    }
    ex.getResponseHeaders().set(Peers.FORWARDED_TO, hostPort);
    peer.retryAfter().ifPresent(r -> ex.getResponseHeaders().set("Retry-After", r));
    send(ex, peer.status(), peer.body());
  }

  /** Local share when asked by another instance; otherwise gathered from every instance. */
  private void allKpis(HttpExchange ex) throws IOException {
    Gathered all = new Gathered();
    all.add(queries.self(), local());
    boolean localOnly = forwarded(ex) || LOCAL_SCOPE.equals(ex.getRequestURI().getRawQuery());
    if (localOnly) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("servedBy", queries.self());
      body.put("views", all.views);
      body.put("partitions", all.partitions);
      body.put("missing", all.missing);
      sendJson(ex, 200, body);
      return;
    }
    Peers.Gathered others = peers.getFromOthers(queries, "/api/kpis?" + LOCAL_SCOPE);
    all.missing.addAll(others.missing());
    for (Map.Entry<String, String> share : others.bodies().entrySet()) {
      all.add(share.getKey(), Json.MAPPER.readValue(share.getValue(), LocalShare.class));
    }
    List<String> instances = others.instances();
    for (QueryableStore view : views) {
      int held = all.partitions.getOrDefault(view.view(), new TreeSet<>()).size();
      if (held < view.partitions()) {
        all.missing.add(view.view() + ": " + (view.partitions() - held) + " of " + view.partitions() + " partitions not answered");
      }
    }
    if (all.partitions.values().stream().allMatch(TreeSet::isEmpty) && !all.missing.isEmpty()) {
      unavailable(ex, String.join("; ", all.missing));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("views", all.views);
    body.put("complete", all.missing.isEmpty());
    body.put("missing", all.missing);
    body.put("instances", instances);
    sendJson(ex, 200, body);
  }

  private LocalShare local() {
    Map<String, Map<String, Object>> values = new TreeMap<>();
    Map<String, TreeSet<Integer>> partitions = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (QueryableStore view : views) {
      try {
        LocalEntries entries = queries.local(view);
        values.put(view.view(), new TreeMap<>(entries.entries()));
        partitions.put(view.view(), new TreeSet<>(entries.partitions()));
      } catch (StoreUnavailableException e) {
        missing.add(queries.self() + ": " + e.getMessage());
      }
    }
    return new LocalShare(Json.MAPPER.valueToTree(values), partitions, missing);
  }

  /** One instance's share of the KPI views, as {@code /api/kpis?scope=local} answers it. */
  record LocalShare(JsonNode views, Map<String, TreeSet<Integer>> partitions, List<String> missing) {}

  /** Shares merged: a key is held by one partition, so later shares never overwrite earlier ones. */
  private static final class Gathered {
    final Map<String, Map<String, JsonNode>> views = new TreeMap<>();
    final Map<String, TreeSet<Integer>> partitions = new TreeMap<>();
    final List<String> missing = new ArrayList<>();

    void add(String from, LocalShare share) {
      if (share.views() != null) {
        for (Map.Entry<String, JsonNode> view : share.views().properties()) {
          Map<String, JsonNode> into = views.computeIfAbsent(view.getKey(), k -> new TreeMap<>());
          view.getValue().properties().forEach(kv -> into.putIfAbsent(kv.getKey(), kv.getValue()));
        }
      }
      if (share.partitions() != null) {
        share.partitions().forEach((view, ps) -> partitions.computeIfAbsent(view, k -> new TreeSet<>()).addAll(ps));
      }
      if (share.missing() != null) {
        missing.addAll(share.missing());
      }
    }
  }

  static boolean forwarded(HttpExchange ex) {
    return ex.getRequestHeaders().containsKey(Peers.FORWARDED_BY);
  }

  static void unavailable(HttpExchange ex, String reason) throws IOException {
    ex.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
    sendJson(ex, 503, Map.of("error", "not queryable right now, retry", "reason", reason));
  }

  static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, Json.write(body));
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    HttpApi.send(ex, status, JSON, body);
  }

  /** Path segments, percent-decoded one by one so that {@code %2F} stays inside its segment. */
  static List<String> segments(String rawPath) {
    String trimmed = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    return Arrays.stream(trimmed.split("/", -1))
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }
}
