package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchmarkInputTest {
  private static final Instant ORIGIN = Instant.parse("2026-11-23T14:00:00Z");

  @Test
  void sameSeedSameBytes() {
    List<BenchEvent> a = new BenchmarkInput(1, ORIGIN, 2000).next(5000);
    List<BenchEvent> b = new BenchmarkInput(1, ORIGIN, 2000).next(5000);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).value()).isEqualTo(b.get(i).value());
      assertThat(a.get(i).key()).isEqualTo(b.get(i).key());
    }
  }

  @Test
  void latencySamplesDominateAndTimeNeverGoesBack() {
    List<BenchEvent> events = new BenchmarkInput(2, ORIGIN, 2000).next(100_000);
    Map<String, Long> byTopic = events.stream().collect(Collectors.groupingBy(BenchEvent::topic, Collectors.counting()));
    assertThat(byTopic.get(Topics.LATENCY_SAMPLES.name())).isGreaterThan(95_000);
    assertThat(byTopic).containsKeys(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(), Topics.DELIVERY_SAMPLES.name());
    // 100,000 samples at 12,000 a simulated minute: 8 minute boundaries, one delivery sample per cluster each.
    assertThat(byTopic.get(Topics.DELIVERY_SAMPLES.name())).isEqualTo(8L * BenchmarkInput.CLUSTERS);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isGreaterThanOrEqualTo(events.get(i - 1).timestamp());
    }
  }

  @Test
  void onePrReviewThatCountsPerPrOnTheProbeTeams() {
    BenchmarkInput input = new BenchmarkInput(3, ORIGIN, 2000);
    input.prShape(List.of("probe-a", "probe-b"), 60_000, 120_000);
    List<BenchEvent> events = input.next(200_000);
    Map<String, Long> opened =
        events.stream()
            .filter(e -> e.topic().equals(Topics.PR_EVENTS.name()) && new String(e.value()).contains("\"type\":\"opened\""))
            .collect(Collectors.groupingBy(e -> e.key().substring(0, e.key().indexOf('#')), Collectors.counting()));
    long reviews = events.stream().filter(e -> e.reviewTeam() != null).count();
    assertThat(opened.keySet()).containsExactlyInAnyOrder("acme/probe-a", "acme/probe-b");
    // One review per PR; those of PRs opened in the last simulated minutes fall after the last event.
    long prs = opened.values().stream().mapToLong(Long::longValue).sum();
    assertThat(reviews).isBetween((long) (0.8 * prs), prs);
  }
}
