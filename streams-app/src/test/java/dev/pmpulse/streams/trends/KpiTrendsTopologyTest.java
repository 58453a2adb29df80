package dev.pmpulse.streams.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.LatencyStats;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trend stores on the full topology: what each bucket of a KPI view keeps, fed through the KPI
 * topics the views read (values written here by hand, so each bucket's expected value is plain).
 */
class KpiTrendsTopologyTest {
  private static final double HOUR = 3600;

  @TempDir Path stateDir;
  private FullTopology topology;

  @BeforeEach
  void start() {
    topology = new FullTopology(stateDir, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  @Test
  void anHourKeepsItsLastMinuteAndAMinuteOnTheHourStartsTheNext() {
    TestInputTopic<String, PublishLatencyKpi> minutes = topology.input(Topics.PUBLISH_LATENCY_KPI);
    for (PublishLatencyKpi m :
        List.of(
            minute("eu-west-1", "2026-11-23T10:58:00Z", 40),
            minute("eu-west-1", "2026-11-23T10:59:00Z", 42),
            minute("eu-west-1", "2026-11-23T11:00:00Z", 50),
            // Out of order: older than the 10:00 bucket's 10:59, so it changes nothing.
            minute("eu-west-1", "2026-11-23T10:57:00Z", 99),
            minute("us-east-1", "2026-11-23T10:30:00Z", 30))) {
      minutes.pipeInput(m.cluster(), m, m.minute());
    }

    Map<Instant, PublishLatencyKpi> euWest = buckets(KpiTrends.PUBLISH_LATENCY, "eu-west-1");
    assertThat(euWest).containsOnlyKeys(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"));
    assertThat(euWest.get(Instant.parse("2026-11-23T10:00:00Z")).p99Ms()).isEqualTo(42);
    assertThat(euWest.get(Instant.parse("2026-11-23T11:00:00Z")).p99Ms()).isEqualTo(50);
    assertThat(buckets(KpiTrends.PUBLISH_LATENCY, "us-east-1")).hasSize(1)
        .containsKey(Instant.parse("2026-11-23T10:00:00Z"));
  }

  @Test
  void aDayKeepsItsLatestReportAndARestatementOfItReplacesIt() {
    TestInputTopic<String, ReviewLatencyKpi> reports = topology.input(Topics.REVIEW_LATENCY_KPI);
    // Monday 15:00, mean 3 h; Tuesday 09:00, 5 h.
    pipe(reports, review("streams", "2026-11-23T15:00:00Z", 3));
    pipe(reports, review("streams", "2026-11-24T09:00:00Z", 5));
    // A late review restates Monday's end (its last millisecond): 3.5 h, then 3.75 h with another
    // one (same stamp: the later arrival wins). Tuesday keeps its own report.
    pipe(reports, review("streams", "2026-11-23T23:59:59.999Z", 3.5));
    pipe(reports, review("streams", "2026-11-23T23:59:59.999Z", 3.75));
    // Out of order, older than Monday's restatement: no change.
    pipe(reports, review("streams", "2026-11-23T20:00:00Z", 9));
    // Midnight exactly starts Wednesday.
    pipe(reports, review("streams", "2026-11-25T00:00:00Z", 6));

    Map<Instant, ReviewLatencyKpi> days = buckets(KpiTrends.REVIEW_LATENCY, "streams");
    assertThat(days.keySet())
        .containsExactly(
            Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));
    assertThat(meanHours(days, "2026-11-23")).isEqualTo(3.75);
    assertThat(meanHours(days, "2026-11-24")).isEqualTo(5);
    assertThat(meanHours(days, "2026-11-25")).isEqualTo(6);
  }

  @Test
  void bucketsThirtyDaysOlderThanTheNewestAreDropped() {
    TestInputTopic<String, DeliveryKpi> reports = topology.input(Topics.DELIVERY_KPI);
    Instant first = Instant.parse("2026-10-01T00:30:00Z");
    pipe(reports, delivery("ap-south-1", first, 0.5));
    pipe(reports, delivery("ap-south-1", first.plus(Duration.ofDays(1)), 1));
    // Newest bucket 30 days minus an hour after the first: the first is still kept.
    pipe(reports, delivery("ap-south-1", Instant.parse("2026-10-30T23:10:00Z"), 2));
    assertThat(buckets(KpiTrends.DELIVERY, "ap-south-1")).containsKey(Instant.parse("2026-10-01T00:00:00Z")).hasSize(3);

    // The bucket 30 days after the first: the first falls out of the retention, the second stays.
    pipe(reports, delivery("ap-south-1", Instant.parse("2026-10-31T00:05:00Z"), 3));
    Map<Instant, DeliveryKpi> hours = buckets(KpiTrends.DELIVERY, "ap-south-1");
    assertThat(hours.keySet())
        .containsExactly(
            Instant.parse("2026-10-02T00:00:00Z"), Instant.parse("2026-10-30T23:00:00Z"), Instant.parse("2026-10-31T00:00:00Z"));
    assertThat(hours.get(Instant.parse("2026-10-02T00:00:00Z")).burnRate1h()).isEqualTo(1);

    // A late report for the dropped hour is not taken back in.
    pipe(reports, delivery("ap-south-1", first.plusSeconds(60), 4));
    assertThat(buckets(KpiTrends.DELIVERY, "ap-south-1")).doesNotContainKey(Instant.parse("2026-10-01T00:00:00Z"));
  }

  @Test
  void reviewedPrsMakeTheirDaysTrendOfAllTeams() {
    TestInputTopic<String, PrEvent> prs = topology.input(Topics.PR_EVENTS);
    // A team of no calendar gets UTC 09:00-17:00, Monday to Friday. Monday 2026-11-23: 09:00 ->
    // 10:00, 1 business hour. Tuesday: 09:00 -> 12:00, 3 h; the 7 days to Tuesday: (1 + 3) / 2 = 2 h.
    reviewedPr(prs, 1, "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z");
    reviewedPr(prs, 2, "2026-11-24T09:00:00Z", "2026-11-24T12:00:00Z");

    Map<Instant, ReviewLatencyKpi> all = buckets(KpiTrends.REVIEW_LATENCY, ReviewLatencyKpi.ALL_TEAMS);
    assertThat(all).containsOnlyKeys(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(all.get(Instant.parse("2026-11-23T00:00:00Z")).last7Days().count()).isEqualTo(1);
    assertThat(meanHours(all, "2026-11-23")).isCloseTo(1, within(1e-9));
    assertThat(all.get(Instant.parse("2026-11-24T00:00:00Z")).last7Days().count()).isEqualTo(2);
    assertThat(meanHours(all, "2026-11-24")).isCloseTo(2, within(1e-9));
  }

  @Test
  void everyTrendHasItsOwnStoreKeyedLikeItsView() {
    assertThat(KpiTrends.ALL.stream().map(KpiTrend::storeName)).doesNotHaveDuplicates().allMatch(s -> s.startsWith("trend-"));
    assertThat(KpiTrends.ALL).allSatisfy(t -> assertThat(t.queryable().partitions()).isEqualTo(t.view().topic().partitions()));
    assertThat(KpiTrends.PUBLISH_LATENCY.bucketStart(Instant.parse("2026-11-23T10:59:59.999Z")))
        .isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
  }

  private <V> Map<Instant, V> buckets(KpiTrend<V> trend, String key) {
    WindowStore<String, V> store = topology.driver().getWindowStore(trend.storeName());
    Map<Instant, V> buckets = new LinkedHashMap<>();
    try (KeyValueIterator<org.apache.kafka.streams.kstream.Windowed<String>, V> it =
        store.fetch(key, key, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))) {
      List<KeyValue<org.apache.kafka.streams.kstream.Windowed<String>, V>> all = new ArrayList<>();
      it.forEachRemaining(all::add);
      all.forEach(kv -> buckets.put(kv.key.window().startTime(), kv.value));
    }
    return buckets;
  }

  private static double meanHours(Map<Instant, ReviewLatencyKpi> days, String day) {
    return days.get(LocalDate.parse(day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()).last7Days().meanSeconds() / HOUR;
  }

  private static <V> void pipe(TestInputTopic<String, V> topic, V value) {
    Function<Object, KeyValue<String, Instant>> keyAndTime =
        v -> v instanceof ReviewLatencyKpi r ? KeyValue.pair(r.team(), r.asOf())
            : v instanceof DeliveryKpi d ? KeyValue.pair(d.cluster(), d.asOf()) : null;
    KeyValue<String, Instant> kt = keyAndTime.apply(value);
    topic.pipeInput(kt.key, value, kt.value);
  }

  private static PublishLatencyKpi minute(String cluster, String minute, double p99Ms) {
    return new PublishLatencyKpi(
        PublishLatencyKpi.VERSION, cluster, Instant.parse(minute), 1000, p99Ms, 40.0, 50, 43.0, 60.0, false, false, false);
  }

  private static ReviewLatencyKpi review(String team, String asOf, double meanHours) {
    Instant at = Instant.parse(asOf);
    LatencyStats week = new LatencyStats(4, meanHours * HOUR, meanHours * HOUR, meanHours * HOUR, 1);
    return new ReviewLatencyKpi(
        ReviewLatencyKpi.VERSION, team, at, LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), week, LatencyStats.EMPTY, 0, 4 * HOUR);
  }

  private static DeliveryKpi delivery(String cluster, Instant asOf, double burnRate1h) {
    return new DeliveryKpi(
        DeliveryKpi.VERSION, cluster, asOf, 0.9999, 1000, 1000, 0, 1, 0, 1, 0, 0, burnRate1h, 0, false, false);
  }

  private int seq;

  private void reviewedPr(TestInputTopic<String, PrEvent> prs, int number, String requested, String approved) {
    String team = "infra";
    PrEvent opened = new PrEvent(PrEvent.VERSION, "e" + (++seq), PrEvent.Type.OPENED, "acme/" + team, number, team, "ana",
        "ana", List.of("bo"), List.of(), null, List.of(), Instant.parse(requested));
    PrEvent review = new PrEvent(PrEvent.VERSION, "e" + (++seq), PrEvent.Type.REVIEW_SUBMITTED, "acme/" + team, number, team,
        "ana", "bo", List.of(), List.of(), PrEvent.ReviewState.APPROVED, List.of(), Instant.parse(approved));
    for (PrEvent e : List.of(opened, review)) {
      prs.pipeInput(e.key(), e, e.at());
    }
  }
}
