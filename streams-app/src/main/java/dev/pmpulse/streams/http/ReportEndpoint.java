package dev.pmpulse.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.dailyupdate.DailyUpdateText;
import dev.pmpulse.streams.query.KeyAnswer;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.query.QueryableStore;
import dev.pmpulse.streams.query.StoreQueries;
import dev.pmpulse.streams.query.StoreUnavailableException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /report}: the latest end-of-day update, as Markdown ({@code text/markdown}) unless the
 * {@code Accept} header prefers {@code text/html}. The update lives in one partition; another
 * instance that holds it is asked over its JSON API.
 */
public final class ReportEndpoint {
  public static final String NO_UPDATE_YET =
      "No daily update yet: the first one is written once every KPI has reported past midnight UTC (event time).\n";

  private final StoreQueries queries;
  private final QueryableStore store;
  private final Peers peers;

  public ReportEndpoint(StoreQueries queries) {
    this(queries, KpiViews.DAILY_UPDATE.queryable());
  }

  ReportEndpoint(StoreQueries queries, QueryableStore store) {
    this.queries = queries;
    this.store = store;
    this.peers = new Peers(queries.self());
  }

  public void register(HttpApi http) {
    http.route("/report", HttpApi.get(this::handle));
  }

  /**
   * The latest update, wherever it is held; empty before the first day is written.
   *
   * @throws StoreUnavailableException while it cannot be read (starting, rebalancing)
   */
  public Optional<DailyUpdate> latest() throws IOException {
    KeyAnswer answer = queries.get(store, KpiViews.LATEST);
    if (answer instanceof KeyAnswer.Found found) {
      return Optional.of(Json.MAPPER.convertValue(found.value(), DailyUpdate.class));
    }
    if (answer instanceof KeyAnswer.Elsewhere elsewhere) {
      Peers.Answer peer = peers.get(elsewhere.hostPort(), "/api/kpis/" + store.view() + "/" + KpiViews.LATEST);
      if (peer.status() == 404) {
        return Optional.empty();
      }
      if (peer.status() != 200) {
        throw new StoreUnavailableException("the instance holding the daily update answered " + peer.status());
      }
      JsonNode value = Json.MAPPER.readTree(peer.body()).get("value");
      return Optional.of(Json.MAPPER.treeToValue(value, DailyUpdate.class));
    }
    return Optional.empty();
  }

  private void handle(HttpExchange ex) throws IOException {
    boolean html = prefersHtml(ex.getRequestHeaders().getFirst("Accept"));
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("Vary", "Accept");
    ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    String type = html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8";
    Optional<DailyUpdate> update;
    try {
      update = latest();
    } catch (StoreUnavailableException | IOException e) {
      ex.getResponseHeaders().set("Retry-After", QueryEndpoints.RETRY_AFTER_SECONDS);
      HttpApi.send(ex, 503, "text/plain; charset=utf-8", "The daily update cannot be read right now; retry.\n");
      return;
    }
    if (update.isEmpty()) {
      HttpApi.send(ex, 404, "text/plain; charset=utf-8", NO_UPDATE_YET);
      return;
    }
    HttpApi.send(ex, 200, type, html ? DailyUpdateText.html(update.get()) : DailyUpdateText.markdown(update.get()));
  }

  /** True when {@code text/html} has a higher quality than {@code text/markdown} (Markdown wins ties). */
  static boolean prefersHtml(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    return quality(accept, "text/html") > quality(accept, "text/markdown");
  }

  /** The quality {@code accept} gives {@code type}: its most specific matching range wins. */
  static double quality(String accept, String type) {
    String major = type.substring(0, type.indexOf('/'));
    int bestSpecificity = -1;
    double q = 0;
    for (String part : accept.split(",")) {
      String[] params = part.trim().split(";");
      String range = params[0].trim().toLowerCase(Locale.ROOT);
      int specificity = range.equals(type) ? 2 : range.equals(major + "/*") ? 1 : range.equals("*/*") ? 0 : -1;
      if (specificity < 0 || specificity < bestSpecificity) {
        continue;
      }
      double partQ = 1;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.startsWith("q=")) {
          try {
            partQ = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            partQ = 0;
          }
        }
      }
      if (specificity > bestSpecificity || partQ > q) {
        q = partQ;
      }
      bestSpecificity = specificity;
    }
    return q;
  }
}
