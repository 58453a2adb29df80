package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An engineering team as the teams file describes it ({@code docs/teams.md}): its working calendar
 * (business hours are {@code workStart} to {@code workEnd} local time on {@code workDays}, except
 * the public holidays of its country and region and its own days off), the repositories it owns,
 * its members, the logins that never count as reviewers, and its review target. The value of the
 * {@link Topics#TEAMS} topic, keyed by name.
 *
 * @param publicHolidays null: the team keeps no public holidays
 * @param repositories {@code owner/name}, or a pattern where {@code *} stands for any characters
 *     but {@code /} ({@code acme/streams-*})
 * @param members the team's engineers (the producer simulates them)
 * @param ignoredLogins logins whose reviews never end a PR's wait, beside those ending in {@code
 *     [bot]}: bots and service accounts that approve automatically
 * @param reviewTargetHours the review latency target, business hours
 */
public record Team(
    String name,
    ZoneId zone,
    LocalTime workStart,
    LocalTime workEnd,
    Set<DayOfWeek> workDays,
    PublicHolidays publicHolidays,
    Set<LocalDate> daysOff,
    List<String> repositories,
    List<String> members,
    List<String> ignoredLogins,
    double reviewTargetHours) {

  public static final Set<DayOfWeek> MONDAY_TO_FRIDAY =
      Set.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  /** The review latency target of a team that sets none, and of every team's overall figure. */
  public static final double DEFAULT_REVIEW_TARGET_HOURS = 4;

  @JsonCreator
  public Team {
    if (!workStart.isBefore(workEnd)) {
      throw new IllegalArgumentException(name + ": work start must be before work end");
    }
    if (workDays.isEmpty()) {
      throw new IllegalArgumentException(name + ": a team needs at least one working day");
    }
    if (!(reviewTargetHours > 0)) {
      throw new IllegalArgumentException(name + ": the review target must be above 0 hours");
    }
    workDays = Set.copyOf(workDays);
    daysOff = daysOff == null ? Set.of() : Set.copyOf(daysOff);
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
    members = members == null ? List.of() : List.copyOf(members);
    ignoredLogins = ignoredLogins == null ? List.of() : List.copyOf(ignoredLogins);
  }

  /** A team with a calendar only: {@code daysOff} off, no public holidays, the default target. */
  public Team(
      String name, ZoneId zone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workDays, Set<LocalDate> daysOff) {
    this(name, zone, workStart, workEnd, workDays, null, daysOff, List.of(), List.of(), List.of(),
        DEFAULT_REVIEW_TARGET_HOURS);
  }

  /** A team working 09:00-17:00 Monday to Friday in {@code zone}, with no holidays. */
  public static Team nineToFive(String name, String zone) {
    return new Team(
        name, ZoneId.of(zone), LocalTime.of(9, 0), LocalTime.of(17, 0), MONDAY_TO_FRIDAY, Set.of());
  }

  /** The same team working {@code workStart} to {@code workEnd}. */
  public Team withHours(LocalTime workStart, LocalTime workEnd) {
    return new Team(name, zone, workStart, workEnd, workDays, publicHolidays, daysOff, repositories, members,
        ignoredLogins, reviewTargetHours);
  }

  /**
   * Whether a review by {@code login} never counts: a bot by the code host's convention ({@code
   * [bot]}) or one of the team's ignored logins (compared ignoring case, as code hosts compare
   * logins).
   */
  public boolean ignores(String login) {
    if (PrEvent.isBot(login)) {
      return true;
    }
    String lower = login.toLowerCase(Locale.ROOT);
    return ignoredLogins.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).equals(lower));
  }

  /** Whether {@code ownerSlashName} is one of the team's repositories, exactly (ignoring case). */
  boolean namesRepository(String ownerSlashName) {
    return repositories.stream()
        .filter(r -> !RepositoryPattern.isPattern(r))
        .anyMatch(r -> r.equalsIgnoreCase(ownerSlashName));
  }

  /** Whether one of the team's repository patterns matches {@code ownerSlashName}. */
  boolean matchesRepository(String ownerSlashName) {
    return repositories.stream()
        .filter(RepositoryPattern::isPattern)
        .anyMatch(p -> RepositoryPattern.matches(p, ownerSlashName));
  }
}
