package dev.pmpulse.streams.review;

import dev.pmpulse.events.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Business time between two instants in one team's calendar.
 *
 * <p>Computed on instants: each local working day's hours are turned into the two instants where
 * they start and end in the team's zone, so a DST change (a 23- or 25-hour day) moves those
 * instants rather than the length of the working day; a gap at the start time (spring forward)
 * resolves to the first valid local time after it.
 */
public final class BusinessCalendar {
  private final Team team;

  public BusinessCalendar(Team team) {
    this.team = team;
  }

  public Team team() {
    return team;
  }

  /** Working time within [{@code from}, {@code to}); zero when {@code to} is not after {@code from}. */
  public Duration businessTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    LocalDate day = from.atZone(team.zone()).toLocalDate();
    LocalDate last = to.atZone(team.zone()).toLocalDate();
    long seconds = 0;
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      Instant open = ZonedDateTime.of(day, team.workStart(), team.zone()).toInstant();
      Instant close = ZonedDateTime.of(day, team.workEnd(), team.zone()).toInstant();
      Instant start = from.isAfter(open) ? from : open;
      Instant end = to.isBefore(close) ? to : close;
      if (end.isAfter(start)) {
        seconds += Duration.between(start, end).getSeconds();
      }
    }
    return Duration.ofSeconds(seconds);
  }

  public boolean isWorkingDay(LocalDate day) {
    return team.workDays().contains(day.getDayOfWeek()) && !team.holidays().contains(day);
  }
}
