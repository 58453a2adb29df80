package dev.pmpulse.producer;

import dev.pmpulse.events.BusinessCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrLifecycleTest {
  private static final TeamRoster CLIENTS =
      TeamRoster.defaults().stream().filter(r -> r.team().name().equals("clients")).findFirst().orElseThrow();
  private static final BusinessCalendar NEW_YORK = new BusinessCalendar(CLIENTS.team());
  // Friday 2026-03-13 16:45 in New York (EDT, UTC-4).
  private static final Instant FRIDAY_1645 = Instant.parse("2026-03-13T20:45:00Z");

  @Test
  void aReviewerAskedAtFridayQuarterToFiveStartsOnMonday() {
    assertThat(PrLifecycle.pickUp(NEW_YORK, FRIDAY_1645, Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2026-03-16T13:05:00Z")); // Monday 09:05 EDT
    // Earlier in the day the same five minutes are done the same day.
    assertThat(PrLifecycle.pickUp(NEW_YORK, Instant.parse("2026-03-13T19:00:00Z"), Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2026-03-13T19:05:00Z"));
  }

  @Test
  void prsOpenedAtFridayQuarterToFiveGetTheirFirstReviewOnMondayOrLater() {
    for (long seed = 0; seed < 300; seed++) {
      String author = CLIENTS.engineers().get((int) (seed % CLIENTS.engineers().size()));
      List<PrEvent> life = PrLifecycle.plan(CLIENTS, 1, author, FRIDAY_1645, new SplittableRandom(seed), "test");
      life.stream()
          .filter(e -> e.type() == Type.REVIEW_SUBMITTED && e.reviewState() != ReviewState.COMMENTED)
          .findFirst()
          .ifPresent(first -> {
            ZonedDateTime local = first.at().atZone(CLIENTS.team().zone());
            assertThat(local.toLocalDate()).isAfterOrEqualTo(LocalDate.of(2026, 3, 16));
            assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
          });
    }
  }

  @Test
  void botsCommentAtAnyHour() {
    Instant saturdayNight = Instant.parse("2026-03-15T03:00:00Z");
    boolean commented = false;
    for (long seed = 0; seed < 50 && !commented; seed++) {
      List<PrEvent> life =
          PrLifecycle.plan(CLIENTS, 1, "dependabot[bot]", saturdayNight, new SplittableRandom(seed), "test");
      assertThat(life.get(0).type()).isEqualTo(Type.OPENED);
      assertThat(life.get(0).reviewers()).hasSize(1);
      commented = life.stream().anyMatch(e -> PrEvent.isBot(e.actor()) && e.type() == Type.REVIEW_SUBMITTED
          && e.at().isBefore(saturdayNight.plus(Duration.ofHours(1))));
    }
    assertThat(commented).isTrue();
  }

  @Test
  void eventIdsDependOnTheRun() {
    List<PrEvent> a = PrLifecycle.plan(CLIENTS, 7, "ben-cohen", FRIDAY_1645, new SplittableRandom(1), "run-a");
    List<PrEvent> again = PrLifecycle.plan(CLIENTS, 7, "ben-cohen", FRIDAY_1645, new SplittableRandom(1), "run-a");
    List<PrEvent> b = PrLifecycle.plan(CLIENTS, 7, "ben-cohen", FRIDAY_1645, new SplittableRandom(1), "run-b");
    assertThat(again).isEqualTo(a);
    assertThat(b.get(0).eventId()).isNotEqualTo(a.get(0).eventId());
  }
}
