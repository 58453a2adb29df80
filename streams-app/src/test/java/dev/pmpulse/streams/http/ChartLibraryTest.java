package dev.pmpulse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The chart library comes from the app itself, from its WebJar, and nothing else under /vendor/. */
class ChartLibraryTest {
  @Test
  void servesUplotFromItsWebJarAndNothingElse() throws Exception {
    HttpApi http = TwoInstances.newHttp();
    new ChartLibrary().register(http);
    http.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + http.port();
      HttpResponse<String> js = client.send(HttpRequest.newBuilder(URI.create(base + "/vendor/uplot.js")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(js.statusCode()).isEqualTo(200);
      assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
      assertThat(js.body()).startsWith("/*! https://github.com/leeoniya/uPlot").contains("var uPlot=");

      HttpResponse<String> css = client.send(HttpRequest.newBuilder(URI.create(base + "/vendor/uplot.css")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(css.statusCode()).isEqualTo(200);
      assertThat(css.body()).contains(".uplot");

      for (String other : new String[] {"/vendor/", "/vendor/uPlot.esm.js", "/vendor/../app.js", "/vendor/uplot.js.map"}) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + other)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(other).isEqualTo(404);
      }
    } finally {
      http.stop();
    }
  }
}
