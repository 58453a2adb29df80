package dev.pmpulse.streams.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The built-in dashboard: four files from the jar (its chart library: {@link ChartLibrary}) ({@code dashboard/}), no CDN, works offline.
 * Only the listed files are served, so no request path ever reaches the class loader.
 */
public final class DashboardPages {
  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
          "/charts.js", new String[] {"charts.js", "text/javascript; charset=utf-8"},
          "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

  private final Map<String, String> bodies;
  private final String contentSecurityPolicy;

  public DashboardPages(DashboardConfig config) {
    this.contentSecurityPolicy = config.contentSecurityPolicy();
    this.bodies =
        Map.of(
            "index.html", load("index.html"),
            "app.js", load("app.js"),
            "charts.js", load("charts.js"),
            "style.css", load("style.css"));
  }

  public void register(HttpApi http) {
    http.route(
        "/",
        HttpApi.getUnder(
            ex -> {
              String[] file = FILES.get(ex.getRequestURI().getPath());
              ex.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy);
              ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
              if (file == null) {
                HttpApi.send(ex, 404, "text/plain; charset=utf-8", "not found\n");
              } else {
                ex.getResponseHeaders().set("Cache-Control", "no-cache");
                HttpApi.send(ex, 200, file[1], bodies.get(file[0]));
              }
            }));
  }

  static String load(String name) {
    try (InputStream in = DashboardPages.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard/" + name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
