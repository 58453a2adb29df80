package dev.pmpulse.streams.rollouts;

import static dev.pmpulse.events.RolloutDecision.Decision.ABORT;
import static dev.pmpulse.events.RolloutDecision.Decision.PROCEED;
import static dev.pmpulse.streams.rollouts.RolloutStory.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.dailyupdate.DailyUpdates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollout decisions on the real topology, with violations produced by latency samples. Minute n's
 * verdict (and any violation) is timed at the end of the minute, n + 1, and is emitted when the
 * sample of minute n + 1 (at n + 1 min 10 s) closes minute n.
 */
class RolloutsTopologyTest {
  private static final String EU = "eu-west-1";
  private static final String US = "us-east-1";

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private static RolloutDecision decision(String flag, int percent, RolloutDecision.Decision d, int start, int decided) {
    return new RolloutDecision(RolloutDecision.VERSION, flag, EU, percent, d, null, at(start), at(decided));
  }

  /** Compares everything but the reason, which is for people. */
  private static void assertDecisions(List<RolloutDecision> actual, RolloutDecision... expected) {
    assertThat(actual).usingRecursiveFieldByFieldElementComparatorIgnoringFields("reason").containsExactly(expected);
  }

  @Test
  void aStageWithNoBreachProceedsWhenTheSoakEnds() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      s.latency(EU, 0, 11, 10);
      s.stage("fetch-v2", EU, 5, 12);
      // Soak 30 min from 12:12: deadline 12:42. The sample at 12:41:10 leaves stream time short of it.
      s.latency(EU, 12, 41, 10);
      assertThat(s.decisions()).isEmpty();
      s.latency(EU, 42, 42, 10);
      List<RolloutDecision> out = s.decisions();
      assertDecisions(out, decision("fetch-v2", 5, PROCEED, 12, 42));
      assertThat(out.get(0).reason()).isEqualTo("no band or incident breach of eu-west-1 during 30 min of soak");
      s.latency(EU, 43, 90, 10);
      assertThat(s.decisions()).as("one decision per stage").isEmpty();
    }
  }

  @Test
  void theSoakTimeIsConfigurable() {
    try (RolloutStory s = new RolloutStory(meters, stateDir, Duration.ofMinutes(10))) {
      s.latency(EU, 0, 11, 10);
      s.stage("fetch-v2", EU, 25, 12);
      s.latency(EU, 12, 21, 10);
      assertThat(s.decisions()).isEmpty();
      s.latency(EU, 22, 22, 10);
      // 12:12 + 10 min = 12:22.
      assertDecisions(s.decisions(), decision("fetch-v2", 25, PROCEED, 12, 22));
    }
  }

  @Test
  void aBandCrossingWhileTheStageIsLiveAbortsIt() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      s.latency(EU, 0, 11, 10);
      s.stage("fetch-v2", EU, 10, 12);
      // Minute 20 at 13 ms: above the band (11 ms), below the incident line (15 ms) and the SLO (50 ms).
      s.latency(EU, 12, 19, 10).latency(EU, 20, 20, 13);
      assertThat(s.decisions()).isEmpty();
      s.latency(EU, 21, 21, 10); // closes minute 20: band crossed, timed 12:21
      List<RolloutDecision> out = s.decisions();
      assertDecisions(out, decision("fetch-v2", 10, ABORT, 12, 21));
      assertThat(out.get(0).reason())
          .startsWith("band line of eu-west-1 crossed in minute 2026-11-23T12:20:00Z")
          .endsWith("9 min into the stage");
      // Past the would-be deadline (12:42): nothing more for this stage.
      s.latency(EU, 22, 60, 10);
      assertThat(s.decisions()).isEmpty();
    }
  }

  @Test
  void anAbortIsADecisionInThatDaysWrittenUpdate() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      // Only publish latency flows here: the daily report stops waiting for the other KPIs.
      s.topology.driver().advanceWallClockTime(DailyUpdates.SOURCE_IDLE_AFTER);
      s.latency(EU, 0, 11, 10);
      s.stage("fetch-v2", EU, 10, 12);
      s.latency(EU, 12, 19, 10).latency(EU, 20, 20, 13).latency(EU, 21, 21, 10); // aborted at 12:21
      // On to the next UTC day: minute 720 is 2026-11-24T00:00, closed by the sample of 721. Once
      // eu-west-1's latency reports on the new day, 2026-11-23 is complete and its update written.
      s.latency(EU, 22, 721, 10);
      var updates = s.topology.output(Topics.DAILY_UPDATES);
      var written = updates.readKeyValuesToList();
      assertThat(written).extracting(kv -> kv.key).containsExactly("2026-11-23");
      assertThat(written.get(0).value.decisions())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("Aborted the rollout of fetch-v2 at 10% on eu-west-1: band line of eu-west-1 crossed in minute 2026-11-23T12:20:00Z")
          .endsWith("9 min into the stage");
    }
  }

  @Test
  void bandAndIncidentCrossingTogetherAbortOnce() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      s.latency(EU, 0, 11, 10);
      s.stage("fetch-v2", EU, 5, 12);
      // 20 ms crosses the band (11) and the incident line (15) in the same minute: two violations.
      s.latency(EU, 12, 29, 10).latency(EU, 30, 30, 20).latency(EU, 31, 31, 10);
      List<RolloutDecision> out = s.decisions();
      assertDecisions(out, decision("fetch-v2", 5, ABORT, 12, 31));
    }
  }

  @Test
  void aStageStartingWhileTheBandIsBreachedIsAbortedAtItsStart() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      // Minute 10 crosses the band (violation timed 12:11); minutes 11-14 at 13 ms stay above it:
      // their baseline is still the median of mostly 10 ms minutes, so no recovery.
      s.latency(EU, 0, 9, 10).latency(EU, 10, 14, 13);
      s.stage("fetch-v2", EU, 5, 15);
      assertThat(s.decisions()).as("minute 14, which ends at the stage start, is not judged yet").isEmpty();
      s.latency(EU, 15, 15, 13); // closes minute 14: still above the band at 12:15
      List<RolloutDecision> out = s.decisions();
      assertDecisions(out, decision("fetch-v2", 5, ABORT, 15, 15));
      assertThat(out.get(0).reason())
          .startsWith("band line of eu-west-1 already breached when the stage started (crossed in minute 2026-11-23T12:10:00Z");
      s.latency(EU, 16, 60, 10);
      assertThat(s.decisions()).isEmpty();
    }
  }

  @Test
  void aViolationOfAnotherClusterDoesNotAbort() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      for (int n = 0; n <= 11; n++) {
        s.latency(US, n, n, 10).latency(EU, n, n, 10); // interleaved: stream time is shared
      }
      s.stage("fetch-v2", EU, 50, 12);
      for (int n = 12; n <= 42; n++) {
        s.latency(US, n, n, n == 20 ? 13 : 10).latency(EU, n, n, 10); // us-east-1 crosses its band in minute 20
      }
      assertThat(meters.counter("pmpulse.slo.violations", "cluster", US, "level", "band", "kind", "crossed").count())
          .as("the other cluster did cross")
          .isEqualTo(1);
      assertDecisions(s.decisions(), decision("fetch-v2", 50, PROCEED, 12, 42));
    }
  }

  @Test
  void aBreachRecoveredBeforeTheStageStartsLetsItProceed() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      // Minute 10 crosses the band (timed 12:11), minute 11 is back at 10 ms: recovered (timed 12:12).
      s.latency(EU, 0, 9, 10).latency(EU, 10, 10, 13).latency(EU, 11, 14, 10);
      assertThat(meters.counter("pmpulse.slo.violations", "cluster", EU, "level", "band", "kind", "recovered").count())
          .isEqualTo(1);
      s.stage("fetch-v2", EU, 100, 15);
      s.latency(EU, 15, 45, 10);
      // 12:15 + 30 min = 12:45.
      assertDecisions(s.decisions(), decision("fetch-v2", 100, PROCEED, 15, 45));
    }
  }

  @Test
  void aStageReplacedBeforeItsSoakEndsIsStillDecidedOnItsOwnSoakAndRedeliveriesChangeNothing() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      s.latency(EU, 0, 11, 10);
      RolloutEvent five = s.stage("fetch-v2", EU, 5, 12);
      s.latency(EU, 12, 19, 10);
      s.stage("fetch-v2", EU, 10, 20); // before 12:42: the 10% stage becomes the flag's current stage
      s.send(five); // redelivered, older than the current stage: ignored
      s.latency(EU, 20, 50, 10);
      // Each stage is judged on its own soak: the 5% one at 12:12 + 30 min = 12:42, the 10% one at 12:50.
      assertDecisions(
          s.decisions(), decision("fetch-v2", 5, PROCEED, 12, 42), decision("fetch-v2", 10, PROCEED, 20, 50));
      assertThat(meters.counter("pmpulse.late.records", "kpi", "rollouts").count()).isEqualTo(1);
    }
  }

  @Test
  void aStageOutsideTheFiveIsDeadLettered() {
    try (RolloutStory s = new RolloutStory(meters, stateDir)) {
      var dead = s.topology.output(Topics.DEAD_LETTER);
      s.latency(EU, 0, 11, 10);
      s.stage("fetch-v2", EU, 15, 12);
      s.stage("fetch-v2", EU, 0, 12);
      s.latency(EU, 12, 60, 10);
      List<TestRecord<byte[], byte[]>> out = dead.readRecordsToList();
      assertThat(out).hasSize(2);
      assertThat(out)
          .allSatisfy(r -> assertThat(new String(r.headers().lastHeader("pmpulse.reason").value(), StandardCharsets.UTF_8))
              .isEqualTo("invalid-value"));
      assertThat(new String(out.get(0).headers().lastHeader("pmpulse.reason.detail").value(), StandardCharsets.UTF_8))
          .isEqualTo("field 'stagePercent' must be one of 5, 10, 25, 50, 100, was 15");
      assertThat(meters.counter("pmpulse.dead.letter.records", "topic", Topics.ROLLOUT_EVENTS.name(), "reason", "invalid-value").count())
          .isEqualTo(2);
      assertThat(s.decisions()).as("no stage started, so nothing is decided").isEmpty();
    }
  }
}
