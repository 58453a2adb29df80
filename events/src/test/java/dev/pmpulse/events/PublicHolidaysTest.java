package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The German team's public holidays come from the holiday library for any year, not a hand list. */
class PublicHolidaysTest {
  private final BusinessCalendar berlin = new BusinessCalendar(TeamDirectory.defaults().find("connect").orElseThrow());

  @Test
  void germanHolidaysOf2027() {
    // Easter Sunday 2027 is 28 March: Good Friday 26 March, Easter Monday 29 March, Ascension (+39)
    // 6 May, Whit Monday (+50) 17 May; fixed: 1 Jan, 1 May, 3 Oct, 25 and 26 Dec.
    assertThat(new PublicHolidays("DE", null).in(2027)).containsExactlyInAnyOrder(
        LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 1),
        LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 17), LocalDate.of(2027, 10, 3), LocalDate.of(2027, 12, 25),
        LocalDate.of(2027, 12, 26));
    assertThat(berlin.isWorkingDay(LocalDate.of(2027, 3, 25))).isTrue(); // Maundy Thursday
    assertThat(berlin.isWorkingDay(LocalDate.of(2027, 3, 26))).isFalse();
    assertThat(berlin.isWorkingDay(LocalDate.of(2027, 5, 17))).isFalse();
  }

  @Test
  void germanHolidaysOf2028() {
    // Easter Sunday 2028 is 16 April: Good Friday 14 April, Easter Monday 17 April, Ascension 25 May,
    // Whit Monday 5 June.
    assertThat(new PublicHolidays("DE", null).in(2028)).containsExactlyInAnyOrder(
        LocalDate.of(2028, 1, 1), LocalDate.of(2028, 4, 14), LocalDate.of(2028, 4, 17), LocalDate.of(2028, 5, 1),
        LocalDate.of(2028, 5, 25), LocalDate.of(2028, 6, 5), LocalDate.of(2028, 10, 3), LocalDate.of(2028, 12, 25),
        LocalDate.of(2028, 12, 26));
    // Thursday 13 April 16:00 -> 17:00 (1 h); Friday and Monday are holidays, then the weekend;
    // Tuesday 18 April 08:30 -> 09:30 (1 h).
    Instant from = LocalDateTime.parse("2028-04-13T16:00").atZone(berlin.team().zone()).toInstant();
    Instant to = LocalDateTime.parse("2028-04-18T09:30").atZone(berlin.team().zone()).toInstant();
    assertThat(berlin.businessTimeBetween(from, to)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aRegionAddsItsOwnHolidays() {
    // Bavaria keeps Epiphany, Corpus Christi (Easter + 60: 27 May 2027) and All Saints beside the
    // nationwide days.
    assertThat(new PublicHolidays("de", "by").in(2027))
        .containsAll(new PublicHolidays("de", null).in(2027))
        .contains(LocalDate.of(2027, 1, 6), LocalDate.of(2027, 5, 27), LocalDate.of(2027, 11, 1));
    assertThat(new PublicHolidays("de", null).in(2027)).doesNotContain(LocalDate.of(2027, 1, 6));
  }

  @Test
  void ownDaysOffAreOffToo() {
    Team team = new Team("ops", java.time.ZoneId.of("UTC"), java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0),
        Team.MONDAY_TO_FRIDAY, java.util.Set.of(LocalDate.of(2027, 12, 24)));
    BusinessCalendar calendar = new BusinessCalendar(team);
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 12, 24))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 12, 23))).isTrue();
  }
}
