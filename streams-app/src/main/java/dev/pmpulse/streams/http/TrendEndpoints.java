package dev.pmpulse.streams.http;

import com.sun.net.httpserver.HttpExchange;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.query.BucketValue;
import dev.pmpulse.streams.query.KeyAnswer;
import dev.pmpulse.streams.query.LocalEntries;
import dev.pmpulse.streams.query.StoreQueries;
import dev.pmpulse.streams.query.StoreUnavailableException;
import dev.pmpulse.streams.trends.KpiTrend;
import dev.pmpulse.streams.trends.KpiTrends;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KPI trends as JSON: per key, the view's value at the end of each day or hour of event time,
 * oldest first ({@link KpiTrends}). Like {@link QueryEndpoints}, a key held by another instance is
 * fetched from it and every key is gathered from every instance.
 *
 * <pre>
 * GET /api/trends/{view}?days=14         every key's trend
 * GET /api/trends/{view}/{key}?days=14   one key's trend
 * </pre>
 *
 * <p>{@code days} (1 to the retention, 14 if absent) counts back from the newest bucket of the
 * answer (of the key, or of every key), not from the wall clock: the app works in event time.
 */
public final class TrendEndpoints {
  public static final int DEFAULT_DAYS = 14;
  static final int MAX_DAYS = (int) KpiTrends.RETENTION.toDays();

  private final StoreQueries queries;
  private final List<KpiTrend<?>> trends;
  private final Peers peers;

  public TrendEndpoints(StoreQueries queries, List<KpiTrend<?>> trends) {
    this.queries = queries;
    this.trends = List.copyOf(trends);
    this.peers = new Peers(queries.self());
  }

  public void register(HttpApi http) {
    http.route("/api/trends/", HttpApi.getUnder(this::handle));
  }

  /** One instance's share of a trend's keys, as {@code ?scope=local} answers it. */
  record LocalShare(Map<String, List<BucketValue>> keys, TreeSet<Integer> partitions, List<String> missing) {}

  private void handle(HttpExchange ex) throws IOException {
    List<String> path;
    try {
      path = QueryEndpoints.segments(ex.getRequestURI().getRawPath().substring("/api/trends/".length()));
    } catch (IllegalArgumentException e) {
      QueryEndpoints.sendJson(ex, 400, Map.of("error", "bad percent-encoding in path"));
      return;
    }
    Optional<KpiTrend<?>> trend = trends.stream().filter(t -> t.name().equals(path.get(0))).findFirst();
    if (path.size() > 2) {
      QueryEndpoints.sendJson(ex, 404, Map.of("error", "expected /api/trends/{view} or /api/trends/{view}/{key}"));
      return;
    }
    if (trend.isEmpty()) {
      QueryEndpoints.sendJson(ex, 404, Map.of("error", "unknown trend", "trends", trends.stream().map(KpiTrend::name).toList()));
      return;
    }
    String rawQuery = ex.getRequestURI().getRawQuery();
    Optional<Integer> days = days(parameter(rawQuery, "days"));
    if (days.isEmpty()) {
      QueryEndpoints.sendJson(ex, 400, Map.of("error", "days must be a whole number from 1 to " + MAX_DAYS));
      return;
    }
    try {
      if (path.size() == 2) {
        key(ex, trend.get(), path.get(1), days.get());
      } else if (QueryEndpoints.forwarded(ex) || "local".equals(parameter(rawQuery, "scope"))) {
        LocalShare share = local(trend.get(), days.get());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("servedBy", queries.self());
        body.put("keys", share.keys());
        body.put("partitions", share.partitions());
        body.put("missing", share.missing());
        QueryEndpoints.sendJson(ex, 200, body);
      } else {
        allKeys(ex, trend.get(), days.get());
      }
    } catch (StoreUnavailableException e) {
      QueryEndpoints.unavailable(ex, e.getMessage());
    }
  }

  private void key(HttpExchange ex, KpiTrend<?> trend, String key, int days) throws IOException {
    KeyAnswer answer = queries.buckets(trend.queryable(), key);
    if (answer instanceof KeyAnswer.Found found) {
      @SuppressWarnings("unchecked") // StoreQueries.buckets answers with a list of buckets
      List<BucketValue> points = (List<BucketValue>) found.value();
      Map<String, Object> body = head(trend, days);
      body.put("key", key);
      body.put("servedBy", queries.self());
      body.put("points", lastDays(points, newest(List.of(points)), days));
      QueryEndpoints.sendJson(ex, 200, body);
    } else if (answer instanceof KeyAnswer.Missing) {
      QueryEndpoints.sendJson(ex, 404, Map.of("error", "not found", "view", trend.name(), "key", key));
    } else if (answer instanceof KeyAnswer.Elsewhere elsewhere) {
      if (QueryEndpoints.forwarded(ex)) {
        QueryEndpoints.unavailable(ex, "assignment is changing");
      } else {
        QueryEndpoints.forward(ex, peers, elsewhere.hostPort());
      }
    }
  }

