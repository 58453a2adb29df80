package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.TeamDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTeamMapTest {
  @TempDir Path dir;

  @Test
  void aFlagWinsThenTheTeamsFileDecidesAsItReadsNow() throws Exception {
    AtomicReference<TeamDirectory> current = new AtomicReference<>(TeamDirectory.defaults());
    RepositoryTeamMap teams = new RepositoryTeamMap(Map.of("Acme/Connect", "platform"), current::get);

    assertThat(teams.teamOf("acme/connect")).contains("platform"); // the flag, whatever the case
    assertThat(teams.teamOf("ACME/streams")).contains("streams"); // the shipped file's repository
    assertThat(teams.teamOf("acme/kafka-streams")).isEmpty();

    Path file = dir.resolve("teams.yaml");
    Files.writeString(
        file,
        """
        teams:
          streams:
            zone: America/Los_Angeles
            workingHours: "09:00-17:00"
            workingDays: [MON, TUE, WED, THU, FRI]
            repositories: ["acme/kafka-*"]
        """);
    current.set(TeamDirectory.load(file));

    assertThat(teams.teamOf("acme/kafka-streams")).contains("streams"); // the edited file's pattern
    assertThat(teams.teamOf("acme/connect")).contains("platform");
  }
}
