package dev.pmpulse.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business-hour arithmetic on instants for one team, shared by the producer (when do reviewers
 * answer?) and the streams app (how long did a PR wait?).
 *
 * <p>Computed on instants: each local working day's hours are turned into the two instants where
 * they start and end in the team's zone, so a DST change (a 23- or 25-hour day) moves those
 * instants rather than the length of the working day; a start time inside a DST gap (spring
 * forward) resolves to the first valid local time after it.
 *
 * <p>Days off are the team's own dates and the public holidays of its country and region, worked
 * out by the holiday library for whatever year is asked and kept per year.
 */
public final class BusinessCalendar {
  // Ten years of days without a working hour means a broken calendar, not a long weekend.
  private static final int MAX_DAYS_SEARCHED = 3660;

  private final Team team;
  private final Map<Integer, Set<LocalDate>> publicHolidaysByYear = new ConcurrentHashMap<>();

  public BusinessCalendar(Team team) {
    this.team = team;
  }

  public Team team() {
    return team;
  }

  public boolean isWorkingDay(LocalDate date) {
    return team.workDays().contains(date.getDayOfWeek()) && !team.daysOff().contains(date) && !isPublicHoliday(date);
  }

  public boolean isPublicHoliday(LocalDate date) {
    PublicHolidays holidays = team.publicHolidays();
    return holidays != null && publicHolidaysByYear.computeIfAbsent(date.getYear(), holidays::in).contains(date);
  }

  /** Whether {@code at} is inside the team's working hours (start inclusive, end exclusive). */
  public boolean isWorkingTime(Instant at) {
    ZonedDateTime local = at.atZone(team.zone());
    return isWorkingDay(local.toLocalDate())
        && !at.isBefore(open(local.toLocalDate()))
        && at.isBefore(close(local.toLocalDate()));
  }

  /** {@code at} if it is working time, else the start of the next working period. */
  public Instant nextWorkingInstant(Instant at) {
    return plusWorkingTime(at, Duration.ZERO);
  }

  /**
   * The instant at which {@code amount} of working time has passed since {@code from}. The result is
   * always inside working hours (a zero amount gives the next working instant).
   */
  public Instant plusWorkingTime(Instant from, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("negative working time: " + amount);
    }
    Duration remaining = amount;
    LocalDate date = from.atZone(team.zone()).toLocalDate();
    for (int i = 0; i < MAX_DAYS_SEARCHED; i++, date = date.plusDays(1)) {
      if (!isWorkingDay(date)) {
        continue;
      }
      Instant open = open(date);
      Instant begin = from.isAfter(open) ? from : open;
      Instant end = close(date);
      if (!begin.isBefore(end)) {
        continue;
      }
      Duration available = Duration.between(begin, end);
      if (remaining.compareTo(available) < 0) {
        return begin.plus(remaining);
      }
      remaining = remaining.minus(available);
    }
    throw new IllegalStateException(team.name() + ": no working hours within " + MAX_DAYS_SEARCHED + " days");
  }

  /** Working time between two instants (zero if {@code to} is not after {@code from}). */
  public Duration businessTimeBetween(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    LocalDate date = from.atZone(team.zone()).toLocalDate();
    LocalDate last = to.atZone(team.zone()).toLocalDate();
    for (; !date.isAfter(last); date = date.plusDays(1)) {
      if (!isWorkingDay(date)) {
        continue;
      }
      Instant begin = max(from, open(date));
      Instant end = min(to, close(date));
      if (begin.isBefore(end)) {
        total = total.plus(Duration.between(begin, end));
      }
    }
    return total;
  }

  /** Working time left in the working period that contains {@code at} (zero outside hours). */
  public Duration workingTimeLeftToday(Instant at) {
    if (!isWorkingTime(at)) {
      return Duration.ZERO;
    }
    return Duration.between(at, close(at.atZone(team.zone()).toLocalDate()));
  }

  private Instant open(LocalDate date) {
    // atZone moves a local time inside a DST gap forward, so 02:30 on a spring-forward day is 03:30.
    return LocalDateTime.of(date, team.workStart()).atZone(team.zone()).toInstant();
  }

  private Instant close(LocalDate date) {
    return LocalDateTime.of(date, team.workEnd()).atZone(team.zone()).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
