package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.RolloutEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rollout generator on its own, in simulated time. */
class RolloutWorkloadTest {
  static final Instant ORIGIN = Instant.parse("2026-11-23T00:00:00Z");
  static final Instant HORIZON = ORIGIN.plus(Duration.ofDays(7));

  private static Map<String, List<RolloutEvent>> byFlag(List<RolloutEvent> events) {
    return events.stream().collect(Collectors.groupingBy(RolloutEvent::flag, LinkedHashMap::new, Collectors.toList()));
  }

  @Test
  void eachFlagWalksTheFiveStagesOnOneClusterWithFortyToFiftyMinutesPerStage() {
    List<RolloutEvent> events = new RolloutWorkload(7, ORIGIN).eventsUntil(HORIZON);
    assertThat(events.get(0).at()).isEqualTo(ORIGIN);
    assertThat(events).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    Map<String, List<RolloutEvent>> flags = byFlag(events);
    // A flag every 4-6 h: 7 days = 168 h holds between 168/6 = 28 and 168/4 + 1 = 43 flag starts.
    assertThat(flags.size()).isBetween(28, 43);
    List<RolloutEvent> starts = flags.values().stream().map(l -> l.get(0)).toList();
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1).at(), starts.get(i).at()).toMinutes()).isBetween(240L, 360L);
    }
    flags.forEach((flag, walk) -> {
      if (walk.size() < 5) {
        return; // cut off by the horizon
      }
      assertThat(walk).extracting(RolloutEvent::stagePercent).containsExactly(5, 10, 25, 50, 100);
      assertThat(walk).extracting(RolloutEvent::cluster).containsOnly(walk.get(0).cluster());
      for (int i = 1; i < walk.size(); i++) {
        assertThat(Duration.between(walk.get(i - 1).at(), walk.get(i).at()).toMinutes()).as(flag).isBetween(40L, 50L);
      }
      assertThat(walk).allSatisfy(e -> {
        assertThat(e.v()).isEqualTo(RolloutEvent.VERSION);
        assertThat(e.key()).isEqualTo(flag);
        assertThat(RolloutEvent.STAGES).contains(e.stagePercent());
      });
    });
    assertThat(events).extracting(RolloutEvent::cluster).containsOnly("us-east-1", "eu-west-1", "ap-south-1");
    assertThat(events.stream().map(RolloutEvent::cluster).distinct()).hasSize(3);
    assertThat(events.stream().map(RolloutEvent::eventId)).doesNotHaveDuplicates();
  }

  @Test
  void sameSeedGivesTheSameEventsWhateverTheSteps() {
    List<RolloutEvent> once = new RolloutWorkload(7, ORIGIN).eventsUntil(HORIZON);
    RolloutWorkload stepped = new RolloutWorkload(7, ORIGIN);
    List<RolloutEvent> inSteps = new ArrayList<>();
    for (Instant t = ORIGIN; t.isBefore(HORIZON); t = t.plus(Duration.ofMinutes(13))) {
      stepped.advanceTo(t, inSteps::add);
    }
    stepped.advanceTo(HORIZON, inSteps::add);
    assertThat(inSteps).isEqualTo(once);
    assertThat(new RolloutWorkload(8, ORIGIN).eventsUntil(HORIZON)).isNotEqualTo(once);
  }

  @Test
  void nothingIsEmittedBeforeItsTimeNorTwice() {
    RolloutWorkload w = new RolloutWorkload(7, ORIGIN);
    assertThat(w.eventsUntil(ORIGIN.minusSeconds(1))).isEmpty();
    // At the origin exactly: the first flag's 5% stage only (its 10% comes 40-50 min later).
    List<RolloutEvent> first = w.eventsUntil(ORIGIN);
    assertThat(first).singleElement().satisfies(e -> assertThat(e.stagePercent()).isEqualTo(5));
    assertThat(w.eventsUntil(ORIGIN.plus(Duration.ofMinutes(39)))).isEmpty();
    assertThat(w.eventsUntil(ORIGIN.plus(Duration.ofMinutes(50)))).singleElement()
        .satisfies(e -> assertThat(e.stagePercent()).isEqualTo(10));
  }
}
