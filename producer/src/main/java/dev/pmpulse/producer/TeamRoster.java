package dev.pmpulse.producer;

import dev.pmpulse.events.Team;
import dev.pmpulse.events.Teams;
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

  private static final Map<String, TeamRoster> KNOWN =
      Map.of(
          "streams",
          of(
              "streams",
              List.of("maya-lin", "diego-ramos", "priya-shah", "tom-becker", "lena-ortiz"),
              List.of("dependabot[bot]", "renovate[bot]"),
              List.of("streams-api")),
          "clients",
          of(
              "clients",
              List.of("sam-okafor", "rachel-kim", "ben-cohen", "ana-silva", "jon-park"),
              List.of("dependabot[bot]", "github-actions[bot]"),
              List.of("producer-api", "consumer-api")),
          "connect",
          of(
              "connect",
              List.of("jonas-weber", "mia-schulz", "felix-braun", "lea-hoffmann", "paul-koch"),
              List.of("renovate[bot]", "github-actions[bot]"),
              List.of("connect-api")),
          "platform",
          of(
              "platform",
              List.of("arjun-iyer", "neha-gupta", "rohan-mehta", "kavya-nair", "vikram-rao"),
              List.of("dependabot[bot]", "codecov[bot]"),
              List.of("admin-api")));

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

  /** A roster for every team of {@link Teams#DEFAULT}. */
  public static List<TeamRoster> defaults() {
    return forTeams(Teams.DEFAULT);
  }

  /** Rosters for {@code teams}; a team without a hand-written roster gets five numbered engineers. */
  public static List<TeamRoster> forTeams(List<Team> teams) {
    return teams.stream()
        .map(
            team -> {
              TeamRoster known = KNOWN.get(team.name());
              if (known != null) {
                return new TeamRoster(team, known.repo, known.engineers, known.bots, known.homeSurfaces);
              }
              List<String> engineers =
                  IntStream.rangeClosed(1, 5).mapToObj(i -> team.name() + "-dev-" + i).toList();
              return new TeamRoster(team, repoOf(team.name()), engineers, List.of("dependabot[bot]", "github-actions[bot]"), API_SURFACES);
            })
        .toList();
  }

  private static TeamRoster of(String name, List<String> engineers, List<String> bots, List<String> surfaces) {
    return new TeamRoster(Teams.calendarOf(name), repoOf(name), engineers, bots, surfaces);
  }

  private static String repoOf(String team) {
    return "acme/" + team;
  }
}
