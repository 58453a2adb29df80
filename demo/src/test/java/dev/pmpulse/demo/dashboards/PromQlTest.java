package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void comparisonsBecomeBoolComparisons() {
    assertThat(PromQl.withBoolComparisons("up{job=\"pm-pulse-streams\"} == 0")).isEqualTo("up{job=\"pm-pulse-streams\"} == bool 0");
    assertThat(PromQl.withBoolComparisons("a > on(job, instance) group_left() b")).isEqualTo("a > bool on(job, instance) group_left() b");
    assertThat(PromQl.withBoolComparisons("a{w=\"1h\"} > 14.4\n  and on(job) b{w!=\"5m\"} >= 6"))
        .isEqualTo("a{w=\"1h\"} > bool 14.4\n  and on(job) b{w!=\"5m\"} >= bool 6");
    assertThat(PromQl.withBoolComparisons("a <= bool 0")).isEqualTo("a <= bool 0");
  }

  @Test
  void matchersAndStringsAreLeftAlone() {
    assertThat(PromQl.withBoolComparisons("x{severity=~\"(?i)p[01]\", a!=\"b>c\"}")).isEqualTo("x{severity=~\"(?i)p[01]\", a!=\"b>c\"}");
    assertThat(PromQl.withBoolComparisons("label_replace(x, \"a\", \"<$1>\", \"b\", \"(.*)\")"))
        .isEqualTo("label_replace(x, \"a\", \"<$1>\", \"b\", \"(.*)\")");
  }
}
