package dev.pmpulse.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads metrics from a streams app's {@code /metrics} (Prometheus text format). */
final class AppMetrics {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private AppMetrics() {}

  /** {@code name{...topic="t"...} value} summed per topic, e.g. pmpulse_accepted_records_total. */
  static Map<String, Long> perTopic(int httpPort, String name) throws IOException, InterruptedException {
    String body = scrape(httpPort);
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Pattern topic = Pattern.compile("topic=\"([^\"]*)\"");
    Map<String, Long> out = new TreeMap<>();
    Matcher m = line.matcher(body);
    while (m.find()) {
      Matcher t = topic.matcher(m.group(1));
      if (t.find()) {
        out.merge(t.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
      }
    }
    return out;
  }

  /** The value of an untagged series, e.g. pmpulse_daily_report_rewrites_pending. */
  static double value(int httpPort, String name) throws IOException, InterruptedException {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape(httpPort));
    if (!m.find()) {
      throw new IOException(name + " is not on /metrics");
    }
    return Double.parseDouble(m.group(1));
  }

  private static String scrape(int httpPort) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("/metrics answered " + response.statusCode());
    }
    return response.body();
  }
}
