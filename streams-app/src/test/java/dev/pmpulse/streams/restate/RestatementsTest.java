package dev.pmpulse.streams.restate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RestatementsTest {
  private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void aRecordOfTheReportsDayRestatesNothing() {
    assertThat(Restatements.daysToRestate(Instant.parse("2026-11-25T00:00:00Z"), WEDNESDAY_NOON)).isEmpty();
    // A record after the report (not a case the KPIs make) neither.
    assertThat(Restatements.daysToRestate(Instant.parse("2026-11-26T01:00:00Z"), WEDNESDAY_NOON)).isEmpty();
  }

  @Test
  void anEarlierDaysRecordRestatesEachDayFromItsOwnToYesterday() {
    assertThat(Restatements.daysToRestate(Instant.parse("2026-11-23T23:59:59.999Z"), WEDNESDAY_NOON))
        .containsExactly(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-24"));
  }

  @Test
  void noMoreThanTheDaysTheDailyReportStillCorrects() {
    // Ten days back: only the last 7 days before Wednesday, 11-18 to 11-24.
    assertThat(Restatements.daysToRestate(Instant.parse("2026-11-15T08:00:00Z"), WEDNESDAY_NOON))
        .hasSize(Restatements.DAYS_BACK)
        .startsWith(LocalDate.parse("2026-11-18"))
        .endsWith(LocalDate.parse("2026-11-24"));
  }

  @Test
  void aRestatementIsStampedAtTheLastMillisecondOfItsDay() {
    assertThat(Restatements.lastInstantOf(LocalDate.parse("2026-12-31")))
        .isEqualTo(Instant.parse("2026-12-31T23:59:59.999Z"));
  }
}
