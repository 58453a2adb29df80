package dev.pmpulse.events;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The teams the demo simulates, spread over time zones on both sides of the date line and with and
 * without daylight saving time. The streams app looks up a team's calendar here; a team it does not
 * know gets {@link #FALLBACK_ZONE} 09:00-17:00, Monday to Friday.
 */
public final class Teams {
  public static final String FALLBACK_ZONE = "UTC";

  public static final List<Team> DEFAULT =
      List.of(
          Team.nineToFive("streams", "America/Los_Angeles"),
          Team.nineToFive("clients", "America/New_York"),
          new Team(
              "connect",
              ZoneId.of("Europe/Berlin"),
              LocalTime.of(8, 30),
              LocalTime.of(17, 0),
              Team.MONDAY_TO_FRIDAY,
              // German public holidays that fall on weekdays in 2026.
              Set.of(
                  LocalDate.of(2026, 1, 1),
                  LocalDate.of(2026, 4, 3),
                  LocalDate.of(2026, 4, 6),
                  LocalDate.of(2026, 5, 1),
                  LocalDate.of(2026, 5, 14),
                  LocalDate.of(2026, 5, 25),
                  LocalDate.of(2026, 10, 3),
                  LocalDate.of(2026, 12, 25))),
          new Team(
              "platform",
              ZoneId.of("Asia/Kolkata"),
              LocalTime.of(10, 0),
              LocalTime.of(18, 30),
              Team.MONDAY_TO_FRIDAY,
              Set.of()));

  private static final Map<String, Team> BY_NAME =
      DEFAULT.stream().collect(Collectors.toMap(Team::name, Function.identity()));

  private Teams() {}

  public static Optional<Team> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The team's calendar, or the fallback calendar for a team this directory does not know. */
  public static Team calendarOf(String name) {
    return find(name).orElseGet(() -> Team.nineToFive(name, FALLBACK_ZONE));
  }
}
