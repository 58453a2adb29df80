package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduling side of the calendar: when does work that takes N business hours end? */
class BusinessCalendarSchedulingTest {
  // 09:00-17:00 Monday to Friday in New York; 2026-03-08 is the US spring-forward Sunday.
  private final BusinessCalendar newYork = new BusinessCalendar(Team.nineToFive("ny", "America/New_York"));

  @Test
  void workingTimeIsLocalBusinessHoursOnWorkingDays() {
    assertThat(newYork.isWorkingTime(Instant.parse("2026-03-06T14:00:00Z"))).isTrue(); // Fri 09:00 EST
    assertThat(newYork.isWorkingTime(Instant.parse("2026-03-06T13:59:59Z"))).isFalse();
    assertThat(newYork.isWorkingTime(Instant.parse("2026-03-06T22:00:00Z"))).isFalse(); // Fri 17:00 EST
    assertThat(newYork.isWorkingTime(Instant.parse("2026-03-07T15:00:00Z"))).isFalse(); // Saturday
    assertThat(newYork.isWorkingTime(Instant.parse("2026-03-09T13:00:00Z"))).isTrue(); // Mon 09:00 EDT
  }

  @Test
  void addingWorkingTimeSkipsTheWeekendAndFollowsDaylightSaving() {
    // Friday 16:00 EST + 2 working hours = Monday 10:00 EDT (UTC-4 after the change).
    assertThat(newYork.plusWorkingTime(Instant.parse("2026-03-06T21:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
  }

  @Test
  void zeroWorkingTimeGivesTheNextWorkingInstant() {
    Instant saturday = Instant.parse("2026-03-07T15:00:00Z");
    assertThat(newYork.nextWorkingInstant(saturday)).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    Instant tuesdayMorning = Instant.parse("2026-03-10T15:30:00Z");
    assertThat(newYork.nextWorkingInstant(tuesdayMorning)).isEqualTo(tuesdayMorning);
    // Exactly at closing time counts as after hours.
    assertThat(newYork.nextWorkingInstant(Instant.parse("2026-03-10T21:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-11T13:00:00Z"));
  }

  @Test
  void holidaysAreNotWorkingDays() {
    BusinessCalendar berlin = new BusinessCalendar(TeamDirectory.defaults().find("connect").orElseThrow());
    // Good Friday 2026-04-03 and Easter Monday 2026-04-06 are holidays, and the day runs 08:30-17:00:
    // Thursday 16:00 + 2h = 1h on Thursday + 1h from Tuesday 08:30.
    Instant thursday1600 = Instant.parse("2026-04-02T14:00:00Z"); // CEST, UTC+2
    assertThat(berlin.plusWorkingTime(thursday1600, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-04-07T07:30:00Z")); // Tuesday 09:30 CEST
  }

  @Test
  void businessTimeBetweenCountsOnlyBusinessHours() {
    Instant friday1600 = Instant.parse("2026-03-06T21:00:00Z");
    Instant monday1100 = Instant.parse("2026-03-09T15:00:00Z");
    assertThat(newYork.businessTimeBetween(friday1600, monday1100)).isEqualTo(Duration.ofHours(3));
    assertThat(newYork.businessTimeBetween(monday1100, friday1600)).isZero();
  }

  @Test
  void timeLeftTodayIsZeroOutsideHours() {
    assertThat(newYork.workingTimeLeftToday(Instant.parse("2026-03-06T21:45:00Z"))).isEqualTo(Duration.ofMinutes(15));
    assertThat(newYork.workingTimeLeftToday(Instant.parse("2026-03-07T15:00:00Z"))).isZero();
  }

  @Test
  void shiftsAcrossMidnightUtcWorkInLocalTime() {
    Team kolkata =
        new Team("k", ZoneId.of("Asia/Kolkata"), LocalTime.of(10, 0), LocalTime.of(18, 30), Team.MONDAY_TO_FRIDAY,
            Set.of(LocalDate.of(2026, 3, 4)));
    BusinessCalendar calendar = new BusinessCalendar(kolkata);
    // Tuesday 18:00 IST + 1h: 30 min Tuesday, Wednesday is a holiday, 30 min Thursday -> Thursday 10:30 IST.
    assertThat(calendar.plusWorkingTime(Instant.parse("2026-03-03T12:30:00Z"), Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2026-03-05T05:00:00Z"));
  }
}
