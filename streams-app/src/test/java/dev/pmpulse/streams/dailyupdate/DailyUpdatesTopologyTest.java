package dev.pmpulse.streams.dailyupdate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ApiStabilityKpi.Counts;
import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DailyUpdate.Outcome;
import dev.pmpulse.events.DailyUpdate.Status;
import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.LatencyStats;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.SloViolation.Kind;
import dev.pmpulse.events.SloViolation.Level;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.query.KpiViews;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made KPI values on the KPI topics, across two UTC midnights: one update per day crossed,
 * written from the values as they were at midnight, with status, risks and decisions worked out
 * by hand below.
 */
class DailyUpdatesTopologyTest {
  private static final double HOUR = 3600;
  private static final Instant Q4_START = Instant.parse("2026-10-01T00:00:00Z");
  private static final Instant Q1_START = Instant.parse("2027-01-01T00:00:00Z");

  @TempDir Path stateDir;
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private FullTopology topology;
  private TestOutputTopic<String, DailyUpdate> updates;

  @BeforeEach
  void start() {
    topology = new FullTopology(stateDir, meters);
    updates = topology.output(Topics.DAILY_UPDATES);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private <V> void send(Topic<String, V> topic, String key, V value, String at) {
    topology.input(topic).pipeInput(key, value, Instant.parse(at));
  }

  private static ReviewLatencyKpi review(long count, double meanHours, long waiting, String at) {
    Instant t = Instant.parse(at);
    return new ReviewLatencyKpi(ReviewLatencyKpi.VERSION, ReviewLatencyKpi.ALL_TEAMS, t, LocalDate.ofInstant(t, java.time.ZoneOffset.UTC),
        new LatencyStats(count, meanHours * HOUR, meanHours * HOUR, meanHours * HOUR, 0.5), LatencyStats.EMPTY, waiting, 4 * HOUR);
  }

  private static EscalationResolutionKpi escalation(Severity severity, long resolved, double medianHours, String at) {
    LatencyStats week = new LatencyStats(resolved, medianHours * HOUR, medianHours * HOUR, medianHours * HOUR, 0);
    return new EscalationResolutionKpi(EscalationResolutionKpi.VERSION, severity, Instant.parse(at), true, "2026-W48", week, LatencyStats.EMPTY,
        "2026-Q4", week, 1, 0, 48 * HOUR);
  }

  private static ApiStabilityKpi quarter(Map<String, Counts> surfaces, String at) {
    Counts total = surfaces.values().stream().reduce(Counts.ZERO, Counts::plus);
    return new ApiStabilityKpi(ApiStabilityKpi.VERSION, "2026-Q4", "UTC", Q4_START, Q1_START, Instant.parse(at), 40,
        surfaces, total, ApiStabilityKpi.TARGET_BREAKING);
  }

  private static PublishLatencyKpi latency(String cluster, double p99, String minute) {
    return new PublishLatencyKpi(PublishLatencyKpi.VERSION, cluster, Instant.parse(minute), 5000, p99, 40.0, 50, 55.0, 75.0,
        p99 > 50, p99 > 55, p99 > 75);
  }

  private static DeliveryKpi delivery(String cluster, double ratio, double budgetLeft, double burn5m, double burn1h, String at) {
    boolean fast = burn1h > 14.4 && burn5m > 14.4;
    return new DeliveryKpi(DeliveryKpi.VERSION, cluster, Instant.parse(at), 0.9999, 1_000_000, Math.round(ratio * 1_000_000), 0,
        ratio, 0, budgetLeft, burn5m, 1, burn1h, 1, fast, false);
  }

  private static SloViolation violation(String cluster, Level level, Kind kind, double p99, double line, String minute) {
    return new SloViolation(SloViolation.VERSION, cluster, level, kind, p99, line, Instant.parse(minute));
  }

  private static OpenEscalation open(String id, String customer, Severity severity, String openedAt) {
    return new OpenEscalation(OpenEscalation.VERSION, id, customer, severity, "connect", Instant.parse(openedAt), 0);
  }

  /** A report from every steady source (review, escalations, latency and delivery of us-1 and eu-1) at {@code at}. */
  private void steadySourcesReport(String at) {
    send(Topics.REVIEW_LATENCY_KPI, "all", review(3, 3.0, 0, at), at);
    send(Topics.ESCALATION_RESOLUTION_KPI, "P0", escalation(Severity.P0, 2, 30, at), at);
    for (String cluster : List.of("us-1", "eu-1")) {
      send(Topics.PUBLISH_LATENCY_KPI, cluster, latency(cluster, 20, at), at);
      send(Topics.DELIVERY_KPI, cluster, delivery(cluster, 0.99995, 0.5, 1, 1, at), at);
    }
  }

  /** Lets the wall clock pass the next flush of corrected days. */
  private void flush() {
    topology.driver().advanceWallClockTime(DailyUpdateProcessor.FLUSH_EVERY);
  }

  private Map<String, DailyUpdate> finalUpdates() {
    flush();
    Map<String, DailyUpdate> out = new TreeMap<>();
    updates.readRecordsToList().forEach(r -> out.put(r.key(), r.value()));
    return out;
  }

  @Test
  void oneUpdatePerUtcDayWithStatusRisksAndDecisionsAsOfMidnight() {
    // Sunday 2026-11-22: the quarter has 1 breaking change (consumer-api) when the day ends.
    send(Topics.API_STABILITY_KPI, "2026-Q4", quarter(Map.of("consumer-api", new Counts(1, 3, 1)), "2026-11-22T23:00:00Z"), "2026-11-22T23:00:00Z");
    send(Topics.OPEN_ESCALATIONS, "ESC-7", open("ESC-7", "Acme <Corp>", Severity.P0, "2026-11-22T12:00:00Z"), "2026-11-22T12:00:00Z");

    // Monday 2026-11-23.
    send(Topics.REVIEW_LATENCY_KPI, "all", review(3, 3.0, 2, "2026-11-23T10:00:00Z"), "2026-11-23T10:00:00Z");
    send(Topics.REVIEW_LATENCY_KPI, "streams", review(1, 9.0, 1, "2026-11-23T10:00:00Z"), "2026-11-23T10:00:00Z");
    send(Topics.ESCALATION_RESOLUTION_KPI, "P0", escalation(Severity.P0, 2, 30, "2026-11-23T11:00:00Z"), "2026-11-23T11:00:00Z");
    send(Topics.ESCALATION_RESOLUTION_KPI, "P1", escalation(Severity.P1, 3, 60, "2026-11-23T11:05:00Z"), "2026-11-23T11:05:00Z");
    send(Topics.OPEN_ESCALATIONS, "ESC-8", open("ESC-8", "Globex", Severity.P1, "2026-11-23T08:00:00Z"), "2026-11-23T08:00:00Z");
    send(Topics.OPEN_ESCALATIONS, "ESC-9", open("ESC-9", "Initech", Severity.P0, "2026-11-23T09:00:00Z"), "2026-11-23T09:00:00Z");
    send(Topics.OPEN_ESCALATIONS, "ESC-9", null, "2026-11-23T20:00:00Z"); // resolved: a tombstone
    // Two more breaking changes merged today, both on producer-api.
    send(Topics.API_STABILITY_KPI, "2026-Q4",
        quarter(Map.of("consumer-api", new Counts(1, 3, 1), "producer-api", new Counts(2, 1, 0)), "2026-11-23T15:00:00Z"),
        "2026-11-23T15:00:00Z");
    send(Topics.DELIVERY_KPI, "eu-1", delivery("eu-1", 0.99995, 0.5, 1, 1, "2026-11-23T23:00:00Z"), "2026-11-23T23:00:00Z");
    send(Topics.DELIVERY_KPI, "us-1", delivery("us-1", 0.9998, -1.0, 30, 20, "2026-11-23T23:00:00Z"), "2026-11-23T23:00:00Z");
    // Every steady source has now reported on Monday: Sunday is complete.
    assertThat(updates.isEmpty()).isTrue();
    send(Topics.PUBLISH_LATENCY_KPI, "us-1", latency("us-1", 20, "2026-11-23T23:58:00Z"), "2026-11-23T23:59:00Z");
    List<TestRecord<String, DailyUpdate>> first = updates.readRecordsToList();
    assertThat(first).extracting(TestRecord::key).containsExactly("2026-11-22");
    // Sunday: only the quarter and ESC-7 known; the first day has no earlier figures, so all of
    // the quarter's breaking changes count as merged that day.
    DailyUpdate sunday = first.get(0).value();
    assertThat(sunday.status()).extracting(Status::outcome)
        .containsExactly(Outcome.NO_DATA, Outcome.NO_DATA, Outcome.NO_DATA, Outcome.MISSED, Outcome.NO_DATA, Outcome.NO_DATA);
    // as of Monday 00:00: open since Sunday 12:00, 12 h
    assertThat(sunday.asOf()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    assertThat(sunday.risks()).containsExactly("Open P0 ESC-7 (Acme <Corp>, connect), open 12 h");
    assertThat(sunday.decisions())
        .containsExactly("Merged 1 breaking API change (consumer-api 1); 2026-Q4 now has 1 against a target of 0");

    // eu-1 crossed the band and recovered (not a risk any more), then crossed the SLO (a risk).
    send(Topics.SLO_VIOLATIONS, "eu-1", violation("eu-1", Level.BAND, Kind.CROSSED, 57, 55, "2026-11-23T23:50:00Z"), "2026-11-23T23:51:00Z");
    send(Topics.SLO_VIOLATIONS, "eu-1", violation("eu-1", Level.BAND, Kind.RECOVERED, 41, 55, "2026-11-23T23:55:00Z"), "2026-11-23T23:56:00Z");
    send(Topics.PUBLISH_LATENCY_KPI, "eu-1", latency("eu-1", 62, "2026-11-23T23:58:00Z"), "2026-11-23T23:59:00Z");
    send(Topics.SLO_VIOLATIONS, "eu-1", violation("eu-1", Level.SLO, Kind.CROSSED, 62, 50, "2026-11-23T23:58:00Z"), "2026-11-23T23:59:00Z");

    // Tuesday: the values past midnight are not in Monday's update. Monday is complete once the
    // last steady source (eu-1's delivery) reports on Tuesday.
    send(Topics.REVIEW_LATENCY_KPI, "all", review(4, 5.0, 0, "2026-11-24T00:00:30Z"), "2026-11-24T00:00:30Z");
    send(Topics.ESCALATION_RESOLUTION_KPI, "P0", escalation(Severity.P0, 3, 20, "2026-11-24T01:00:00Z"), "2026-11-24T01:00:00Z");
    send(Topics.PUBLISH_LATENCY_KPI, "us-1", latency("us-1", 90, "2026-11-24T00:00:00Z"), "2026-11-24T00:01:00Z");
    send(Topics.PUBLISH_LATENCY_KPI, "eu-1", latency("eu-1", 30, "2026-11-24T00:00:00Z"), "2026-11-24T00:01:00Z");
    send(Topics.DELIVERY_KPI, "us-1", delivery("us-1", 0.99999, 0.9, 1, 1, "2026-11-24T00:01:00Z"), "2026-11-24T00:01:00Z");
    assertThat(updates.isEmpty()).isTrue();
    send(Topics.DELIVERY_KPI, "eu-1", delivery("eu-1", 0.99999, 0.9, 1, 1, "2026-11-24T00:01:00Z"), "2026-11-24T00:01:00Z");
    List<TestRecord<String, DailyUpdate>> written = updates.readRecordsToList();
    assertThat(written).extracting(TestRecord::key).containsExactly("2026-11-23");

    DailyUpdate monday = written.get(0).value();
    assertThat(monday.date()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(monday.asOf()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(written.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z").toEpochMilli());
    assertThat(monday.status())
        .containsExactly(
            // mean 3.0 h (the 5.0 h of Tuesday is not in it) against 4 h
            new Status("PR review latency, mean (7 d, all teams)", "3.0 business h over 3 reviews", "under 4.0 business h", Outcome.MET),
            new Status("P0 escalation resolution, median this week", "30.0 h over 2 resolved", "under 48.0 h", Outcome.MET),
            new Status("P1 escalation resolution, median this week", "60.0 h over 3 resolved", "under 48.0 h", Outcome.MISSED),
            // 1 + 2 breaking, 3 + 1 additive, 1 + 0 deprecations
            new Status("Breaking API changes, 2026-Q4", "3 (4 additive, 1 deprecations)", "0", Outcome.MISSED),
            // eu-1 at 62/50 is worse than us-1 at 20/50 (us-1's 90 is Tuesday's)
            new Status("P99 publish latency, worst cluster (latest minute)", "62.0 ms on eu-1",
                "SLO 50.0 ms, band 55.0 ms, no cluster over either", Outcome.MISSED),
            // us-1: 0.9998 < 0.9999; bad ratio 0.0002 is twice the budget 0.0001, so 1 - 2 = -100% left
            new Status("Delivery ratio, worst cluster (30 d)", "99.980% on us-1, error budget -100% left",
                "at least 99.990%", Outcome.MISSED));
    assertThat(monday.risks())
        .containsExactly(
            "eu-1: p99 publish latency over the slo line since 2026-11-23 23:58 UTC (62.0 ms against 50.0 ms)",
            "us-1: delivery error budget burning fast, paging (burn 20.0x over 1 h and 30.0x over 5 m, page above 14.4x)",
            // opened Sunday 12:00, as of Tuesday 00:00: 36 h; ESC-9 was resolved, ESC-8 is a P1
            "Open P0 ESC-7 (Acme <Corp>, connect), open 36 h",
            "2 PRs waiting for a first review longer than 4.0 business h");
    assertThat(monday.decisions())
        .containsExactly("Merged 2 breaking API changes (producer-api 2); 2026-Q4 now has 3 against a target of 0");

    // The view /report reads holds Monday's update.
    var latest = topology.view(KpiViews.DAILY_UPDATE, KpiViews.LATEST);
    assertThat(latest).isEqualTo(monday);
  }
  @Test
  void aLateValueCorrectsTheDaysAlreadyWrittenAndTheViewKeepsTheLatestDay() {
    steadySourcesReport("2026-11-23T12:00:00Z");
    steadySourcesReport("2026-11-24T12:00:00Z");
    steadySourcesReport("2026-11-25T12:00:00Z");
    Map<String, DailyUpdate> before = finalUpdates();
    assertThat(before).containsOnlyKeys("2026-11-23", "2026-11-24");
    assertThat(before.get("2026-11-23").risks()).isEmpty();

    // An SLO crossing of Monday 23:00 arrives after Monday and Tuesday were written: both are
    // written again at the next flush, with the crossing a risk on each (it has not recovered).
    send(Topics.SLO_VIOLATIONS, "eu-1", violation("eu-1", Level.SLO, Kind.CROSSED, 62, 50, "2026-11-23T23:00:00Z"),
        "2026-11-23T23:00:00Z");
    assertThat(updates.isEmpty()).isTrue();
    // Until both are written again, and a flush after that (by when their transaction is
    // committed), /metrics says so: what a test or an operator can wait for.
    assertThat(rewritesPending()).isEqualTo(2);
    flush();
    assertThat(rewritesPending()).isEqualTo(2);
    List<TestRecord<String, DailyUpdate>> corrected = updates.readRecordsToList();
    assertThat(corrected).extracting(TestRecord::key).containsExactly("2026-11-23", "2026-11-24");
    String risk = "eu-1: p99 publish latency over the slo line since 2026-11-23 23:00 UTC (62.0 ms against 50.0 ms)";
    assertThat(corrected).allSatisfy(r -> assertThat(r.value().risks()).containsExactly(risk));
    // Nothing else changed.
    assertThat(corrected.get(0).value().status()).isEqualTo(before.get("2026-11-23").status());
    flush();
    assertThat(updates.isEmpty()).isTrue();
    assertThat(rewritesPending()).isZero();

    // Its recovery on Tuesday 01:00, late too: Tuesday's update no longer has the risk, Monday's keeps it.
    send(Topics.SLO_VIOLATIONS, "eu-1", violation("eu-1", Level.SLO, Kind.RECOVERED, 40, 50, "2026-11-24T01:00:00Z"),
        "2026-11-24T01:00:00Z");
    flush();
    List<TestRecord<String, DailyUpdate>> recovered = updates.readRecordsToList();
    assertThat(recovered).extracting(TestRecord::key).containsExactly("2026-11-24");
    assertThat(recovered.get(0).value().risks()).isEmpty();

    // The view /report reads keeps the latest day, not the day corrected last.
    var latest = topology.view(KpiViews.DAILY_UPDATE, KpiViews.LATEST);
    assertThat(latest).isEqualTo(recovered.get(0).value());
    send(Topics.SLO_VIOLATIONS, "us-1", violation("us-1", Level.BAND, Kind.CROSSED, 57, 55, "2026-11-23T22:00:00Z"),
        "2026-11-23T22:00:00Z");
    flush();
    assertThat(updates.readRecordsToList()).extracting(TestRecord::key).containsExactly("2026-11-23", "2026-11-24");
    latest = topology.view(KpiViews.DAILY_UPDATE, KpiViews.LATEST);
    assertThat(latest.date()).isEqualTo(LocalDate.parse("2026-11-24"));
  }

  private double rewritesPending() {
    return meters.get("pmpulse.daily.report.rewrites.pending").gauge().value();
  }

  /** One KPI value on its topic at its event time. */
  private record Input(Topic<String, ?> topic, String key, Object value, String at) {}

  /**
   * Four days of KPI values, steady ones every six hours and event-driven ones each evening: an
   * API change, an SLO band crossing (even days) or recovery (odd days), a P0 opened, and the
   * previous day's P0 resolved at 03:00.
   */
  private static List<Input> fourDays() {
    List<Input> in = new ArrayList<>();
    String[] days = {"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"};
    for (int d = 0; d < days.length; d++) {
      for (int hour = 0; hour < 24; hour += 6) {
        String at = days[d] + "T" + String.format(Locale.ROOT, "%02d", hour) + ":30:00Z";
        int reviews = 3 + 4 * d + hour / 6;
        in.add(new Input(Topics.REVIEW_LATENCY_KPI, "all", review(reviews, 2.0 + d + hour / 24.0, d, at), at));
        Severity severity = hour / 6 % 2 == 0 ? Severity.P0 : Severity.P1;
        in.add(new Input(Topics.ESCALATION_RESOLUTION_KPI, severity.name(), escalation(severity, 1 + d, 10 + 20 * d + hour, at), at));
        for (String cluster : List.of("us-1", "eu-1")) {
          in.add(new Input(Topics.PUBLISH_LATENCY_KPI, cluster, latency(cluster, 30 + 10 * d + hour, at), at));
          in.add(new Input(Topics.DELIVERY_KPI, cluster, delivery(cluster, 0.99999 - 0.00005 * d, 0.9 - 0.3 * d, d, d, at), at));
        }
      }
      String evening = days[d] + "T21:00:00Z";
      in.add(new Input(Topics.API_STABILITY_KPI, "2026-Q4", quarter(Map.of("consumer-api", new Counts(d, 1, 0)), evening), evening));
      in.add(new Input(Topics.SLO_VIOLATIONS, "eu-1",
          violation("eu-1", Level.BAND, d % 2 == 0 ? Kind.CROSSED : Kind.RECOVERED, 57, 55, evening), evening));
      in.add(new Input(Topics.OPEN_ESCALATIONS, "ESC-" + d, open("ESC-" + d, "Acme", Severity.P0, evening), evening));
      if (d > 0) {
        in.add(new Input(Topics.OPEN_ESCALATIONS, "ESC-" + (d - 1), null, days[d] + "T03:00:00Z"));
      }
    }
    in.sort(Comparator.comparing(Input::at));
    return in;
  }

  @SuppressWarnings("unchecked")
  private void send(Input in) {
    send((Topic<String, Object>) in.topic(), in.key(), in.value(), in.at());
  }

  @Test
  void theSameInputsInAnyOrderGiveTheSameUpdates() {
    // In event-time order: the first three days, each written once (the fourth is still open).
    fourDays().forEach(this::send);
    List<TestRecord<String, DailyUpdate>> inOrder = updates.readRecordsToList();
    assertThat(inOrder).extracting(TestRecord::key).containsExactly("2026-11-23", "2026-11-24", "2026-11-25");
    Map<String, DailyUpdate> expected = new TreeMap<>();
    inOrder.forEach(r -> expected.put(r.key(), r.value()));
    // Tuesday (d = 1), worked out by hand from the latest value of each before midnight: review
    // at 18:30, 3 + 4 + 3 = 10 reviews, mean 2 + 1 + 18/24 = 3.75 h; P0 at 12:30, 2 resolved,
    // median 10 + 20 + 12 = 42 h; P1 at 18:30, 2 resolved, 10 + 20 + 18 = 48 h (not under 48);
    // the quarter with 1 breaking change, 1 of it merged on Tuesday; eu-1's band recovered at 21:00;
    // ESC-1 open since 21:00 (3 h), ESC-0 resolved at 03:00.
    DailyUpdate tuesday = expected.get("2026-11-24");
    assertThat(tuesday.status()).extracting(Status::value).startsWith(
        "3.8 business h over 10 reviews", "42.0 h over 2 resolved", "48.0 h over 2 resolved", "1 (1 additive, 0 deprecations)");
    assertThat(tuesday.status()).extracting(Status::outcome).startsWith(Outcome.MET, Outcome.MET, Outcome.MISSED);
    assertThat(tuesday.risks()).contains("Open P0 ESC-1 (Acme, connect), open 3 h").noneMatch(r -> r.contains("ESC-0"));
    assertThat(tuesday.decisions()).containsExactly(
        "Merged 1 breaking API change (consumer-api 1); 2026-Q4 now has 1 against a target of 0");

    // The same inputs interleaved in ten other ways, each in a fresh topology: every KPI key's
    // values in their own order (as its partition keeps them), the keys mixed at random, as KPI
    // tasks running at their own pace deliver them. The same final update per day.
    for (long seed = 1; seed <= 10; seed++) {
      topology.close();
      start();
      interleaved(fourDays(), new Random(seed)).forEach(this::send);
      assertThat(finalUpdates()).as("seed %d", seed).isEqualTo(expected);
    }
  }

  /** The inputs with each topic and key's values in order, the keys interleaved at random. */
  private static List<Input> interleaved(List<Input> inputs, Random random) {
    Map<String, ArrayDeque<Input>> perKey = new TreeMap<>();
    inputs.forEach(in -> perKey.computeIfAbsent(in.topic().name() + "/" + in.key(), k -> new ArrayDeque<>()).add(in));
    List<ArrayDeque<Input>> queues = new ArrayList<>(perKey.values());
    List<Input> out = new ArrayList<>();
    while (!queues.isEmpty()) {
      int pick = random.nextInt(queues.size());
      out.add(queues.get(pick).poll());
      if (queues.get(pick).isEmpty()) {
        queues.remove(pick);
      }
    }
    return out;
  }

  @Test
  void aSteadySourceSilentForTwoMinutesIsNotWaitedFor() {
    steadySourcesReport("2026-11-23T12:00:00Z");
    // Only review latency and eu-1's latency report on Tuesday; the others fall silent.
    send(Topics.REVIEW_LATENCY_KPI, "all", review(4, 5.0, 0, "2026-11-24T01:00:00Z"), "2026-11-24T01:00:00Z");
    send(Topics.PUBLISH_LATENCY_KPI, "eu-1", latency("eu-1", 30, "2026-11-24T01:00:00Z"), "2026-11-24T01:00:00Z");
    topology.driver().advanceWallClockTime(DailyUpdateProcessor.IDLE_AFTER.minusSeconds(30));
    assertThat(updates.isEmpty()).isTrue();
    send(Topics.REVIEW_LATENCY_KPI, "all", review(4, 5.0, 0, "2026-11-24T02:00:00Z"), "2026-11-24T02:00:00Z");
    send(Topics.PUBLISH_LATENCY_KPI, "eu-1", latency("eu-1", 30, "2026-11-24T02:00:00Z"), "2026-11-24T02:00:00Z");
    topology.driver().advanceWallClockTime(Duration.ofSeconds(40));
    assertThat(updates.readRecordsToList()).extracting(TestRecord::key).containsExactly("2026-11-23");
  }

  @Test
  void aFarFutureValueDoesNotWriteDaysAheadNorStopTheReport() {
    steadySourcesReport("2026-11-23T12:00:00Z");
    // A minute of the year 9999 on us-1, then every source falls silent.
    send(Topics.PUBLISH_LATENCY_KPI, "us-1", latency("us-1", 20, "9999-12-31T23:59:00Z"), "9999-12-31T23:59:00Z");
    topology.driver().advanceWallClockTime(DailyUpdateProcessor.IDLE_AFTER.plusSeconds(30));
    assertThat(updates.isEmpty()).as("nothing is decided while every source is silent").isTrue();
    // Everything reports on Tuesday: Monday is written, and only Monday.
    steadySourcesReport("2026-11-24T12:00:00Z");
    assertThat(finalUpdates()).containsOnlyKeys("2026-11-23");
  }

  @Test
  void pendingInputsSortByDayForEveryYear() {
    ReportInput in = ReportInput.ofReview("all", null);
    List<String> keys = List.of("1970-01-01T00:00:00Z", "2026-11-23T23:59:59.999Z", "2026-11-24T00:00:00Z",
            "9999-12-31T23:59:00Z", "+10000-01-01T00:00:00Z").stream()
        .map(Instant::parse)
        .map(t -> DailyUpdateProcessor.pendingKey(LocalDate.ofInstant(t, ZoneOffset.UTC), t, in))
        .toList();
    assertThat(keys).isSorted();
  }

  @Test
  void aDayWithoutAnyKpiChangeStillGetsItsUpdateWithTheValuesCarriedOver() {
    // Only review latency reports: the other steady sources are not waited for once two minutes
    // have passed without them.
    topology.driver().advanceWallClockTime(DailyUpdateProcessor.IDLE_AFTER);
    // Monday: one review KPI and one breaking change. Then nothing until Thursday 08:00.
    send(Topics.API_STABILITY_KPI, "2026-Q4", quarter(Map.of("consumer-api", new Counts(1, 0, 0)), "2026-11-23T09:00:00Z"), "2026-11-23T09:00:00Z");
    send(Topics.REVIEW_LATENCY_KPI, "all", review(3, 3.0, 0, "2026-11-23T10:00:00Z"), "2026-11-23T10:00:00Z");
    send(Topics.REVIEW_LATENCY_KPI, "all", review(4, 5.0, 0, "2026-11-26T08:00:00Z"), "2026-11-26T08:00:00Z");

    List<TestRecord<String, DailyUpdate>> written = updates.readRecordsToList();
    // Monday, and the quiet Tuesday and Wednesday; Thursday is still open.
    assertThat(written).extracting(TestRecord::key).containsExactly("2026-11-23", "2026-11-24", "2026-11-25");
    for (TestRecord<String, DailyUpdate> quiet : written.subList(1, 3)) {
      // Monday's mean of 3.0 h carried over, not Thursday's 5.0 h; nothing merged on a quiet day.
      assertThat(quiet.value().status().get(0).value()).isEqualTo("3.0 business h over 3 reviews");
      assertThat(quiet.value().decisions()).isEmpty();
      assertThat(quiet.value().asOf()).isEqualTo(quiet.value().date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    assertThat(written.get(0).value().decisions())
        .containsExactly("Merged 1 breaking API change (consumer-api 1); 2026-Q4 now has 1 against a target of 0");
  }

  @Test
  void aJumpOfWeeksWritesOnlyTheLastQuietDays() {
    topology.driver().advanceWallClockTime(DailyUpdateProcessor.IDLE_AFTER);
    send(Topics.REVIEW_LATENCY_KPI, "all", review(3, 3.0, 0, "2026-11-01T10:00:00Z"), "2026-11-01T10:00:00Z");
    send(Topics.REVIEW_LATENCY_KPI, "all", review(4, 5.0, 0, "2026-11-26T08:00:00Z"), "2026-11-26T08:00:00Z");

    // 2026-11-01's own update, then the 7 quiet days before the 26th: 19th to 25th.
    assertThat(updates.readRecordsToList())
        .extracting(TestRecord::key)
        .containsExactly("2026-11-01", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23",
            "2026-11-24", "2026-11-25");
  }

  @Test
  void theMarkdownAndHtmlEscapeWhatTheUpdateSays() {
    DailyUpdate update =
        new DailyUpdate(DailyUpdate.VERSION, LocalDate.parse("2026-11-23"), Instant.parse("2026-11-24T00:00:30Z"),
            List.of(new Status("Breaking API changes, 2026-Q4", "3", "0", Outcome.MISSED)),
            List.of("Open P0 ESC-7 (Acme <script>*Corp*</script>, connect), open 36 h"),
            List.of());
    assertThat(DailyUpdateText.markdown(update))
        .isEqualTo(
            """
            # PM Pulse daily update, 2026-11-23

            _As of 2026-11-24 00:00 UTC, the end of the day (event time)._

            ## Status

            - **Breaking API changes, 2026-Q4**: 3 (target 0): **missed**

            ## Risks

            - Open P0 ESC-7 (Acme \\<script\\>\\*Corp\\*\\</script\\>, connect), open 36 h

            ## Decisions

            None.
            """);
    String html = DailyUpdateText.html(update);
    assertThat(html)
        .contains("<li>Open P0 ESC-7 (Acme &lt;script&gt;*Corp*&lt;/script&gt;, connect), open 36 h</li>")
        .contains("<td class=\"bad\">missed</td>")
        .doesNotContain("<script>");
  }
}
