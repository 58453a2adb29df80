package dev.pmpulse.streams.apistability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuarterKeyTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @ParameterizedTest
  @CsvSource({
    // zone, quarter, its first instant (UTC) worked out by hand
    "UTC, 2026-Q1, 2026-01-01T00:00:00Z",
    "UTC, 2026-Q2, 2026-04-01T00:00:00Z",
    "UTC, 2026-Q3, 2026-07-01T00:00:00Z",
    "UTC, 2026-Q4, 2026-10-01T00:00:00Z",
    // New York: EST (UTC-5) on 1 January; EDT (UTC-4) from 8 March to 1 November 2026.
    "America/New_York, 2026-Q1, 2026-01-01T05:00:00Z",
    "America/New_York, 2026-Q2, 2026-04-01T04:00:00Z",
    "America/New_York, 2026-Q3, 2026-07-01T04:00:00Z",
    "America/New_York, 2026-Q4, 2026-10-01T04:00:00Z",
    // Tokyo is UTC+9 all year: its quarters start the previous day in UTC.
    "Asia/Tokyo, 2027-Q1, 2026-12-31T15:00:00Z",
  })
  void everyQuarterStartsAtLocalMidnightOfItsFirstDay(String zone, String label, String start) {
    ZoneId z = ZoneId.of(zone);
    QuarterKey quarter = QuarterKey.parse(label);
    Instant first = Instant.parse(start);

    assertThat(quarter.start(z)).isEqualTo(first);
    assertThat(QuarterKey.of(first, z)).isEqualTo(quarter);
    assertThat(QuarterKey.of(first.minusMillis(1), z).next()).isEqualTo(quarter);
    assertThat(quarter.label()).isEqualTo(label);
  }

  @Test
  void aQuarterEndsWhereTheNextBegins() {
    QuarterKey q4 = new QuarterKey(2026, 4);
    assertThat(q4.next()).isEqualTo(new QuarterKey(2027, 1));
    assertThat(q4.end(ZoneOffset.UTC)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(q4.end(NEW_YORK)).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
    assertThat(new QuarterKey(2026, 1).end(NEW_YORK)).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
  }

  @Test
  void theLastMillisecondOfTheYearIsInTheFourthQuarter() {
    assertThat(QuarterKey.of(Instant.parse("2026-12-31T23:59:59.999Z"), ZoneOffset.UTC)).hasToString("2026-Q4");
    assertThat(QuarterKey.of(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC)).hasToString("2027-Q1");
    // 31 Dec 23:59:59.999 in New York is 1 Jan 04:59:59.999 UTC.
    assertThat(QuarterKey.of(Instant.parse("2027-01-01T04:59:59.999Z"), NEW_YORK)).hasToString("2026-Q4");
    assertThat(QuarterKey.of(Instant.parse("2027-01-01T05:00:00Z"), NEW_YORK)).hasToString("2027-Q1");
  }

  @Test
  void quartersOrderByYearThenQuarter() {
    assertThat(new QuarterKey(2026, 4)).isLessThan(new QuarterKey(2027, 1));
    assertThat(new QuarterKey(2027, 1)).isLessThan(new QuarterKey(2027, 2));
  }

  @Test
  void rejectsWhatIsNotAQuarter() {
    assertThatThrownBy(() -> new QuarterKey(2026, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuarterKey.parse("2026-04")).isInstanceOf(IllegalArgumentException.class);
  }
}
