package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.Team;
import dev.pmpulse.events.Teams;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Repository to team from settings ({@code --github-repository-team owner/name=team}), then by the
 * simulator's convention: a repository named after one of the {@link Teams} ({@code acme/streams}
 * belongs to {@code streams}). GitHub treats owner and repository names without regard to case,
 * and so does this map.
 */
public final class RepositoryTeamMap implements RepositoryTeams {
  private final Map<String, String> explicit;
  private final Function<String, Optional<Team>> known;

  public RepositoryTeamMap(Map<String, String> explicit) {
    this(explicit, Teams::find);
  }

  RepositoryTeamMap(Map<String, String> explicit, Function<String, Optional<Team>> known) {
    this.explicit =
        explicit.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    this.known = known;
  }

  @Override
  public Optional<String> teamOf(String repository) {
    String team = explicit.get(repository.toLowerCase(Locale.ROOT));
    if (team != null) {
      return Optional.of(team);
    }
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    return known.apply(name).map(Team::name);
  }
}
