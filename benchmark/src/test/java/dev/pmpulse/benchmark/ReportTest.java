package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theMedianOfAnOddAndOfAnEvenNumberOfRounds() {
    assertThat(Report.median(List.of(0.55, 0.72, 0.70))).isEqualTo(0.70);
    assertThat(Report.median(List.of(0.4, 0.8))).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Report.median(List.of())).isNaN();
  }

  @Test
  void eachRoundReportsItsRatiosAndTheSummaryTheirMedians() {
    Report report = new Report("./run-benchmark");
    // Round 1: pass-through 600,000 in 6 s (100,000/s); full topology in 12 s (50,000/s): 0.50.
    // Consume-and-commit in 10 s: (c)/(d) = 10 / 12 = 0.83; plain consumer in 3 s: 3 / 12 = 0.25.
    report.round(1, 600_000, 2.0, apps(6, 12, 10, 3, 4), 2, true);
    // Round 2: 8 s against 10 s: 0.80; (d) 9 s: 0.90; (e) 2 s: 0.20.
    report.round(2, 600_000, 2.0, apps(8, 10, 9, 2, 2), 2, true);
    // Round 3: 5 s against 7.5 s: 0.67 (rounded); (d) 6 s: 0.80; (e) 1.5 s: 0.20.
    report.round(3, 600_000, 2.0, apps(5, 7.5, 6, 1.5, 3), 2, true);
    report.summary();
    String md = report.markdown();
    assertThat(md).contains("| 1 ratio (c)/(b) | 0.50 (from RUNNING: 0.63) |"); // (600k / 8 s) / (600k / 5 s) = 0.625
    assertThat(md).contains("| 2 ratio (c)/(b) | 0.80 ");
    assertThat(md).contains("| 3 ratio (c)/(b) | 0.67 ");
    // From RUNNING (both at 1 s for (d)): round 1 (600k / 8 s) / (600k / 9 s) = 1.125.
    assertThat(md).contains("| 1 ratio (c)/(d) | 0.83 (from RUNNING: 1.13) |");
    assertThat(md).contains("| 2 ratio (c)/(d) | 0.90 ");
    assertThat(md).contains("| 3 ratio (c)/(d) | 0.80 ");
    assertThat(md).contains("| 1 ratio (c)/(e) | 0.25 |");
    assertThat(md).contains("| 2 ratio (c)/(e) | 0.20 |");
    assertThat(md).contains("| 1 (e) plain KafkaConsumer (one, read_committed, all input partitions, committing as often as the apps): 3.00 s");
    assertThat(md).contains("| 1 (d) consume-and-commit app").contains("60,000 events/s");
    assertThat(md).contains("| **ratio (c)/(b), median of 3 rounds** | **0.67** ");
    assertThat(md).contains("| **ratio (c)/(d), full topology to consume-and-commit, median of 3 rounds** | **0.83** ");
    assertThat(md).contains("| **ratio (c)/(e), full topology to plain consumer, median of 3 rounds** | **0.20** |");
    assertThat(md).contains("1.00 s to RUNNING").contains("4.00 s to RUNNING").doesNotContain("first start");
  }

  @Test
  void theFirstStartNamesEveryAppsTime() {
    Report report = new Report("./run-benchmark");
    report.firstStart(apps(2, 9, 1.5, 0.5, 6));
    assertThat(report.markdown())
        .contains("pass-through 2.00 s (1.00 s to RUNNING), consume-and-commit 1.50 s (1.00 s to RUNNING), "
            + "plain consumer 0.50 s, full topology 9.00 s (6.00 s to RUNNING)");
  }

  /**
   * Seconds from start to all committed for (b), (c), (d) and (e), 600,000 records each; (b) and
   * (d) reach RUNNING after 1 s, (c) after {@code fullToRunning} s.
   */
  private static Report.Apps apps(double passthrough, double full, double consumeCommit, double plain, double fullToRunning) {
    return new Report.Apps(
        new StreamsRun.Timing(600_000, 0, SECOND, nanos(passthrough)),
        new StreamsRun.Timing(600_000, 0, nanos(fullToRunning), nanos(full)),
        new StreamsRun.Timing(600_000, 0, SECOND, nanos(consumeCommit)),
        new StreamsRun.Timing(600_000, 0, 0, nanos(plain)));
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * SECOND);
  }
}
