package dev.pmpulse.streams.reviewlatency;

import static dev.pmpulse.events.PrEvent.ReviewState.APPROVED;
import static dev.pmpulse.events.PrEvent.ReviewState.CHANGES_REQUESTED;
import static dev.pmpulse.events.PrEvent.ReviewState.COMMENTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PR review latency on the real topology; every expected value is worked out in the test. */
class ReviewLatencyTopologyTest {
  private static final double HOUR = 3600;
  private static final String LA = "America/Los_Angeles";
  private static final String BERLIN = "Europe/Berlin";

  @TempDir Path stateDir;
  private ReviewLatencyRun run;
  private TestOutputTopic<String, ReviewLatencyKpi> kpis;
  private PrometheusMeterRegistry meters;

  @BeforeEach
  void start() {
    run = new ReviewLatencyRun(stateDir);
    kpis = run.kpis;
    meters = run.meters;
  }

  @AfterEach
  void stop() {
    run.close();
  }

  private void send(PrEvent... events) {
    run.send(events);
  }

  private Map<String, ReviewLatencyKpi> latestByTeam() {
    return run.latestByTeam();
  }

  @Test
  void weekendBetweenRequestAndReviewIsNotCounted() {
    PrStory pr = new PrStory("streams", LA, 1, "ana");
    // Friday 16:00 -> 17:00 (1 h) + Monday 09:00 -> 10:00 (1 h) = 2 business hours.
    send(pr.openedWithReviewers("2026-11-20T16:00", "bo"), pr.review("2026-11-23T10:00", "bo", APPROVED));

    ReviewLatencyKpi kpi = latestByTeam().get("streams");
    assertThat(kpi.last7Days().count()).isEqualTo(1);
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(2 * HOUR);
    assertThat(kpi.last7Days().withinTargetRatio()).isEqualTo(1.0);
    assertThat(kpi.targetSeconds()).isEqualTo(4 * HOUR);
  }

  @Test
  void requestOutsideHoursWaitsForTheNextWorkingMorning() {
    PrStory pr = new PrStory("streams", LA, 2, "ana");
    // Requested Tuesday 20:00 (after hours); reviewed Wednesday 10:30: 09:00 -> 10:30 = 1.5 h.
    send(pr.opened("2026-11-24T19:00"), pr.reviewRequested("2026-11-24T20:00", "bo"),
        pr.review("2026-11-25T10:30", "bo", CHANGES_REQUESTED));

    assertThat(latestByTeam().get("streams").last7Days().meanSeconds()).isEqualTo(1.5 * HOUR);
  }

  @Test
  void authorAndBotReviewsAndCommentsDoNotEndTheWait() {
    PrStory pr = new PrStory("streams", LA, 3, "ana");
    // Requested Monday 09:00. The author's approval (09:30), a bot's approval (10:00) and a
    // reviewer's comment-only review (11:00) do not count; the reviewer's request for changes at
    // 14:00 does: 09:00 -> 14:00 = 5 h, over the 4 h target.
    send(
        pr.openedWithReviewers("2026-11-23T09:00", "bo"),
        pr.review("2026-11-23T09:30", "ana", APPROVED),
        pr.review("2026-11-23T10:00", "renovate[bot]", APPROVED),
        pr.review("2026-11-23T11:00", "bo", COMMENTED),
        pr.review("2026-11-23T14:00", "bo", CHANGES_REQUESTED),
        pr.review("2026-11-23T15:00", "cy", APPROVED));

    ReviewLatencyKpi kpi = latestByTeam().get("streams");
    assertThat(kpi.last7Days().count()).isEqualTo(1);
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(5 * HOUR);
    assertThat(kpi.last7Days().withinTargetRatio()).isEqualTo(0.0);
  }

