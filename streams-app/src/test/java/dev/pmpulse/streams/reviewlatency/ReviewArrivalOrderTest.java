package dev.pmpulse.streams.reviewlatency;

import static dev.pmpulse.events.PrEvent.ReviewState.APPROVED;
import static dev.pmpulse.events.PrEvent.ReviewState.CHANGES_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PR's review latency is the same whatever order its events arrive in: the earliest request and
 * the first qualifying review at or after it, by event time. The connect team works 08:30-17:00
 * Berlin time (UTC+1 in November), Monday to Friday; every expected value is worked out here.
 */
class ReviewArrivalOrderTest {
  private static final double HOUR = 3600;
  private static final String BERLIN = "Europe/Berlin";
  private static final Instant MONDAY_END = Instant.parse("2026-11-23T23:59:59.999Z");

  @TempDir Path stateDir;
  private ReviewLatencyRun run;
  private PrometheusMeterRegistry meters;
  private FullTopology topology;
  private TestOutputTopic<String, ReviewLatencyKpi> kpis;

  @BeforeEach
  void start() {
    run = new ReviewLatencyRun(stateDir);
    meters = run.meters;
    topology = run.topology;
    kpis = run.kpis;
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void send(PrEvent... events) {
    run.send(events);
  }

  private static Map<String, ReviewLatencyKpi> latest(List<TestRecord<String, ReviewLatencyKpi>> records) {
    Map<String, ReviewLatencyKpi> latest = new HashMap<>();
    records.forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  /** Requested 09:00; changes requested 13:00 (4 h); approved 15:30 (6.5 h). */
  private final PrStory pr = new PrStory("connect", BERLIN, 1, "jonas");
  private final PrEvent requested = pr.openedWithReviewers("2026-11-23T09:00", "mia");
  private final PrEvent changesRequested = pr.review("2026-11-23T13:00", "mia", CHANGES_REQUESTED);
  private final PrEvent approved = pr.review("2026-11-23T15:30", "felix", APPROVED);

  private void assertMeasuredFromTheChangesRequested(ReviewLatencyKpi kpi) {
    // The first qualifying review is the request for changes: 09:00 -> 13:00 = 4 h, within the 4 h
    // target (at it counts as within). One PR, so every quantile is that one value (1% sketch error).
    assertThat(kpi.last7Days().count()).isEqualTo(1);
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(4 * HOUR);
    assertThat(kpi.last7Days().withinTargetRatio()).isEqualTo(1.0);
    assertThat(kpi.last7Days().p50Seconds()).isCloseTo(4 * HOUR, within(4 * HOUR * DurationSketch.RELATIVE_ACCURACY));
    // Were 6.5 h still in the sketch, p90 would be near it.
    assertThat(kpi.last7Days().p90Seconds()).isCloseTo(4 * HOUR, within(4 * HOUR * DurationSketch.RELATIVE_ACCURACY));
    assertThat(kpi.today().count()).isEqualTo(1);
    assertThat(kpi.today().meanSeconds()).isEqualTo(4 * HOUR);
  }

  @Test
  void changesRequestedArrivingFirstIsTheMeasure() {
    send(requested, changesRequested, approved);

    Map<String, ReviewLatencyKpi> now = latest(kpis.readRecordsToList());
    assertMeasuredFromTheChangesRequested(now.get("connect"));
    assertMeasuredFromTheChangesRequested(now.get(ReviewLatencyKpi.ALL_TEAMS));
  }

  @Test
  void changesRequestedArrivingAfterTheApprovalCorrectsTheMeasure() {
    send(requested, approved);
    // Measured from the approval first: 09:00 -> 15:30 = 6.5 h, over target.
    ReviewLatencyKpi first = latest(kpis.readRecordsToList()).get("connect");
    assertThat(first.last7Days().meanSeconds()).isEqualTo(6.5 * HOUR);
    assertThat(first.last7Days().withinTargetRatio()).isEqualTo(0.0);

    send(changesRequested);

    Map<String, ReviewLatencyKpi> now = latest(kpis.readRecordsToList());
    assertMeasuredFromTheChangesRequested(now.get("connect"));
    assertMeasuredFromTheChangesRequested(now.get(ReviewLatencyKpi.ALL_TEAMS));
    assertThat(meters.scrape())
        .contains("pmpulse_review_latency_mean_seconds{team=\"connect\"} 14400.0")
        .contains("pmpulse_review_latency_reviews{team=\"connect\"} 1.0");
  }

  @Test
  void anEarlierRequestArrivingLateMovesTheMeasureAndRestatesItsDay() {
    PrStory late = new PrStory("connect", BERLIN, 2, "jonas");
    // Monday: opened without reviewers 09:00; emil requests changes at 12:00, before anyone asked;
    // a review is requested at 15:00. Tuesday: fritz approves at 10:00.
    send(late.opened("2026-11-23T09:00"), late.review("2026-11-23T12:00", "emil", CHANGES_REQUESTED),
        late.reviewRequested("2026-11-23T15:00", "emil"), late.review("2026-11-24T10:00", "fritz", APPROVED));
    // Measured from 15:00 to Tuesday's approval: 15:00 -> 17:00 (2 h) + 08:30 -> 10:00 (1.5 h).
    ReviewLatencyKpi before = latest(kpis.readRecordsToList()).get("connect");
    assertThat(before.day()).isEqualTo(LocalDate.parse("2026-11-24"));
    assertThat(before.last7Days().meanSeconds()).isEqualTo(3.5 * HOUR);
    assertThat(before.today().count()).isEqualTo(1);

    // Then a request of Monday 10:00 arrives: the first request now, and emil's 12:00 review the
    // first one after it: 10:00 -> 12:00 = 2 h, on Monday.
    send(late.reviewRequested("2026-11-23T10:00", "emil"));

    List<TestRecord<String, ReviewLatencyKpi>> records = kpis.readRecordsToList();
    Map<String, ReviewLatencyKpi> monday = new HashMap<>();
    records.stream().filter(r -> r.value().asOf().equals(MONDAY_END)).forEach(r -> monday.put(r.key(), r.value()));
    ReviewLatencyKpi restated = monday.get("connect");
    assertThat(restated.day()).isEqualTo(LocalDate.parse("2026-11-23"));
    assertThat(restated.today().count()).isEqualTo(1);
    assertThat(restated.today().meanSeconds()).isEqualTo(2 * HOUR);
    // Tuesday, as of stream time: the one PR, 2 h, none of it on Tuesday any more.
    ReviewLatencyKpi tuesday = latest(records).get("connect");
    assertThat(tuesday.day()).isEqualTo(LocalDate.parse("2026-11-24"));
    assertThat(tuesday.last7Days().count()).isEqualTo(1);
    assertThat(tuesday.last7Days().meanSeconds()).isEqualTo(2 * HOUR);
    assertThat(tuesday.last7Days().withinTargetRatio()).isEqualTo(1.0);
    assertThat(tuesday.today().count()).isZero();
    assertThat(latest(records).get(ReviewLatencyKpi.ALL_TEAMS).last7Days().meanSeconds()).isEqualTo(2 * HOUR);
  }

  @Test
  void aDuplicateChangesNothing() {
    send(requested, approved, changesRequested);
    ReviewLatencyKpi before = latest(kpis.readRecordsToList()).get("connect");
    assertMeasuredFromTheChangesRequested(before);

    // Every event again, in yet another order: the PR's measure is the one already counted.
    send(approved, changesRequested, requested, changesRequested);

    assertThat(kpis.readRecordsToList()).as("reports after the duplicates").isEmpty();
    PrReview state = topology.driver().<String, PrReview>getKeyValueStore(ReviewLatency.PR_STATE_STORE).get(pr.key());
    assertThat(state.measurement().businessSeconds()).isEqualTo(4 * HOUR);
    assertThat(state.measurement().reviewedAt()).isEqualTo(changesRequested.at());
  }

  @Test
  void aCorrectedPrThatWaitedOverTargetLeavesTheWaitingCountOnce() {
    PrStory slow = new PrStory("connect", BERLIN, 3, "jonas");
    PrStory traffic = new PrStory("connect", BERLIN, 4, "jonas");
    // Requested 09:00; by the 13:45 scan it has waited 4 h 45 min: over target, waiting.
    send(slow.openedWithReviewers("2026-11-23T09:00", "mia"), traffic.opened("2026-11-23T13:50"));
    assertThat(latest(kpis.readRecordsToList()).get("connect").waitingOverTarget()).isEqualTo(1);
    // Approved at 16:00 (7 h); then a request for changes of 14:00 (5 h) arrives.
    send(slow.review("2026-11-23T16:00", "felix", APPROVED), slow.review("2026-11-23T14:00", "mia", CHANGES_REQUESTED));

    ReviewLatencyKpi now = latest(kpis.readRecordsToList()).get("connect");
    assertThat(now.waitingOverTarget()).isZero();
    assertThat(now.last7Days().count()).isEqualTo(1);
    assertThat(now.last7Days().meanSeconds()).isEqualTo(5 * HOUR);
    assertThat(now.last7Days().withinTargetRatio()).isEqualTo(0.0);
  }
}
