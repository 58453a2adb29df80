package dev.pmpulse.producer;

import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Who works in a team: human engineers (who author, review and merge during the team's business
 * hours), bots (whose logins end in {@code [bot]} and which work around the clock: the first opens
 * dependency PRs, any of them comments), the team's repository and the public API surfaces its
 * changes usually touch.
 */
public record TeamRoster(
    Team team, String repo, List<String> engineers, List<String> bots, List<String> homeSurfaces) {

  public static final List<String> API_SURFACES =
      List.of("producer-api", "consumer-api", "streams-api", "admin-api", "connect-api");

  /** Bots and API surfaces of the demo's teams: simulation detail the teams file does not hold. */
  private static final Map<String, Habits> HABITS =
      Map.of(
          "streams", new Habits(List.of("dependabot[bot]", "renovate[bot]"), List.of("streams-api")),
          "clients", new Habits(List.of("dependabot[bot]", "github-actions[bot]"), List.of("producer-api", "consumer-api")),
          "connect", new Habits(List.of("renovate[bot]", "github-actions[bot]"), List.of("connect-api")),
          "platform", new Habits(List.of("dependabot[bot]", "codecov[bot]"), List.of("admin-api")));
  private static final Habits OTHER_TEAMS =
      new Habits(List.of("dependabot[bot]", "github-actions[bot]"), API_SURFACES);

  private record Habits(List<String> bots, List<String> surfaces) {}

  public TeamRoster {
    if (engineers.size() < 3) {
      // An author needs at least two colleagues to pick two reviewers from.
      throw new IllegalArgumentException(team.name() + ": a team needs at least three engineers");
    }
    if (bots.isEmpty() || !bots.stream().allMatch(dev.pmpulse.events.PrEvent::isBot)) {
      throw new IllegalArgumentException(team.name() + ": bots must exist and end in [bot]");
    }
    engineers = List.copyOf(engineers);
    bots = List.copyOf(bots);
    homeSurfaces = List.copyOf(homeSurfaces);
  }

  /** A roster for every team of the shipped teams file. */
  public static List<TeamRoster> defaults() {
    return forTeams(TeamDirectory.defaults().teams());
  }

  /**
   * Rosters for {@code teams}: each team's members work on its first repository (not a pattern); a
   * team with fewer than three members gets five numbered engineers, one without a repository
   * {@code acme/<team>}.
   */
  public static List<TeamRoster> forTeams(List<Team> teams) {
    return teams.stream()
        .map(
            team -> {
              Habits habits = HABITS.getOrDefault(team.name(), OTHER_TEAMS);
              List<String> engineers = team.members().size() >= 3
                  ? team.members()
                  : IntStream.rangeClosed(1, 5).mapToObj(i -> team.name() + "-dev-" + i).toList();
              String repo = team.repositories().stream().filter(r -> r.indexOf('*') < 0).findFirst()
                  .orElse("acme/" + team.name());
              return new TeamRoster(team, repo, engineers, habits.bots(), habits.surfaces());
            })
        .toList();
  }
}
