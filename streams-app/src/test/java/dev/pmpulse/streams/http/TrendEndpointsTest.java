package dev.pmpulse.streams.http;

import static dev.pmpulse.streams.http.TwoInstances.get;
import static dev.pmpulse.streams.http.TwoInstances.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topic;
import dev.pmpulse.streams.query.BucketValue;
import dev.pmpulse.streams.query.KpiView;
import dev.pmpulse.streams.trends.KpiTrend;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trend API over real HTTP, two instances, window stores faked. */
class TrendEndpointsTest {
  /** A daily trend whose topic has two partitions, so that each instance can hold one. */
  private static final KpiTrend<ReviewLatencyKpi> REVIEWS =
      new KpiTrend<>(
          new KpiView<>(
              "review-latency",
              new Topic<>("reviews", Serdes.String(), Json.serde(ReviewLatencyKpi.class), 2, "delete")),
          Duration.ofDays(1),
          ReviewLatencyKpi::asOf);

  private static final String STORE = REVIEWS.storeName();

  private TwoInstances ab;

  @BeforeEach
  void start() throws IOException {
    ab = new TwoInstances(STORE);
    new TrendEndpoints(ab.a, List.of(REVIEWS)).register(ab.httpA);
    new TrendEndpoints(ab.b, List.of(REVIEWS)).register(ab.httpB);
    ab.start();
  }

  @AfterEach
  void stop() {
    ab.close();
  }

  /** One bucket per day from {@code first} to {@code last}, each value naming its day. */
  private static List<BucketValue> days(String first, String last) {
    List<BucketValue> points = new ArrayList<>();
    for (LocalDate d = LocalDate.parse(first); !d.isAfter(LocalDate.parse(last)); d = d.plusDays(1)) {
      points.add(new BucketValue(d.atStartOfDay(ZoneOffset.UTC).toInstant(), Map.of("day", d.toString())));
    }
    return points;
  }

  private static List<String> dayValues(JsonNode points) {
    List<String> days = new ArrayList<>();
    points.forEach(p -> days.add(p.at("/value/day").asText()));
    return days;
  }

  @Test
  void aKeysLastDaysCountBackFromItsNewestBucket() throws Exception {
    ab.a.holds(STORE, 0, "streams", days("2026-11-01", "2026-11-23"));

    JsonNode twoWeeks = json(get(ab.httpA, "/api/trends/review-latency/streams"));
    // 14 by default: 2026-11-10 .. 2026-11-23.
    assertThat(twoWeeks.get("points")).hasSize(14);
    assertThat(twoWeeks.at("/points/0/bucket").asText()).isEqualTo("2026-11-10T00:00:00Z");
    assertThat(twoWeeks.get("bucket").asText()).isEqualTo("PT24H");
    assertThat(twoWeeks.get("servedBy").asText()).isEqualTo(ab.a.self);

    JsonNode three = json(get(ab.httpA, "/api/trends/review-latency/streams?days=3"));
    assertThat(dayValues(three.get("points"))).containsExactly("2026-11-21", "2026-11-22", "2026-11-23");
    assertThat(three.get("days").asInt()).isEqualTo(3);
  }

  @Test
  void aKeyHeldByTheOtherInstanceIsFetchedFromItWithItsDays() throws Exception {
    ab.a.elsewhere.put("clients", ab.b.self);
    ab.b.holds(STORE, 1, "clients", days("2026-11-20", "2026-11-23"));

    HttpResponse<String> r = get(ab.httpA, "/api/trends/review-latency/clients?days=2");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue(Peers.FORWARDED_TO)).hasValue(ab.b.self);
    JsonNode body = json(r);
    assertThat(body.get("servedBy").asText()).isEqualTo(ab.b.self);
    assertThat(dayValues(body.get("points"))).containsExactly("2026-11-22", "2026-11-23");
  }

  @Test
  void everyKeyIsGatheredAndCutToTheDaysBeforeTheNewestOfAll() throws Exception {
    // a holds partition 0, whose newest day is older than b's (partition 1).
    ab.a.holds(STORE, 0, "streams", days("2026-11-15", "2026-11-21"));
    ab.b.holds(STORE, 1, "clients", days("2026-11-18", "2026-11-23"));
    ab.b.holds(STORE, 1, "connect", days("2026-11-01", "2026-11-05"));

    JsonNode body = json(get(ab.httpA, "/api/trends/review-latency?days=3"));

    // The 3 days up to 2026-11-23, the newest of all: a's own newest (11-21) is the first of them.
    assertThat(dayValues(body.at("/keys/streams"))).containsExactly("2026-11-21");
    assertThat(dayValues(body.at("/keys/clients"))).containsExactly("2026-11-21", "2026-11-22", "2026-11-23");
    assertThat(body.get("keys").has("connect")).as("a key with nothing in those days").isFalse();
    assertThat(body.get("complete").asBoolean()).isTrue();
    assertThat(body.get("instances")).hasSize(2);
  }

  @Test
  void aPartitionNobodyAnsweredMakesTheAnswerPartial() throws Exception {
    ab.a.holds(STORE, 0, "streams", days("2026-11-20", "2026-11-21"));
    ab.httpB.stop();

    JsonNode body = json(get(ab.httpA, "/api/trends/review-latency"));

    assertThat(body.get("complete").asBoolean()).isFalse();
    assertThat(body.get("missing").toString()).contains(ab.b.self + " did not answer", "1 of 2 partitions not answered");
    assertThat(body.at("/keys/streams")).hasSize(2);
  }

  @Test
  void badDaysAre400UnknownTrendOrKeyAre404() throws Exception {
    ab.a.holds(STORE, 0, "streams", days("2026-11-20", "2026-11-21"));
    for (String days : List.of("0", "31", "-1", "two", "1.5", "")) {
      HttpResponse<String> r = get(ab.httpA, "/api/trends/review-latency/streams?days=" + days);
      assertThat(r.statusCode()).as(days).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(days).isEqualTo("days must be a whole number from 1 to 30");
    }
    assertThat(get(ab.httpA, "/api/trends/review-latency/streams?days=30").statusCode()).isEqualTo(200);

    HttpResponse<String> unknown = get(ab.httpA, "/api/trends/no-such-view/streams");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("trends").toString()).contains("review-latency");
    assertThat(get(ab.httpA, "/api/trends/review-latency/platform").statusCode()).isEqualTo(404);
    assertThat(get(ab.httpA, "/api/trends/review-latency/streams/more").statusCode()).isEqualTo(404);
  }

  @Test
  void whileStoresCannotBeReadTheAnswerIs503WithRetryAfter() throws Exception {
    ab.a.unavailable = true;
    ab.b.unavailable = true;
    for (String path : List.of("/api/trends/review-latency/streams", "/api/trends/review-latency")) {
      HttpResponse<String> r = get(ab.httpA, path);
      assertThat(r.statusCode()).as(path).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).as(path).hasValue("1");
    }
  }
}
