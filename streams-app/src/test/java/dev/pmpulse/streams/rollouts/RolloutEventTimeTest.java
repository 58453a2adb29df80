package dev.pmpulse.streams.rollouts;

import static dev.pmpulse.events.RolloutDecision.Decision.ABORT;
import static dev.pmpulse.events.RolloutDecision.Decision.PROCEED;
import static dev.pmpulse.streams.rollouts.RolloutStory.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.RolloutDecision;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollout verdicts are a function of event time: the same stages and the same judged minutes give
 * the same decisions whichever side reaches the judge first ({@link JudgeStory}: band 11 ms,
 * incident line 15 ms; minute n's verdict holds from n + 1).
 */
class RolloutEventTimeTest {
  private static final String EU = "eu-west-1";
  private static final String US = "us-east-1";
  private static final int TWO_DAYS = 2 * 24 * 60;

  @TempDir Path stateDir;

  private static RolloutDecision decision(
      String flag, String cluster, int percent, RolloutDecision.Decision d, int start, int decided) {
    return new RolloutDecision(RolloutDecision.VERSION, flag, cluster, percent, d, null, at(start), at(decided));
  }

  private List<RolloutDecision> run(String name, Consumer<JudgeStory> story) {
    try (JudgeStory s = new JudgeStory(stateDir.resolve(name))) {
      story.accept(s);
      return s.decisions().stream()
          .sorted(Comparator.comparing(RolloutDecision::flag).thenComparing(RolloutDecision::stageStart))
          .toList();
    }
  }

  /**
   * eu-west-1 crosses its band in minute 20 (timed 12:21) and recovers in minute 21 (12:22);
   * us-east-1 crosses band and incident in minute 40 (12:41) and recovers in minute 41 (12:42).
   * Both clusters are judged through 13:16.
   */
  private static void latency(JudgeStory s) {
    s.minutes(EU, 0, 19, 10).minutes(EU, 20, 20, 13).minutes(EU, 21, 75, 10);
    s.minutes(US, 0, 39, 10).minutes(US, 40, 40, 20).minutes(US, 41, 75, 10);
  }

  private static void stages(JudgeStory s) {
    s.stage("fetch", US, 5, 11);
    s.stage("checkout", EU, 5, 12);
    s.stage("ledger", US, 50, 12);
    s.stage("search", EU, 10, 21);
    s.stage("search", EU, 25, 22);
    s.stage("ledger", US, 100, 42);
  }

  @Test
  void stagesFirstAndLatencyFirstGiveTheSameDecisions() {
    List<RolloutDecision> stagesFirst = run("stages-first", s -> {
      stages(s);
      latency(s);
    });
    List<RolloutDecision> latencyFirst = run("latency-first", s -> {
      latency(s);
      stages(s);
    });

    assertThat(stagesFirst)
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("reason")
        .containsExactly(
            // 12:21 is inside 12:12..12:42: aborted at the crossing.
            decision("checkout", EU, 5, ABORT, 12, 21),
            // Deadline 12:41: the crossing timed 12:41 is not before it.
            decision("fetch", US, 5, PROCEED, 11, 41),
            // The crossing at 12:41 is before the deadline 12:42: band and incident cross together, band first.
            decision("ledger", US, 50, ABORT, 12, 41),
            // Starts at 12:42, when minute 41 has recovered: nothing until 13:12.
            decision("ledger", US, 100, PROCEED, 42, 72),
            // Starts at 12:21, when minute 20's crossing holds: aborted at its start.
            decision("search", EU, 10, ABORT, 21, 21),
            // Starts at 12:22, recovered: proceeds at 12:52.
            decision("search", EU, 25, PROCEED, 22, 52));
    assertThat(latencyFirst).as("decision, time and reason alike").isEqualTo(stagesFirst);
    assertThat(stagesFirst.get(0).reason())
        .isEqualTo("band line of eu-west-1 crossed in minute 2026-11-23T12:20:00Z (p99 13.0 ms > 11.0 ms), 9 min into the stage");
    assertThat(stagesFirst.get(2).reason())
        .isEqualTo("band line of us-east-1 crossed in minute 2026-11-23T12:40:00Z (p99 20.0 ms > 11.0 ms), 29 min into the stage");
    assertThat(stagesFirst.get(4).reason())
        .isEqualTo("band line of eu-west-1 already breached when the stage started (crossed in minute "
            + "2026-11-23T12:20:00Z, p99 13.0 ms > 11.0 ms)");
    assertThat(stagesFirst.get(5).reason()).isEqualTo("no band or incident breach of eu-west-1 during 30 min of soak");
  }

  @Test
  void aCrossingDaysBeforeAStageThatArrivesAfterItDoesNotAbortItButOneDuringTheSoakDoes() {
    List<RolloutDecision> out = run("flag-13", s -> {
      // Both stages start two days after T0 (2026-11-25T12:12) and reach the judge before any minute.
      s.stage("flag-13", US, 100, TWO_DAYS + 12);
      s.stage("flag-4", EU, 100, TWO_DAYS + 12);
      // Both clusters cross their band in minute 20 of the first day and recover in minute 21;
      // eu-west-1 crosses again in minute 25 two days on, timed 12:26, 14 minutes into its stage.
      for (String cluster : List.of(US, EU)) {
        s.minutes(cluster, 0, 19, 10).minutes(cluster, 20, 20, 13).minutes(cluster, 21, TWO_DAYS + 24, 10);
      }
      s.minutes(US, TWO_DAYS + 25, TWO_DAYS + 50, 10);
      s.minutes(EU, TWO_DAYS + 25, TWO_DAYS + 25, 13).minutes(EU, TWO_DAYS + 26, TWO_DAYS + 50, 10);
    });
    assertThat(out)
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("reason")
        .containsExactly(
            decision("flag-13", US, 100, PROCEED, TWO_DAYS + 12, TWO_DAYS + 42),
            decision("flag-4", EU, 100, ABORT, TWO_DAYS + 12, TWO_DAYS + 26));
    assertThat(out.get(0).reason()).isEqualTo("no band or incident breach of us-east-1 during 30 min of soak");
    assertThat(out.get(1).reason())
        .isEqualTo("band line of eu-west-1 crossed in minute 2026-11-25T12:25:00Z (p99 13.0 ms > 11.0 ms), 14 min into the stage");
  }

  @Test
  void aStageDoesNotProceedBeforeItsClusterIsJudgedThroughTheDeadline() {
    try (JudgeStory s = new JudgeStory(stateDir)) {
      s.minutes(EU, 0, 11, 10).minutes(US, 0, 11, 10);
      s.stage("fetch-v2", EU, 5, 12); // deadline 12:42
      // us-east-1 is judged two hours ahead; eu-west-1 only through 12:31.
      s.minutes(US, 12, 120, 10).minutes(EU, 12, 30, 10);
      assertThat(s.decisions()).as("stream time is past 12:42, eu-west-1's judgement is not").isEmpty();
      s.minutes(EU, 31, 40, 10); // judged through 12:41
      assertThat(s.decisions()).isEmpty();
      s.minutes(EU, 41, 41, 10); // judged through 12:42
      assertThat(s.decisions())
          .usingRecursiveFieldByFieldElementComparatorIgnoringFields("reason")
          .containsExactly(decision("fetch-v2", EU, 5, PROCEED, 12, 42));
    }
  }
}