  @Test
  void outOfOrderAndDuplicatedEventsGiveTheSameAnswer() {
    PrStory pr = new PrStory("connect", BERLIN, 4, "dora");
    PrEvent request = pr.reviewRequested("2026-11-23T10:00", "emil");
    PrEvent review = pr.review("2026-11-23T13:00", "emil", APPROVED);
    // The review arrives before the request, then both arrive again: still one PR, 10:00 -> 13:00.
    send(pr.opened("2026-11-23T09:00"), review, request, review, request);

    ReviewLatencyKpi kpi = latestByTeam().get("connect");
    assertThat(kpi.last7Days().count()).isEqualTo(1);
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(3 * HOUR);
  }

  @Test
  void reviewBeforeTheRequestDoesNotEndTheWait() {
    PrStory pr = new PrStory("connect", BERLIN, 5, "dora");
    // An approval at 09:30 precedes the request at 10:00, so it is not an answer to it; the
    // approval at 15:00 is: 10:00 -> 15:00 = 5 h.
    send(pr.opened("2026-11-23T09:00"), pr.review("2026-11-23T09:30", "emil", APPROVED),
        pr.reviewRequested("2026-11-23T10:00", "emil"), pr.review("2026-11-23T15:00", "fritz", APPROVED));

    assertThat(latestByTeam().get("connect").last7Days().meanSeconds()).isEqualTo(5 * HOUR);
  }

  @Test
  void teamFiguresOverSeveralPrs() {
    // Five PRs requested Monday 09:00 LA, reviewed after 1, 2, 3, 5 and 6 business hours.
    int[] hours = {1, 2, 3, 5, 6};
    for (int i = 0; i < hours.length; i++) {
      PrStory pr = new PrStory("streams", LA, 10 + i, "ana");
      send(pr.openedWithReviewers("2026-11-23T09:00", "bo"),
          pr.review("2026-11-23T%02d:00".formatted(9 + hours[i]), "bo", APPROVED));
    }
    ReviewLatencyKpi kpi = latestByTeam().get("streams");
    // mean = (1+2+3+5+6)/5 = 3.4 h; within 4 h: 3 of 5.
    assertThat(kpi.last7Days().count()).isEqualTo(5);
    assertThat(kpi.last7Days().meanSeconds()).isCloseTo(3.4 * HOUR, within(1e-6));
    assertThat(kpi.last7Days().withinTargetRatio()).isEqualTo(0.6);
    // The sketch's quantile q is the value of rank floor(q*(n-1)) in sorted order (0-based), within
    // 1%: p50 -> rank 2 -> 3 h; p90 -> rank floor(3.6) = 3 -> 5 h.
    double err = DurationSketch.RELATIVE_ACCURACY;
    assertThat(kpi.last7Days().p50Seconds()).isCloseTo(3 * HOUR, within(3 * HOUR * err));
    assertThat(kpi.last7Days().p90Seconds()).isCloseTo(5 * HOUR, within(5 * HOUR * err));
    // The same reviews are the whole of the overall figure and of Monday's figure.
    ReviewLatencyKpi all = latestByTeam().get(ReviewLatencyKpi.ALL_TEAMS);
    assertThat(all.last7Days().count()).isEqualTo(5);
    assertThat(kpi.today().count()).isEqualTo(5);
  }

  @Test
  void prsWaitingBeyondTheTargetAreCountedWhileTheyWait() {
    PrStory waiting = new PrStory("streams", LA, 20, "ana");
    PrStory other = new PrStory("streams", LA, 21, "ana");
    send(waiting.openedWithReviewers("2026-11-23T09:00", "bo"));
    // Other traffic moves stream time to 12:30 (3.5 business hours of waiting): not yet overdue.
    send(other.opened("2026-11-23T12:30"));
    assertThat(latestByTeam()).doesNotContainKey("streams");
    // At 13:30 (4.5 h) the next scan finds it overdue.
    send(other.opened("2026-11-23T13:30"));
    assertThat(latestByTeam().get("streams").waitingOverTarget()).isEqualTo(1);
    // Its review at 14:00 ends the wait (5 h) and the live count drops back to 0.
    send(waiting.review("2026-11-23T14:00", "bo", APPROVED));
    ReviewLatencyKpi kpi = latestByTeam().get("streams");
    assertThat(kpi.waitingOverTarget()).isZero();
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(5 * HOUR);
  }

