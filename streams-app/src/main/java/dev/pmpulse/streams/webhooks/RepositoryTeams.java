package dev.pmpulse.streams.webhooks;

import java.util.Optional;

/**
 * Which team owns a repository: the team a pull request's events are reported under, and so whose
 * business hours its review latency is measured in.
 */
@FunctionalInterface
public interface RepositoryTeams {
  /**
   * The team a repository's pull requests are reported under when the directory does not know the
   * repository: counted (and visible on the dashboard) rather than dropped, with the fallback
   * calendar.
   */
  String UNASSIGNED = "unassigned";

  /** @param repository {@code owner/name}, as GitHub spells it */
  Optional<String> teamOf(String repository);
}
