package dev.pmpulse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The built-in page's tiles (streams-app {@code dashboard/app.js}, {@code TILES}) and, for each,
 * whether an answer of {@code GET /api/kpis} gives it a value: the same view and fields the page's
 * {@code pick} and {@code value} read. A tile without a value shows "—" on the page.
 */
final class DashboardTiles {
  private DashboardTiles() {}

  /** Tile id (as on the page, {@code tile-<id>}) → whether the views give it a value. */
  static final Map<String, Predicate<JsonNode>> TILES = tiles();

  private static Map<String, Predicate<JsonNode>> tiles() {
    Map<String, Predicate<JsonNode>> t = new LinkedHashMap<>();
    // review-latency's "all" key: the 7-day mean once a PR was reviewed; the PRs waiting over target.
    t.put("review-mean", views -> {
      JsonNode all = views.path("review-latency").path("all");
      return all.path("last7Days").path("count").asLong(0) > 0 && all.path("last7Days").path("meanSeconds").isNumber();
    });
    t.put("waiting", views -> views.path("review-latency").path("all").path("waitingOverTarget").isNumber());
    // api-stability: the latest quarter's breaking count.
    t.put("breaking", views -> {
      JsonNode latest = null;
      for (JsonNode q : values(views.path("api-stability"))) {
        if (q.path("quarterStart").isTextual() && (latest == null || q.path("quarterStart").asText().compareTo(latest.path("quarterStart").asText()) > 0)) {
          latest = q;
        }
      }
      return latest != null && latest.path("total").path("breaking").isNumber();
    });
    t.put("p0-median", views -> resolved(views.path("escalation-resolution").path("P0")));
    t.put("p1-median", views -> resolved(views.path("escalation-resolution").path("P1")));
    // P0 and P1 open over 48 h: a value once either severity is there, each with its count.
    t.put("open-over", views -> {
      List<JsonNode> present = new ArrayList<>();
      for (String severity : List.of("P0", "P1")) {
        JsonNode k = views.path("escalation-resolution").path(severity);
        if (k.isObject()) {
          present.add(k);
        }
      }
      return !present.isEmpty() && present.stream().allMatch(k -> k.path("openOverTarget").isNumber());
    });
    t.put("p99", views -> values(views.path("publish-latency")).stream()
        .anyMatch(k -> k.path("p99Ms").isNumber() && k.path("sloMs").isNumber() && k.path("sloMs").asDouble() != 0));
    t.put("delivery", views -> values(views.path("delivery")).stream().anyMatch(k -> k.path("deliveryRatio").isNumber()));
    t.put("burn", views -> values(views.path("delivery")).stream().anyMatch(k -> k.path("burnRate1h").isNumber()));
    return Collections.unmodifiableMap(t);
  }

  /** This week's resolutions, or early in a week with none yet, the quarter's. */
  private static boolean resolved(JsonNode k) {
    for (String period : List.of("thisWeek", "thisQuarter")) {
      JsonNode p = k.path(period);
      if (p.path("count").asLong(0) > 0) {
        return p.path("p50Seconds").isNumber();
      }
    }
    return false;
  }

  private static List<JsonNode> values(JsonNode view) {
    List<JsonNode> out = new ArrayList<>();
    view.elements().forEachRemaining(v -> {
      if (v.isObject()) {
        out.add(v);
      }
    });
    return out;
  }

  /** The tiles that have a value in {@code views} (the {@code views} member of {@code /api/kpis}). */
  static List<String> filled(JsonNode views) {
    return TILES.entrySet().stream().filter(e -> e.getValue().test(views)).map(Map.Entry::getKey).toList();
  }
}
