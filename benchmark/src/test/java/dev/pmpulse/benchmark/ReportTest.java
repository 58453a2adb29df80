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
  void eachRoundReportsItsRatioAndTheSummaryTheirMedian() {
    Report report = new Report("./run-benchmark");
    // Round 1: pass-through 600,000 in 6 s (100,000/s); full topology in 12 s (50,000/s): 0.50.
    report.round(1, 600_000, 2.0, new StreamsRun.Timing(600_000, 0, SECOND, 6 * SECOND),
        new StreamsRun.Timing(600_000, 0, 4 * SECOND, 12 * SECOND), 2, true);
    // Round 2: 8 s against 10 s: 0.80. Round 3: 5 s against 7.5 s: 0.67 (rounded).
    report.round(2, 600_000, 2.0, new StreamsRun.Timing(600_000, 0, SECOND, 8 * SECOND),
        new StreamsRun.Timing(600_000, 0, 2 * SECOND, 10 * SECOND), 2, true);
    report.round(3, 600_000, 2.0, new StreamsRun.Timing(600_000, 0, SECOND, 5 * SECOND),
        new StreamsRun.Timing(600_000, 0, 3 * SECOND, 15 * SECOND / 2), 2, true);
    report.summary();
    String md = report.markdown();
    assertThat(md).contains("| 1 ratio (c)/(b) | 0.50 (from RUNNING: 0.63) |"); // (600k / 8 s) / (600k / 5 s) = 0.625
    assertThat(md).contains("| 2 ratio (c)/(b) | 0.80 ");
    assertThat(md).contains("| 3 ratio (c)/(b) | 0.67 ");
    assertThat(md).contains("| **ratio (c)/(b), median of 3 rounds** | **0.67** ");
    assertThat(md).contains("1.00 s to RUNNING").contains("4.00 s to RUNNING").doesNotContain("first start");
  }
}