  @Test
  void aScanWorksAsOfTheStartOfItsQuarterHourNotTheRecordThatTriggeredIt() {
    // Scans are due every 15 minutes of stream time (:00, :15, :30, :45) and run at the first
    // record past that; a task restarted mid-stream runs one at its first record, wherever that
    // falls. Working as of the quarter hour keeps what a scan finds the same either way.
    PrStory waiting = new PrStory("streams", LA, 30, "ana");
    PrStory other = new PrStory("streams", LA, 31, "ana");
    send(waiting.openedWithReviewers("2026-11-23T09:07", "bo")); // over the 4 business hours after 13:07
    // The 13:00 scan runs at 13:10: as of 13:00 the PR has waited 3 h 53 min, not overdue (as of
    // 13:10 it would be 4 h 03 min).
    send(other.opened("2026-11-23T13:10"), other.opened("2026-11-23T13:14"));
    assertThat(latestByTeam()).doesNotContainKey("streams");
    send(other.opened("2026-11-23T13:16")); // the 13:15 scan: 4 h 08 min
    assertThat(latestByTeam().get("streams").waitingOverTarget()).isEqualTo(1);
  }

  @Test
  void outcomesMetAfterMidnightRestateTheEndOfTheirDay() {
    // Berlin is UTC+1: Monday 2026-11-23 local is Monday UTC throughout the working day.
    PrStory a = new PrStory("connect", BERLIN, 60, "dora");
    PrStory b = new PrStory("connect", BERLIN, 61, "dora");
    PrStory w = new PrStory("connect", BERLIN, 62, "dora");
    PrStory c = new PrStory("connect", BERLIN, 63, "dora");
    PrStory v = new PrStory("connect", BERLIN, 64, "dora");
    PrStory traffic = new PrStory("connect", BERLIN, 65, "dora");
    // Monday: A reviewed after 2 h; W and V wait, and the 13:15 scan finds both over the 4 h target.
    send(w.openedWithReviewers("2026-11-23T09:00", "emil"), v.openedWithReviewers("2026-11-23T09:00", "emil"),
        a.openedWithReviewers("2026-11-23T09:00", "emil"), a.review("2026-11-23T11:00", "emil", APPROVED),
        traffic.opened("2026-11-23T13:20"));
    // Tuesday: C reviewed after 1 h; V reviewed at 10:30, after 8 h on Monday and 2 h on Tuesday
    // (connect works 08:30-17:00 Berlin time).
    // Stream time is now Tuesday.
    send(c.openedWithReviewers("2026-11-24T10:00", "emil"), v.review("2026-11-24T10:30", "emil", APPROVED),
        c.review("2026-11-24T11:00", "emil", APPROVED));
    Instant mondayEnd = Instant.parse("2026-11-23T23:59:59.999Z");
    assertThat(kpis.readRecordsToList()).noneMatch(r -> r.value().asOf().equals(mondayEnd));

    // Then Monday's rest arrives, as from a partition that was behind: B reviewed after 3 h
    // (13:00 -> 16:00), and W's review at 15:00, 6 h after its request.
    send(b.openedWithReviewers("2026-11-23T13:00", "emil"), b.review("2026-11-23T16:00", "emil", APPROVED),
        w.review("2026-11-23T15:00", "emil", APPROVED));
    Map<String, ReviewLatencyKpi> monday = new HashMap<>();
    Map<String, ReviewLatencyKpi> newest = new HashMap<>();
    for (var r : kpis.readRecordsToList()) {
      if (r.value().asOf().equals(mondayEnd)) {
        monday.put(r.key(), r.value());
      } else {
        newest.put(r.key(), r.value());
      }
    }
    // Monday restated as of its end: A 2 h, B 3 h, W 6 h; within 4 h: A and B. Waiting at its end:
    // V (reviewed on Tuesday), not W (reviewed on Monday).
    ReviewLatencyKpi restated = monday.get("connect");
    assertThat(restated.day()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(restated.last7Days().count()).isEqualTo(3);
    assertThat(restated.last7Days().meanSeconds()).isCloseTo(11.0 / 3 * HOUR, within(1e-6));
    assertThat(restated.last7Days().withinTargetRatio()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(restated.today().count()).isEqualTo(3);
    assertThat(restated.waitingOverTarget()).isEqualTo(1);
    assertThat(monday.get(ReviewLatencyKpi.ALL_TEAMS).last7Days().count()).isEqualTo(3);
    // Tuesday, as of stream time: the five reviews, (2 + 3 + 6 + 1 + 10) / 5 = 4.4 h; C and V
    // today; nothing waiting.
    ReviewLatencyKpi tuesday = newest.get("connect");
    assertThat(tuesday.day()).isEqualTo(LocalDate.parse("2026-11-24"));
    assertThat(tuesday.last7Days().count()).isEqualTo(5);
    assertThat(tuesday.last7Days().meanSeconds()).isCloseTo(4.4 * HOUR, within(1e-6));
    assertThat(tuesday.today().count()).isEqualTo(2);
    assertThat(tuesday.waitingOverTarget()).isZero();
    // The last record is the latest report: what the view and the metrics keep.
    var view = run.topology.view(KpiViews.REVIEW_LATENCY, "connect");
    assertThat(view.day()).isEqualTo(LocalDate.parse("2026-11-24"));
    assertThat(meters.scrape()).contains("pmpulse_review_latency_mean_seconds{team=\"connect\"} 15840.0");
  }

  @Test
  void aTeamsReportsAreStampedByItsOwnReviewsAndWholeHoursNotByOtherTeams() {
    PrStory a = new PrStory("streams", "UTC", 70, "ana");
    PrStory late = new PrStory("streams", "UTC", 71, "ana");
    PrStory b = new PrStory("connect", "UTC", 72, "dora");
    send(a.openedWithReviewers("2026-11-23T09:00", "bo"), late.openedWithReviewers("2026-11-23T09:05", "bo"),
        a.review("2026-11-23T10:20", "bo", APPROVED));
    send(b.openedWithReviewers("2026-11-23T09:30", "emil"), b.review("2026-11-23T10:40", "emil", APPROVED));
    // Stream time is 10:40 (connect's review). A streams review of 10:10 arrives: its report is as
    // of streams' own latest, 10:20, not of whatever record moved stream time last.
    send(late.review("2026-11-23T10:10", "bo", APPROVED));
    // A record past 11:00 triggers the hourly report: every team as of 11:00, not of that record.
    send(b.opened("2026-11-23T11:05"));

    Map<String, List<String>> stamps = new HashMap<>();
    kpis.readRecordsToList().forEach(r ->
        stamps.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().asOf().toString()));
    assertThat(stamps.get("streams")).containsExactly("2026-11-23T10:20:00Z", "2026-11-23T10:20:00Z", "2026-11-23T11:00:00Z");
    assertThat(stamps.get("connect")).containsExactly("2026-11-23T10:40:00Z", "2026-11-23T11:00:00Z");
    assertThat(stamps.get(ReviewLatencyKpi.ALL_TEAMS))
        .containsExactly("2026-11-23T10:20:00Z", "2026-11-23T10:40:00Z", "2026-11-23T10:40:00Z", "2026-11-23T11:00:00Z");
  }

  @Test
  void aTeamNamedLikeAnotherTeamsDayKeepsItsOwnFigures() {
    PrStory odd = new PrStory("ops|2026-11-23", "UTC", 80, "ana");
    PrStory ops = new PrStory("ops", "UTC", 81, "ana");
    PrStory traffic = new PrStory("ops", "UTC", 82, "ana");
    // "ops|2026-11-23" waits over target (scan at 13:15); "ops" is reviewed after 1 h.
    send(odd.openedWithReviewers("2026-11-23T09:00", "bo"), ops.openedWithReviewers("2026-11-23T09:00", "bo"),
        ops.review("2026-11-23T10:00", "bo", APPROVED), traffic.opened("2026-11-23T13:20"));
    // Two weeks on (reviews move the aggregating task's stream time, a few days at a time: input
    // more than 7 days ahead is dead-lettered), the hourly report has forgotten 2026-11-23's day
    // entries, and each team is still itself.
    int number = 83;
    for (String day : List.of("2026-11-29", "2026-12-04", "2026-12-07")) {
      PrStory later = new PrStory("ops", "UTC", number++, "ana");
      send(later.openedWithReviewers(day + "T09:00", "bo"), later.review(day + "T11:00", "bo", APPROVED));
    }
    Map<String, ReviewLatencyKpi> now = latestByTeam();
    assertThat(now.get("ops|2026-11-23").day()).isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(now.get("ops|2026-11-23").waitingOverTarget()).isEqualTo(1);
    assertThat(now.get("ops|2026-11-23").last7Days().count()).isZero();
    assertThat(now.get("ops").waitingOverTarget()).isZero();
    // The 7 days to Monday 2026-12-07 hold the reviews of Friday 12-04 and 12-07, 2 business h each.
    assertThat(now.get("ops").last7Days().count()).isEqualTo(2);
    assertThat(now.get("ops").last7Days().meanSeconds()).isEqualTo(2 * HOUR);
  }

  @Test
  void reviewsOlderThanTheWindowAreLateAndNotCounted() {
    PrStory recent = new PrStory("streams", LA, 30, "ana");
    send(recent.openedWithReviewers("2026-11-23T09:00", "bo"), recent.review("2026-11-23T10:00", "bo", APPROVED));
    // A PR reviewed 14 days earlier arrives now: outside the 7-day window of every day that can
    // still be restated (the 7 days before 11-23), so it is late.
    PrStory old = new PrStory("streams", LA, 31, "ana");
    send(old.openedWithReviewers("2026-11-09T09:00", "bo"), old.review("2026-11-09T11:00", "bo", APPROVED));

    assertThat(meters.counter("pmpulse.late.records", "kpi", "review-latency").count()).isEqualTo(1);
    assertThat(latestByTeam().get("streams").last7Days().count()).isEqualTo(1);
  }

  @Test
  void mergedWithoutReviewIsNotALatency() {
    PrStory pr = new PrStory("streams", LA, 40, "ana");
    send(pr.openedWithReviewers("2026-11-23T09:00", "bo"), pr.merged("2026-11-23T09:30"),
        pr.review("2026-11-23T10:00", "bo", APPROVED));
    // The merge ends the PR; the late review starts a fresh state with no request: nothing measured.
    ReviewLatencyKpi kpi = latestByTeam().get("streams");
    assertThat(kpi == null ? 0 : kpi.last7Days().count()).isZero();
  }

  @Test
  void kpiIsOnMetricsWithPrometheusNames() {
    PrStory pr = new PrStory("streams", LA, 50, "ana");
    send(pr.openedWithReviewers("2026-11-23T09:00", "bo"), pr.review("2026-11-23T10:30", "bo", APPROVED));
    String scrape = meters.scrape();
    // 09:00 -> 10:30 = 1.5 h = 5400 s; one review, within target.
    assertThat(scrape)
        .contains("pmpulse_review_latency_mean_seconds{team=\"streams\"} 5400.0")
        .contains("pmpulse_review_latency_mean_seconds{team=\"all\"} 5400.0")
        .contains("pmpulse_review_latency_reviews{team=\"streams\"} 1.0")
        .contains("pmpulse_review_latency_within_target_ratio{team=\"streams\"} 1.0")
        .contains("pmpulse_review_waiting_over_target{team=\"streams\"} 0.0")
        .contains("pmpulse_review_latency_target_seconds 14400.0")
        .contains("pmpulse_accepted_records_total{topic=\"pmpulse.pr-events\"} 2.0");
  }
}
