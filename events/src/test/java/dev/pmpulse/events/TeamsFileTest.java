package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The teams file: every field read, and every bad field named in one line with its file and team. */
class TeamsFileTest {
  private static final String FULL = """
      escalations:
        targetHours: 36
      teams:
        kafka-core:
          zone: Europe/Berlin
          workingHours: "08:00-16:30"
          workingDays: [MON, tuesday, Wed, THU]
          holidays:
            country: DE
            region: by
          daysOff: [2027-12-24, 2027-12-31]
          repositories: [acme/kafka, "acme/kafka-*"]
          members: [jonas-weber, mia-schulz, felix-braun]
          ignoredLogins: [merge-robot, ci-bot]
          targets:
            reviewHours: 6.5
        ops:
          zone: UTC
      """;

  @Test
  void readsEveryField() {
    TeamDirectory directory = TeamsFile.parse(FULL, "teams.yaml");

    assertThat(directory.escalationTargetHours()).isEqualTo(36);
    assertThat(directory.teams()).extracting(Team::name).containsExactly("kafka-core", "ops");
    Team team = directory.find("kafka-core").orElseThrow();
    assertThat(team.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(team.workStart()).isEqualTo(LocalTime.of(8, 0));
    assertThat(team.workEnd()).isEqualTo(LocalTime.of(16, 30));
    assertThat(team.workDays())
        .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
    assertThat(team.publicHolidays()).isEqualTo(new PublicHolidays("de", "by"));
    assertThat(team.daysOff()).containsExactlyInAnyOrder(LocalDate.of(2027, 12, 24), LocalDate.of(2027, 12, 31));
    assertThat(team.repositories()).containsExactly("acme/kafka", "acme/kafka-*");
    assertThat(team.members()).containsExactly("jonas-weber", "mia-schulz", "felix-braun");
    assertThat(team.ignoredLogins()).containsExactly("merge-robot", "ci-bot");
    assertThat(team.reviewTargetHours()).isEqualTo(6.5);
  }

  @Test
  void aTeamWithOnlyAZoneGetsTheDefaults() {
    Team ops = TeamsFile.parse(FULL, "teams.yaml").find("ops").orElseThrow();
    assertThat(ops).isEqualTo(new Team("ops", ZoneId.of("UTC"), LocalTime.of(9, 0), LocalTime.of(17, 0),
        Team.MONDAY_TO_FRIDAY, null, Set.of(), List.of(), List.of(), List.of(), 4));
    String noEscalations = "teams:\n  ops:\n    zone: UTC\n";
    assertThat(TeamsFile.parse(noEscalations, "t.yaml").escalationTargetHours()).isEqualTo(48);
  }

  @Test
  void jsonIsAcceptedToo() {
    String json = "{\"teams\": {\"ops\": {\"zone\": \"Asia/Kolkata\", \"workingHours\": \"10:00-18:30\"}}}";
    assertThat(TeamsFile.parse(json, "teams.json").find("ops").orElseThrow().workEnd()).isEqualTo(LocalTime.of(18, 30));
  }

  @Test
  void repositoriesMapToTheirTeamExactNamesFirstThenPatternsInFileOrder() {
    TeamDirectory directory = TeamsFile.parse("""
        teams:
          wide:
            zone: UTC
            repositories: ["acme/*"]
          kafka:
            zone: UTC
            repositories: [acme/kafka, "acme/kafka-*"]
        """, "t.yaml");
    assertThat(directory.teamOfRepository("acme/kafka")).contains("kafka");
    assertThat(directory.teamOfRepository("ACME/Kafka")).contains("kafka");
    // Both patterns match; the first team in the file wins.
    assertThat(directory.teamOfRepository("acme/kafka-streams")).contains("wide");
    assertThat(directory.teamOfRepository("acme/site")).contains("wide");
    // '*' stops at the '/'.
    assertThat(directory.teamOfRepository("other/kafka")).isEmpty();
    assertThat(directory.teamOfRepository(null)).isEqualTo(Optional.empty());
  }

  @Test
  void ignoredLoginsAndBotsNeverCount() {
    Team team = TeamsFile.parse(FULL, "teams.yaml").find("kafka-core").orElseThrow();
    assertThat(team.ignores("Merge-Robot")).isTrue();
    assertThat(team.ignores("renovate[bot]")).isTrue();
    assertThat(team.ignores("mia-schulz")).isFalse();
  }

  @Test
  void theShippedFileHoldsTheFourDemoTeams() {
    TeamDirectory defaults = TeamDirectory.defaults();
    assertThat(defaults.teams()).extracting(Team::name).containsExactly("streams", "clients", "connect", "platform");
    assertThat(defaults.teamOfRepository("acme/connect")).contains("connect");
    assertThat(defaults.teams()).allSatisfy(t -> assertThat(t.reviewTargetHours()).isEqualTo(4));
    assertThat(defaults.teamOrFallback("nobody")).isEqualTo(Team.nineToFive("nobody", "UTC"));
  }

  static Stream<Arguments> badFiles() {
    String team = "teams:\n  ops:\n    zone: UTC\n";
    return Stream.of(
        Arguments.of("teams: [", "t.yaml: not valid YAML at line"),
        Arguments.of("", "t.yaml: the file is empty"),
        Arguments.of("team:\n  ops: {}\n", "t.yaml: team: unknown field"),
        Arguments.of("escalations: {targetHours: 48}\n", "t.yaml: teams: missing"),
        Arguments.of("teams: [ops]\n", "t.yaml: teams: expected a mapping"),
        Arguments.of("teams:\n  ops: UTC\n", "t.yaml: team 'ops': expected a mapping"),
        Arguments.of("teams:\n  all:\n    zone: UTC\n", "t.yaml: team 'all': the name must be"),
        Arguments.of("teams:\n  'a b':\n    zone: UTC\n", "t.yaml: team 'a b': the name must be"),
        Arguments.of("teams:\n  ops:\n    workingHours: 09:00-17:00\n", "t.yaml: team 'ops': zone: missing"),
        Arguments.of("teams:\n  ops:\n    zone: Mars/Olympus\n", "t.yaml: team 'ops': zone: unknown time zone 'Mars/Olympus'"),
        Arguments.of(team + "    workingHours: 9-5\n", "t.yaml: team 'ops': workingHours: expected HH:MM-HH:MM"),
        Arguments.of(team + "    workingHours: 25:00-26:00\n", "t.yaml: team 'ops': workingHours: expected HH:MM-HH:MM"),
        Arguments.of(team + "    workingHours: 17:00-09:00\n", "t.yaml: team 'ops': workingHours: the start must be before the end"),
        Arguments.of(team + "    workingDays: [MON, Funday]\n", "t.yaml: team 'ops': workingDays: expected days like MON or Monday, was 'Funday'"),
        Arguments.of(team + "    workingDays: []\n", "t.yaml: team 'ops': workingDays: a team needs at least one working day"),
        Arguments.of(team + "    workingDays: MON\n", "t.yaml: team 'ops': workingDays: expected a list"),
        Arguments.of(team + "    holidays: DE\n", "t.yaml: team 'ops': holidays: expected a mapping"),
        Arguments.of(team + "    holidays: {region: by}\n", "t.yaml: team 'ops': holidays.country: missing"),
        Arguments.of(team + "    holidays: {country: XX}\n", "t.yaml: team 'ops': holidays.country: the holiday library knows no country 'XX'"),
        Arguments.of(team + "    holidays: {country: DE, region: zz}\n", "t.yaml: team 'ops': holidays.region: no region 'zz' in DE"),
        Arguments.of(team + "    holidays: {country: DE, state: by}\n", "t.yaml: team 'ops': holidays.state: unknown field"),
        Arguments.of(team + "    daysOff: [2027-02-30]\n", "t.yaml: team 'ops': daysOff: expected dates like 2026-12-24, was '2027-02-30'"),
        Arguments.of(team + "    repositories: [kafka]\n", "t.yaml: team 'ops': repositories: expected owner/name"),
        Arguments.of(team + "    repositories: [a/x]\n  dev:\n    zone: UTC\n    repositories: [A/X]\n",
            "t.yaml: team 'dev': repositories: 'A/X' is already team 'ops''s"),
        Arguments.of(team + "    members: [\"two words\"]\n", "t.yaml: team 'ops': members: expected logins"),
        Arguments.of(team + "    ignoredLogins: [{a: b}]\n", "t.yaml: team 'ops': ignoredLogins: expected a value"),
        Arguments.of(team + "    targets: {reviewHours: soon}\n", "t.yaml: team 'ops': targets.reviewHours: expected a number of hours, was 'soon'"),
        Arguments.of(team + "    targets: {reviewHours: 0}\n", "t.yaml: team 'ops': targets.reviewHours: expected hours above 0"),
        Arguments.of(team + "    targets: {escalationHours: 24}\n", "t.yaml: team 'ops': targets.escalationHours: escalations name a customer"),
        Arguments.of(team + "    targets: {review: 4}\n", "t.yaml: team 'ops': targets.review: unknown field"),
        Arguments.of(team + "    workingHour: 09:00-17:00\n", "t.yaml: team 'ops': workingHour: unknown field"),
        Arguments.of("escalations: {targetHours: -1}\n" + team, "t.yaml: escalations.targetHours: expected hours above 0"),
        Arguments.of("escalations: {target: 1}\n" + team, "t.yaml: escalations.target: unknown field"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badFiles")
  void aBadFieldIsOneLineNamingFileTeamAndField(String text, String expected) {
    assertThatThrownBy(() -> TeamsFile.parse(text, "t.yaml"))
        .isInstanceOf(TeamsFileException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n").doesNotContain("\r"));
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("teams.yaml");
    assertThatThrownBy(() -> TeamDirectory.load(missing)).hasMessage(missing + ": no such file");
  }

  @Test
  void aFileIsReadFromDisk(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("teams.yaml"), FULL);
    assertThat(TeamDirectory.load(file)).isEqualTo(TeamsFile.parse(FULL, "other name"));
  }
}
