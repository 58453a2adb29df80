package dev.pmpulse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DailyUpdate.Outcome;
import dev.pmpulse.events.DailyUpdate.Status;
import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.query.Instance;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.query.QueryableStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /report} over real HTTP: Markdown by default, HTML for a browser, escaped; stores faked. */
class ReportEndpointTest {
  private static final QueryableStore STORE = KpiViews.DAILY_UPDATE.queryable();
  private static final DailyUpdate UPDATE =
      new DailyUpdate(
          DailyUpdate.VERSION,
          LocalDate.parse("2026-11-23"),
          Instant.parse("2026-11-24T00:00:30Z"),
          List.of(
              new Status("PR review latency, mean (7 d, all teams)", "3.0 business h over 3 reviews", "under 4.0 business h", Outcome.MET),
              new Status("Delivery ratio, worst cluster (30 d)", "no samples yet", "at least 99.990%", Outcome.NO_DATA)),
          List.of("Open P0 ESC-7 (<img src=x onerror=alert(1)>), open 36 h"),
          List.of("Merged 1 breaking API change (producer-api 1); 2026-Q4 now has 1 against a target of 0"));
  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  private final HttpClient client = HttpClient.newHttpClient();
  private HttpApi httpA;
  private HttpApi httpB;
  private FakeQueries a;
  private FakeQueries b;

  @BeforeEach
  void start() throws Exception {
    httpA = newHttp();
    httpB = newHttp();
    a = new FakeQueries("127.0.0.1:" + httpA.port());
    b = new FakeQueries("127.0.0.1:" + httpB.port());
    a.instances.add(new Instance(b.self, false, List.of(STORE.store())));
    new ReportEndpoint(a).register(httpA);
    new ReportEndpoint(b).register(httpB);
    new QueryEndpoints(b, List.of(STORE), PmPulseTopology.PRS, new DashboardConfig(null, List.of())).register(httpB);
    httpA.start();
    httpB.start();
  }

  private static HttpApi newHttp() throws Exception {
    return new HttpApi("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> KafkaStreams.State.RUNNING);
  }

  @AfterEach
  void stop() {
    httpA.stop();
    httpB.stop();
  }

  private HttpResponse<String> get(String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpA.port() + "/report"));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void markdownUnlessTheClientPrefersHtml() throws Exception {
    a.holds(STORE.store(), 0, KpiViews.LATEST, UPDATE);

    for (String accept : new String[] {null, "*/*", "text/markdown", "text/html;q=0.5, text/markdown"}) {
      HttpResponse<String> r = get(accept);
      assertThat(r.statusCode()).as(String.valueOf(accept)).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).as(String.valueOf(accept)).hasValue("text/markdown; charset=utf-8");
      assertThat(r.body())
          .startsWith("# PM Pulse daily update, 2026-11-23\n")
          .contains("- **PR review latency, mean (7 d, all teams)**: 3.0 business h over 3 reviews (target under 4.0 business h): **met**\n")
          .contains("- **Delivery ratio, worst cluster (30 d)**: no samples yet (target at least 99.990%): **no data yet**\n")
          .contains("## Risks\n\n- Open P0 ESC-7 (\\<img src=x onerror=alert(1)\\>), open 36 h\n")
          .contains("## Decisions\n\n- Merged 1 breaking API change (producer-api 1); 2026-Q4 now has 1 against a target of 0\n");
    }
  }

  @Test
  void htmlForABrowserWithEverythingEscaped() throws Exception {
    a.holds(STORE.store(), 0, KpiViews.LATEST, UPDATE);

    for (String accept : new String[] {BROWSER_ACCEPT, "text/html", "text/markdown;q=0.3, text/*;q=0.6"}) {
      HttpResponse<String> r = get(accept);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).as(accept).hasValue("text/html; charset=utf-8");
      assertThat(r.headers().firstValue("Vary")).hasValue("Accept");
      assertThat(r.body())
          .contains("<h1>PM Pulse daily update, 2026-11-23</h1>")
          .contains("<tr><td>PR review latency, mean (7 d, all teams)</td><td>3.0 business h over 3 reviews</td>"
              + "<td>under 4.0 business h</td><td class=\"good\">met</td></tr>")
          .contains("<li>Open P0 ESC-7 (&lt;img src=x onerror=alert(1)&gt;), open 36 h</li>")
          .doesNotContain("<img");
    }
  }

  @Test
  void heldByAnotherInstanceItIsFetchedFromThere() throws Exception {
    a.elsewhere.put(KpiViews.LATEST, b.self);
    b.holds(STORE.store(), 0, KpiViews.LATEST, UPDATE);

    HttpResponse<String> r = get(null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("# PM Pulse daily update, 2026-11-23\n");
  }

  @Test
  void beforeTheFirstMidnightIt404sAndWhileRebalancingIt503s() throws Exception {
    HttpResponse<String> none = get(null);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).isEqualTo(ReportEndpoint.NO_UPDATE_YET);

    a.unavailable = true;
    HttpResponse<String> busy = get(BROWSER_ACCEPT);
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
  }
}
