package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
  private static final Instant WALL = Instant.parse("2026-05-06T12:00:00Z");
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private final TestClock wall = new TestClock(WALL);

  @Test
  void liveTimeIsStartPlusWallElapsedTimesSpeed() {
    SimulatedClock clock = new SimulatedClock(wall, START, 3600, 0);
    wall.advance(Duration.ofSeconds(7)); // before going live the wall clock does not count
    clock.goLive();
    assertThat(clock.now()).isEqualTo(START);

    wall.advance(Duration.ofSeconds(1));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(1)));

    wall.advance(Duration.ofMillis(250));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofMinutes(75)));
  }

  @Test
  void fractionalAndSlowSpeeds() {
    SimulatedClock slow = new SimulatedClock(wall, START, 0.5, 0);
    slow.goLive();
    wall.advance(Duration.ofSeconds(3));
    assertThat(slow.now()).isEqualTo(START.plus(Duration.ofMillis(1500)));
    assertThat(slow.wallTimeFor(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void weeksOfWallTimeAtHighSpeedDoNotOverflow() {
    SimulatedClock clock = new SimulatedClock(wall, START, 1_000_000, 0);
    clock.goLive();
    wall.advance(Duration.ofDays(60));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofDays(60_000_000)));
  }

  @Test
  void backfillStartsTheSimulationDaysBeforeStartAndKeepsTheClockAtStartUntilLive() {
    SimulatedClock clock = new SimulatedClock(wall, START, 3600, 3);
    assertThat(clock.origin()).isEqualTo(Instant.parse("2026-02-27T00:00:00Z"));
    assertThat(clock.isLive()).isFalse();

    wall.advance(Duration.ofSeconds(30)); // a slow backfill: simulated time does not move meanwhile
    assertThat(clock.now()).isEqualTo(START);

    clock.goLive();
    wall.advance(Duration.ofSeconds(2));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(2)));
    clock.goLive(); // a second call does not re-anchor
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(2)));
  }

  @Test
  void withoutBackfillTheOriginIsTheStart() {
    assertThat(new SimulatedClock(wall, START, 3600, 0).origin()).isEqualTo(START);
  }

  @Test
  void defaultStartIsTheMostRecentMondayMidnightUtc() {
    // 2026-05-06 is a Wednesday.
    assertThat(SimulatedClock.startOfWeek(WALL)).isEqualTo(Instant.parse("2026-05-04T00:00:00Z"));
    assertThat(SimulatedClock.startOfWeek(Instant.parse("2026-05-04T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-05-04T00:00:00Z"));
    assertThat(SimulatedClock.startOfWeek(Instant.parse("2026-05-03T23:59:59Z")))
        .isEqualTo(Instant.parse("2026-04-27T00:00:00Z"));
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new SimulatedClock(wall, START, 0, 0)).hasMessageContaining("speed");
    assertThatThrownBy(() -> new SimulatedClock(wall, START, Double.NaN, 0)).hasMessageContaining("speed");
    assertThatThrownBy(() -> new SimulatedClock(wall, START, 1, -1)).hasMessageContaining("backfill");
  }

  @Test
  void aPauseStopsSimulatedTimeAndResumingGoesOnFromThereWithoutCatchingUp() {
    SimulatedClock clock = new SimulatedClock(wall, START, 3600, 0);
    clock.goLive();
    wall.advance(Duration.ofSeconds(2));
    clock.pause();
    assertThat(clock.isPaused()).isTrue();
    wall.advance(Duration.ofSeconds(30)); // thirty simulated hours, had it not been paused
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(2)));
    clock.pause(); // a second pause changes nothing
    clock.resume();
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(2)));
    wall.advance(Duration.ofSeconds(1));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(3)));
    clock.resume(); // and a second resume neither
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(3)));
  }

  @Test
  void pausedBeforeGoingLiveStaysAtTheInstantItGoesLiveFrom() {
    SimulatedClock clock = new SimulatedClock(wall, START, 3600, 2);
    clock.pause();
    clock.goLiveAt(START.plus(Duration.ofHours(5)));
    wall.advance(Duration.ofSeconds(10));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(5)));
    clock.resume();
    wall.advance(Duration.ofSeconds(1));
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(6)));
  }
}
