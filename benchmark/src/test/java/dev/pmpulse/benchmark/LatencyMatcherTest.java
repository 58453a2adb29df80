package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyMatcherTest {
  @Test
  void theCthUpdateOfATeamBelongsToItsCthReview() {
    LatencyMatcher m = new LatencyMatcher();
    m.sent("t1", 1_000_000, false); // warm-up: matched, not measured
    m.sent("t1", 5_000_000, true);
    m.sent("t2", 6_000_000, true);
    m.seen("t1", 1, 2_000_000);
    m.seen("t1", 2, 9_000_000);
    m.seen("t1", 2, 50_000_000); // a later report of the same count
    m.seen("all", 3, 9_000_000); // not a probe team
    m.seen("t2", 1, 10_000_000);
    assertThat(m.sortedMillis()).containsExactly(4.0, 4.0);
    assertThat(m.measuredSent()).isEqualTo(2);
    assertThat(m.anomalies()).isZero();
  }

  @Test
  void anUpdateAheadOfItsSendIsAnAnomalyNotAGuess() {
    LatencyMatcher m = new LatencyMatcher();
    m.sent("t1", 1_000_000, true);
    m.seen("t1", 2, 2_000_000);
    assertThat(m.anomalies()).isEqualTo(1);
    assertThat(m.measuredMatched()).isZero();
  }

  @Test
  void nearestRankPercentiles() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(LatencyMatcher.percentile(v, 50)).isEqualTo(5);
    assertThat(LatencyMatcher.percentile(v, 99)).isEqualTo(10);
    assertThat(LatencyMatcher.percentile(new double[0], 50)).isNaN();
  }
}
