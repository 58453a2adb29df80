package dev.pmpulse.streams.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's chart library, uPlot, served from its WebJar on the class path: no CDN, so the
 * page draws its trends offline too. Only the two listed files are served.
 *
 * <pre>
 * GET /vendor/uplot.js    the library (an IIFE defining uPlot)
 * GET /vendor/uplot.css   its style sheet
 * </pre>
 */
public final class ChartLibrary {
  private static final String WEBJAR = "org.webjars.npm/uplot";
  private static final Map<String, String[]> FILES =
      Map.of(
          "/vendor/uplot.js", new String[] {"uPlot.iife.min.js", "text/javascript; charset=utf-8"},
          "/vendor/uplot.css", new String[] {"uPlot.min.css", "text/css; charset=utf-8"});

  private final Map<String, String> bodies;

  public ChartLibrary() {
    String dist = "/META-INF/resources/webjars/uplot/" + version() + "/dist/";
    this.bodies =
        Map.of(
            "/vendor/uplot.js", load(dist + FILES.get("/vendor/uplot.js")[0]),
            "/vendor/uplot.css", load(dist + FILES.get("/vendor/uplot.css")[0]));
  }

  public void register(HttpApi http) {
    http.route(
        "/vendor/",
        HttpApi.getUnder(
            ex -> {
              String path = ex.getRequestURI().getPath();
              String[] file = FILES.get(path);
              if (file == null) {
                HttpApi.send(ex, 404, "text/plain; charset=utf-8", "not found\n");
              } else {
                ex.getResponseHeaders().set("Cache-Control", "no-cache");
                HttpApi.send(ex, 200, file[1], bodies.get(path));
              }
            }));
  }

  /** The WebJar's version, from its Maven metadata, so upgrading it is a change to the POM only. */
  private static String version() {
    Properties pom = new Properties();
    try (InputStream in = open("/META-INF/maven/" + WEBJAR + "/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static String load(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = ChartLibrary.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " missing from the class path (the uplot WebJar)");
    }
    return in;
  }
}
