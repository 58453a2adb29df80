package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.TeamDirectory;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Repository to team from settings ({@code --github-repository-team owner/name=team}), then from the
 * team directory's repositories and patterns (the teams file, as it reads now: an edit applies to the
 * next delivery). GitHub treats owner and repository names without regard to case, and so does this
 * map.
 */
public final class RepositoryTeamMap implements RepositoryTeams {
  private final Map<String, String> explicit;
  private final Supplier<TeamDirectory> directory;

  /** Over the shipped teams file. */
  public RepositoryTeamMap(Map<String, String> explicit) {
    this(explicit, TeamDirectory::defaults);
  }

  public RepositoryTeamMap(Map<String, String> explicit, Supplier<TeamDirectory> directory) {
    this.explicit =
        explicit.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    this.directory = directory;
  }

  @Override
  public Optional<String> teamOf(String repository) {
    String team = explicit.get(repository.toLowerCase(Locale.ROOT));
    return team != null ? Optional.of(team) : directory.get().teamOfRepository(repository);
  }
}
