package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DailyLinesAsOfStreamTimeTest {
  private static final String UPDATE = """
      {"v":1,"date":"2026-11-26","asOf":"2026-11-27T00:00:00Z",
       "status":[{"kpi":"PR review latency, mean (7 d, all teams)","value":"2.1 business h over 22 reviews"},
                 {"kpi":"P0 escalation resolution, median this week","value":"none resolved this week"},
                 {"kpi":"P1 escalation resolution, median this week","value":"35.4 h over 1 resolved"},
                 {"kpi":"Breaking API changes, 2026-Q4","value":"1 (6 additive, 0 deprecations)"},
                 {"kpi":"P99 publish latency, worst cluster (latest minute)","value":"51.8 ms on ap-south-1"},
                 {"kpi":"Delivery ratio, worst cluster (30 d)","value":"100.000% on ap-south-1"}],
       "risks":["ap-south-1: p99 publish latency over the slo line since 2026-11-26 23:22 UTC",
                "Open P0 ESC-7 (Acme, connect), open 12 h",
                "3 PRs waiting for a first review longer than 4.0 business h"],
       "decisions":["Aborted the rollout of flag-3 at 25% on eu-west-1: band crossed",
                    "Merged 1 breaking API change (consumer-api 1); 2026-Q4 now has 1 against a target of 0"]}
      """;

  @Test
  void keepsWhatIsComparedAndDropsTheLinesRestatingReportsAsOfStreamTime() {
    String kept = CommittedOutput.withoutLinesAsOfStreamTime(UPDATE);
    assertThat(kept)
        .contains("\"date\":\"2026-11-26\"", "\"asOf\":\"2026-11-27T00:00:00Z\"", "P99 publish latency", "Delivery ratio",
            "over the slo line", "Open P0 ESC-7", "Aborted the rollout of flag-3")
        .doesNotContain("PR review latency", "escalation resolution", "Breaking API changes", "waiting for a first review",
            "Merged 1 breaking");
    // A difference in a compared line stays a difference.
    assertThat(CommittedOutput.withoutLinesAsOfStreamTime(UPDATE.replace("51.8 ms", "52.0 ms"))).isNotEqualTo(kept);
    assertThat(CommittedOutput.withoutLinesAsOfStreamTime(UPDATE.replace("6 additive", "7 additive"))).isEqualTo(kept);
  }
}
