package dev.pmpulse.streams.reviewlatency;

import static dev.pmpulse.events.PrEvent.ReviewState.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team directory as the topology reads it, from the teams topic: a record written there
 * changes that team's next figures, with no restart. The connect team works 08:30-17:00 Berlin time
 * (UTC+1 in November) in the shipped teams file.
 */
class TeamDirectoryTopologyTest {
  private static final double HOUR = 3600;
  private static final String BERLIN = "Europe/Berlin";
  private static final Team CONNECT = TeamDirectory.defaults().find("connect").orElseThrow();

  @TempDir Path stateDir;
  private ReviewLatencyRun run;
  private PrometheusMeterRegistry meters;
  private FullTopology topology;
  private TestInputTopic<String, Team> teams;
  private TestOutputTopic<String, ReviewLatencyKpi> kpis;
  private final Map<String, ReviewLatencyKpi> latest = new HashMap<>();

  @BeforeEach
  void start() {
    run = new ReviewLatencyRun(stateDir);
    meters = run.meters;
    topology = run.topology;
    teams = topology.input(Topics.TEAMS);
    kpis = run.kpis;
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void send(PrEvent... events) {
    run.send(events);
  }

  private ReviewLatencyKpi latest(String team) {
    kpis.readRecordsToList().forEach(r -> latest.put(r.key(), r.value()));
    return latest.get(team);
  }

  private static Team connect(LocalTime start, List<String> ignoredLogins, double reviewHours) {
    return new Team("connect", CONNECT.zone(), start, CONNECT.workEnd(), CONNECT.workDays(), CONNECT.publicHolidays(),
        CONNECT.daysOff(), CONNECT.repositories(), CONNECT.members(), ignoredLogins, reviewHours);
  }

  @Test
  void newWorkingHoursOnTheTopicChangeTheTeamsNextFigures() {
    PrStory before = new PrStory("connect", BERLIN, 1, "jonas");
    // 09:00 -> 11:00 within 08:30-17:00: 2 h.
    send(before.openedWithReviewers("2026-11-23T09:00", "mia"), before.review("2026-11-23T11:00", "mia", APPROVED));
    assertThat(latest("connect").last7Days().meanSeconds()).isEqualTo(2 * HOUR);

    // The team now starts at 10:00.
    teams.pipeInput("connect", CONNECT.withHours(LocalTime.of(10, 0), CONNECT.workEnd()), Instant.parse("2026-11-23T10:30:00Z"));

    PrStory after = new PrStory("connect", BERLIN, 2, "jonas");
    // 09:00 -> 11:00, counted from 10:00: 1 h. The first PR keeps its 2 h: mean (2 + 1) / 2 = 1.5 h.
    send(after.openedWithReviewers("2026-11-23T09:00", "mia"), after.review("2026-11-23T11:00", "mia", APPROVED));
    ReviewLatencyKpi kpi = latest("connect");
    assertThat(kpi.last7Days().count()).isEqualTo(2);
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(1.5 * HOUR);
  }

  @Test
  void aTeamsOwnTargetAndIgnoredLoginsApplyFromItsRecord() {
    // Target 1.5 business hours; reviews by merge-robot (no [bot] suffix) never count.
    teams.pipeInput("connect", connect(CONNECT.workStart(), List.of("Merge-Robot"), 1.5), Instant.EPOCH);
    PrStory pr = new PrStory("connect", BERLIN, 3, "jonas");
    // Requested 09:00; the robot approves at 09:05 (ignored, whatever the case of its login); mia
    // approves at 11:00: 2 h, over the team's 1.5 h.
    send(pr.openedWithReviewers("2026-11-23T09:00", "mia"), pr.review("2026-11-23T09:05", "merge-robot", APPROVED),
        pr.review("2026-11-23T11:00", "mia", APPROVED));

    ReviewLatencyKpi kpi = latest("connect");
    assertThat(kpi.targetSeconds()).isEqualTo(1.5 * HOUR);
    assertThat(kpi.last7Days().meanSeconds()).isEqualTo(2 * HOUR);
    assertThat(kpi.last7Days().withinTargetRatio()).isEqualTo(0.0);
    // The overall figure keeps the default 4 h target; the review was judged by its team's.
    ReviewLatencyKpi all = latest(ReviewLatencyKpi.ALL_TEAMS);
    assertThat(all.targetSeconds()).isEqualTo(4 * HOUR);
    assertThat(all.last7Days().withinTargetRatio()).isEqualTo(0.0);
    assertThat(meters.scrape())
        .contains("pmpulse_review_latency_team_target_seconds{team=\"connect\"} 5400.0")
        .contains("pmpulse_review_latency_team_target_seconds{team=\"all\"} 14400.0")
        .contains("pmpulse_review_latency_target_seconds 14400.0");
  }

  @Test
  void aRemovedTeamFallsBackToNineToFiveUtc() {
    teams.pipeInput("connect", null, Instant.EPOCH);
    PrStory pr = new PrStory("connect", BERLIN, 4, "jonas");
    // 09:00 Berlin is 08:00 UTC: the fallback opens at 09:00 UTC; 11:00 Berlin is 10:00 UTC: 1 h.
    send(pr.openedWithReviewers("2026-11-23T09:00", "mia"), pr.review("2026-11-23T11:00", "mia", APPROVED));
    assertThat(latest("connect").last7Days().meanSeconds()).isEqualTo(1 * HOUR);
  }

  @Test
  void aBadTeamRecordIsCountedAndTheTeamKeepsItsRecord() {
    TestInputTopic<String, String> raw = topology.textInput(Topics.TEAMS);
    raw.pipeInput("connect", "{\"name\":\"connect\",\"zone\":\"Mars/Olympus\"}");
    raw.pipeInput("connect", "not json");
    teams.pipeInput("platform", CONNECT, Instant.EPOCH); // named connect under platform's key
    PrStory pr = new PrStory("connect", BERLIN, 5, "jonas");
    send(pr.openedWithReviewers("2026-11-23T09:00", "mia"), pr.review("2026-11-23T11:00", "mia", APPROVED));

    assertThat(latest("connect").last7Days().meanSeconds()).isEqualTo(2 * HOUR);
    assertThat(meters.counter("pmpulse.teams.rejected.records").count()).isEqualTo(3);
  }
}
