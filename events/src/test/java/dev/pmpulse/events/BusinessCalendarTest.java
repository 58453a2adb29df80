package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private static final BusinessCalendar LOS_ANGELES = new BusinessCalendar(TeamDirectory.defaults().teamOrFallback("streams"));
  private static final BusinessCalendar BERLIN = new BusinessCalendar(TeamDirectory.defaults().teamOrFallback("connect"));

  private static Instant at(BusinessCalendar cal, String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(cal.team().zone()).toInstant();
  }

  private static Duration between(BusinessCalendar cal, String from, String to) {
    return cal.businessTimeBetween(at(cal, from), at(cal, to));
  }

  @Test
  void withinOneWorkingDay() {
    // Monday 10:00 to 13:30 in Los Angeles (09:00-17:00): 3.5 h.
    assertThat(between(LOS_ANGELES, "2026-11-23T10:00", "2026-11-23T13:30")).isEqualTo(Duration.ofMinutes(210));
  }

  @Test
  void weekendInBetweenCountsNothing() {
    // Friday 16:00 -> 17:00 is 1 h; Saturday and Sunday 0; Monday 09:00 -> 10:00 is 1 h.
    assertThat(between(LOS_ANGELES, "2026-11-20T16:00", "2026-11-23T10:00")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void requestOutsideHoursStartsCountingAtNextOpening() {
    // Tuesday 20:00 is after hours; Wednesday 09:00 -> 10:30 is 1.5 h.
    assertThat(between(LOS_ANGELES, "2026-11-24T20:00", "2026-11-25T10:30")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void holidayCountsNothing() {
    // Berlin team (08:30-17:00): Thursday 24 Dec 16:00 -> 17:00 is 1 h; Friday 25 Dec is a
    // holiday; Monday 28 Dec 08:30 -> 09:30 is 1 h.
    assertThat(between(BERLIN, "2026-12-24T16:00", "2026-12-28T09:30")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void usSpringForwardWeekendUsesTheNewOffsetOnMonday() {
    // DST starts Sunday 8 March 2026 in Los Angeles. Friday 15:00 PST -> 17:00 is 2 h; Monday
    // 09:00 PDT -> 11:00 PDT is 2 h. A fixed UTC-8 offset would open Monday at 10:00 PDT and
    // count only 1 h there.
    assertThat(between(LOS_ANGELES, "2026-03-06T15:00", "2026-03-09T11:00")).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void europeanSpringForwardWeekendUsesTheNewOffsetOnMonday() {
    // DST starts Sunday 29 March 2026 in Berlin. Friday 16:00 CET -> 17:00 is 1 h; Monday
    // 08:30 CEST -> 09:30 CEST is 1 h. The instants: Friday 15:00Z, Monday 07:30Z.
    Instant from = Instant.parse("2026-03-27T15:00:00Z");
    Instant to = Instant.parse("2026-03-30T07:30:00Z");
    assertThat(BERLIN.businessTimeBetween(from, to)).isEqualTo(Duration.ofHours(2));
  }

  /** A team that works 01:00-05:00 every day, so the DST change day itself is a working day. */
  private static BusinessCalendar nightShift(String zone) {
    return new BusinessCalendar(
        new Team("night", ZoneId.of(zone), LocalTime.of(1, 0), LocalTime.of(5, 0), EnumSet.allOf(DayOfWeek.class), Set.of()));
  }

  @Test
  void dstChangeDaysInNewYork() {
    BusinessCalendar cal = nightShift("America/New_York");
    // 8 March 2026: 02:00-03:00 does not exist, so 01:00 EST (06:00Z) -> 05:00 EDT (09:00Z) = 3 h.
    assertThat(cal.businessTimeBetween(Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")))
        .isEqualTo(Duration.ofHours(3));
    // 1 November 2026: 01:00-02:00 happens twice, so 01:00 EDT (05:00Z) -> 05:00 EST (10:00Z) = 5 h.
    assertThat(cal.businessTimeBetween(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T04:00:00Z")))
        .isEqualTo(Duration.ofHours(5));
  }

  @Test
  void dstChangeDaysInBerlin() {
    BusinessCalendar cal = nightShift("Europe/Berlin");
    // 29 March 2026: 01:00 CET (00:00Z) -> 05:00 CEST (03:00Z) = 3 h.
    assertThat(cal.businessTimeBetween(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")))
        .isEqualTo(Duration.ofHours(3));
    // 25 October 2026: 01:00 CEST (23:00Z the day before) -> 05:00 CET (04:00Z) = 5 h.
    assertThat(cal.businessTimeBetween(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z")))
        .isEqualTo(Duration.ofHours(5));
  }

  @Test
  void emptyOrBackwardsIntervalIsZero() {
    Instant t = at(LOS_ANGELES, "2026-11-23T10:00");
    assertThat(LOS_ANGELES.businessTimeBetween(t, t)).isZero();
    assertThat(LOS_ANGELES.businessTimeBetween(t, t.minusSeconds(60))).isZero();
  }

  @Test
  void workingDayRespectsWeekendsAndHolidays() {
    assertThat(BERLIN.isWorkingDay(LocalDate.of(2026, 12, 24))).isTrue();
    assertThat(BERLIN.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
    assertThat(BERLIN.isWorkingDay(LocalDate.of(2026, 12, 26))).isFalse();
  }
}
