package dev.pmpulse.streams.escalationresolution;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The UTC periods escalation resolutions are reported in: ISO weeks (Monday to Sunday, numbered
 * within their week-based year, so the last week of December can end in January) and calendar
 * quarters. Labels sort in time order within a year.
 */
final class ReportingPeriods {
  private ReportingPeriods() {}

  /** Like {@code 2026-W53}. */
  static String week(LocalDate day) {
    return "%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** Like {@code 2027-Q1}. */
  static String quarter(LocalDate day) {
    return day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
  }

  /** The instant the ISO week of {@code day} closes: the next Monday, 00:00 UTC. */
  static Instant weekEnd(LocalDate day) {
    return weekStart(day).plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The Monday that begins the ISO week of {@code day}. */
  static LocalDate weekStart(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The first day of the calendar quarter of {@code day}. */
  static LocalDate quarterStart(LocalDate day) {
    return LocalDate.of(day.getYear(), day.getMonth().firstMonthOfQuarter(), 1);
  }

  static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