  /** Every instance's share, cut to the days before the newest bucket of them all. */
  private void allKeys(HttpExchange ex, KpiTrend<?> trend, int days) throws IOException {
    Map<String, List<BucketValue>> keys = new TreeMap<>();
    TreeSet<Integer> partitions = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    List<LocalShare> shares = new ArrayList<>(List.of(local(trend, days)));
    Peers.Gathered others =
        peers.getFromOthers(queries, "/api/trends/" + trend.name() + "?days=" + days + "&" + QueryEndpoints.LOCAL_SCOPE);
    missing.addAll(others.missing());
    for (String body : others.bodies().values()) {
      shares.add(Json.MAPPER.readValue(body, LocalShare.class));
    }
    for (LocalShare share : shares) {
      // A key is held by one partition, so shares never overlap.
      share.keys().forEach(keys::putIfAbsent);
      partitions.addAll(share.partitions());
      missing.addAll(share.missing());
    }
    int total = trend.queryable().partitions();
    if (partitions.size() < total) {
      missing.add(trend.name() + ": " + (total - partitions.size()) + " of " + total + " partitions not answered");
    }
    if (partitions.isEmpty()) {
      QueryEndpoints.unavailable(ex, String.join("; ", missing));
      return;
    }
    Instant newest = newest(keys.values());
    keys.replaceAll((key, points) -> lastDays(points, newest, days));
    keys.values().removeIf(List::isEmpty);
    Map<String, Object> body = head(trend, days);
    body.put("keys", keys);
    body.put("complete", missing.isEmpty());
    body.put("missing", missing);
    body.put("instances", others.instances());
    QueryEndpoints.sendJson(ex, 200, body);
  }

  private LocalShare local(KpiTrend<?> trend, int days) {
    try {
      LocalEntries entries = queries.localBuckets(trend.queryable());
      Map<String, List<BucketValue>> keys = new TreeMap<>();
      entries.entries().forEach((key, points) -> {
        @SuppressWarnings("unchecked") // StoreQueries.localBuckets answers with lists of buckets
        List<BucketValue> list = (List<BucketValue>) points;
        keys.put(key, list);
      });
      Instant newest = newest(keys.values());
      keys.replaceAll((key, points) -> lastDays(points, newest, days));
      return new LocalShare(keys, new TreeSet<>(entries.partitions()), List.of());
    } catch (StoreUnavailableException e) {
      return new LocalShare(Map.of(), new TreeSet<>(), List.of(queries.self() + ": " + e.getMessage()));
    }
  }

  private static Map<String, Object> head(KpiTrend<?> trend, int days) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("view", trend.name());
    body.put("bucket", trend.bucket().toString());
    body.put("days", days);
    return body;
  }

  /** The newest bucket start of any list; null when all are empty. */
  static Instant newest(Iterable<List<BucketValue>> lists) {
    Instant newest = null;
    for (List<BucketValue> points : lists) {
      for (BucketValue p : points) {
        if (newest == null || p.bucket().isAfter(newest)) {
          newest = p.bucket();
        }
      }
    }
    return newest;
  }

  /** The buckets that start less than {@code days} days before {@code newest}, oldest first. */
  static List<BucketValue> lastDays(List<BucketValue> points, Instant newest, int days) {
    if (newest == null) {
      return List.of();
    }
    Instant after = newest.minus(java.time.Duration.ofDays(days));
    return points.stream()
        .filter(p -> p.bucket().isAfter(after))
        .sorted((a, b) -> a.bucket().compareTo(b.bucket()))
        .toList();
  }

  /** {@code days} as asked; empty when it is not a whole number from 1 to the retention. */
  static Optional<Integer> days(String raw) {
    if (raw == null) {
      return Optional.of(DEFAULT_DAYS);
    }
    if (!raw.matches("[0-9]{1,3}")) {
      return Optional.empty();
    }
    int days = Integer.parseInt(raw);
    return days >= 1 && days <= MAX_DAYS ? Optional.of(days) : Optional.empty();
  }

  /** The first value of {@code name} in a raw query string; null if absent. */
  static String parameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }
}
