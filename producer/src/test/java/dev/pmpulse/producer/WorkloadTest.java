package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merged stream the producer sends. */
class WorkloadTest {
  static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z");
  static final Instant HORIZON = ORIGIN.plus(Duration.ofDays(14));
  static final int SAMPLES = 5;

  @Test
  void mergesEveryGeneratorIntoOneTimeOrderedStreamWithoutLosingAnything() {
    List<Emission<?>> merged = new Workload(TeamRoster.defaults(), 42, 1.0, SAMPLES, ORIGIN).emissionsUntil(HORIZON);
    assertThat(merged).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));

    List<PrEvent> prs = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN).eventsUntil(HORIZON);
    List<EscalationEvent> escalations = new EscalationWorkload(42, ORIGIN).eventsUntil(HORIZON);
    assertThat(merged.stream().filter(e -> e.topic().equals(Topics.PR_EVENTS)).map(Emission::value).toList())
        .isEqualTo(prs);
    assertThat(merged.stream().filter(e -> e.topic().equals(Topics.ESCALATION_EVENTS)).map(Emission::value).toList())
        .isEqualTo(escalations);
    assertThat(escalations).isNotEmpty();
    List<Emission<?>> samples = new ClusterSamples(42, SAMPLES, ORIGIN).emissionsUntil(HORIZON);
    assertThat(merged.stream()
            .filter(e -> e.topic().equals(Topics.LATENCY_SAMPLES) || e.topic().equals(Topics.DELIVERY_SAMPLES)).toList())
        .isEqualTo(samples);
    List<RolloutEvent> rollouts = new RolloutWorkload(42, ORIGIN).eventsUntil(HORIZON);
    assertThat(merged.stream().filter(e -> e.topic().equals(Topics.ROLLOUT_EVENTS)).map(Emission::value).toList())
        .isEqualTo(rollouts);
    assertThat(rollouts).isNotEmpty();
    assertThat(merged).hasSize(prs.size() + escalations.size() + samples.size() + rollouts.size());

    assertThat(merged).allSatisfy(e -> {
      if (e.value() instanceof PrEvent pr) {
        assertThat(e.key()).isEqualTo(pr.key());
        assertThat(e.at()).isEqualTo(pr.at());
        assertThat(e.kind()).isEqualTo(Workload.kind(pr.type()));
      } else if (e.value() instanceof EscalationEvent esc) {
        assertThat(e.key()).isEqualTo(esc.id());
        assertThat(e.at()).isEqualTo(esc.at());
      }
    });
  }

  @Test
  void theMergeDoesNotDependOnTheSteps() {
    List<Emission<?>> once = new Workload(TeamRoster.defaults(), 7, 1.0, SAMPLES, ORIGIN).emissionsUntil(HORIZON);
    Workload stepped = new Workload(TeamRoster.defaults(), 7, 1.0, SAMPLES, ORIGIN);
    List<Emission<?>> inSteps = new ArrayList<>();
    for (Instant t = ORIGIN; t.isBefore(HORIZON); t = t.plus(Duration.ofMinutes(13))) {
      stepped.advanceTo(t, inSteps::add);
    }
    stepped.advanceTo(HORIZON, inSteps::add);
    assertThat(inSteps).isEqualTo(once);
  }

  @Test
  void samplesCanStartLaterThanTheHistory() {
    Instant live = ORIGIN.plus(Duration.ofDays(10));
    List<Emission<?>> merged =
        new Workload(TeamRoster.defaults(), 42, 1.0, SAMPLES, ORIGIN, live).emissionsUntil(HORIZON);
    List<Emission<?>> fromOrigin = new Workload(TeamRoster.defaults(), 42, 1.0, SAMPLES, ORIGIN).emissionsUntil(HORIZON);

    // PRs, escalations and rollouts are those of a workload where everything starts at ORIGIN...
    assertThat(merged.stream().filter(e -> !isSample(e)).toList())
        .isEqualTo(fromOrigin.stream().filter(e -> !isSample(e)).toList())
        .anyMatch(e -> e.at().isBefore(live));
    // ...and the samples those of samples started at the live instant: none before it.
    assertThat(merged.stream().filter(WorkloadTest::isSample).toList())
        .isEqualTo(new ClusterSamples(42, SAMPLES, live).emissionsUntil(HORIZON))
        .isNotEmpty()
        .allMatch(e -> !e.at().isBefore(live));
  }

  private static boolean isSample(Emission<?> e) {
    return e.topic().equals(Topics.LATENCY_SAMPLES) || e.topic().equals(Topics.DELIVERY_SAMPLES);
  }
}
