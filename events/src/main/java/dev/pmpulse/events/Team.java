package dev.pmpulse.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * An engineering team and its working calendar: business hours are {@code workStart} to {@code
 * workEnd} local time on {@code workDays}, except {@code holidays}.
 */
public record Team(
    String name,
    ZoneId zone,
    LocalTime workStart,
    LocalTime workEnd,
    Set<DayOfWeek> workDays,
    Set<LocalDate> holidays) {

  public static final Set<DayOfWeek> MONDAY_TO_FRIDAY =
      Set.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  public Team {
    if (!workStart.isBefore(workEnd)) {
      throw new IllegalArgumentException(name + ": work start must be before work end");
    }
    workDays = Set.copyOf(workDays);
    holidays = Set.copyOf(holidays);
  }

  /** A team working 09:00-17:00 Monday to Friday in {@code zone}, with no holidays. */
  public static Team nineToFive(String name, String zone) {
    return new Team(
        name, ZoneId.of(zone), LocalTime.of(9, 0), LocalTime.of(17, 0), MONDAY_TO_FRIDAY, Set.of());
  }
}
