package dev.pmpulse.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The teams of a teams file ({@code docs/teams.md}), in file order: their calendars, repositories,
 * members, ignored logins and targets. Immutable: a changed file gives a new directory.
 *
 * <p>The shipped default ({@link #defaults()}, the resource {@value #DEFAULT_RESOURCE}) holds the
 * four teams the demo simulates. A team the directory does not know keeps the fallback calendar,
 * 09:00-17:00 {@value #FALLBACK_ZONE}, Monday to Friday, no holidays, the default review target
 * ({@link #teamOrFallback}).
 */
public final class TeamDirectory {
  public static final String FALLBACK_ZONE = "UTC";
  /** The escalation resolution target when the file sets none, calendar hours. */
  public static final double DEFAULT_ESCALATION_TARGET_HOURS = 48;
  /** The shipped teams file, a resource of this package. */
  public static final String DEFAULT_RESOURCE = "teams.yaml";

  private final Map<String, Team> byName = new LinkedHashMap<>();
  private final double escalationTargetHours;

  /**
   * @param escalationTargetHours the target of every P0/P1 escalation (escalations name a customer,
   *     not a team)
   */
  public TeamDirectory(List<Team> teams, double escalationTargetHours) {
    for (Team team : teams) {
      if (byName.put(team.name(), team) != null) {
        throw new IllegalArgumentException("team '" + team.name() + "' is named twice");
      }
    }
    if (!(escalationTargetHours > 0)) {
      throw new IllegalArgumentException("the escalation target must be above 0 hours");
    }
    this.escalationTargetHours = escalationTargetHours;
  }

  /** The shipped teams file's teams. */
  public static TeamDirectory defaults() {
    try (InputStream in = TeamDirectory.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      Objects.requireNonNull(in, DEFAULT_RESOURCE);
      return TeamsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The teams of a teams file.
   *
   * @throws TeamsFileException one line naming the file, the team and the field at fault
   */
  public static TeamDirectory load(Path file) {
    return TeamsFile.load(file);
  }

  public List<Team> teams() {
    return List.copyOf(byName.values());
  }

  public Optional<Team> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The team, or the fallback calendar for a team this directory does not know. */
  public Team teamOrFallback(String name) {
    return find(name).orElseGet(() -> fallback(name));
  }

  /** The calendar and target of a team no directory knows: 09:00-17:00 UTC, Monday to Friday. */
  public static Team fallback(String name) {
    return Team.nineToFive(name, FALLBACK_ZONE);
  }

  /**
   * The team that owns a repository: the team naming it exactly, else the first team (in file
   * order) with a pattern matching it; compared ignoring case.
   *
   * @param ownerSlashName as the code host spells it, {@code acme/streams}
   */
  public Optional<String> teamOfRepository(String ownerSlashName) {
    if (ownerSlashName == null) {
      return Optional.empty();
    }
    Optional<Team> exact = byName.values().stream().filter(t -> t.namesRepository(ownerSlashName)).findFirst();
    return exact.or(() -> byName.values().stream().filter(t -> t.matchesRepository(ownerSlashName)).findFirst())
        .map(Team::name);
  }

  public double escalationTargetHours() {
    return escalationTargetHours;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TeamDirectory other
        && byName.equals(other.byName)
        && escalationTargetHours == other.escalationTargetHours;
  }

  @Override
  public int hashCode() {
    return Objects.hash(byName, escalationTargetHours);
  }

  @Override
  public String toString() {
    return "TeamDirectory" + byName.keySet();
  }
}
