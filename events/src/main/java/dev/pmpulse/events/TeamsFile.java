package dev.pmpulse.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a teams file (YAML, or JSON, which is YAML too) into a {@link TeamDirectory}, checking every
 * field: the first problem found is a {@link TeamsFileException} naming the file, the team and the
 * field. Unknown fields are problems too, so a misspelt {@code workingHour} is not silently the
 * default. The format is in {@code docs/teams.md}.
 */
final class TeamsFile {
  static final Pattern TEAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._\\[\\]-]{1,100}");
  private static final Set<String> TOP_FIELDS = Set.of("teams", "escalations");
  private static final Set<String> TEAM_FIELDS =
      Set.of("zone", "workingHours", "workingDays", "holidays", "daysOff", "repositories", "members",
          "ignoredLogins", "targets");
  private static final YAMLMapper YAML = new YAMLMapper();

  private TeamsFile() {}

  static TeamDirectory load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TeamsFileException(file + ": no such file");
    } catch (IOException e) {
      throw new TeamsFileException(file + ": cannot read it: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** @param source what to call the text in a message: the file's path */
  static TeamDirectory parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new TeamsFileException(source + ": not valid YAML" + (at == null ? "" : " at line " + at.getLineNr())
          + ": " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new TeamsFileException(source + ": the file is empty; it needs a 'teams' mapping");
    }
    if (!root.isObject()) {
      throw new TeamsFileException(source + ": expected a mapping with 'teams', was " + kind(root));
    }
    new TeamsFile.Fields(source, null).onlyKnown(root, TOP_FIELDS, "");
    double escalationHours = TeamDirectory.DEFAULT_ESCALATION_TARGET_HOURS;
    JsonNode escalations = root.get("escalations");
    if (escalations != null) {
      Fields f = new Fields(source, null);
      f.requireObject(escalations, "escalations");
      f.onlyKnown(escalations, Set.of("targetHours"), "escalations.");
      escalationHours = f.hours(escalations.get("targetHours"), "escalations.targetHours",
          TeamDirectory.DEFAULT_ESCALATION_TARGET_HOURS);
    }
    JsonNode teams = root.get("teams");
    if (teams == null || teams.isNull()) {
      throw new TeamsFileException(source + ": teams: missing; list the teams under 'teams:'");
    }
    if (!teams.isObject() || teams.isEmpty()) {
      throw new TeamsFileException(source + ": teams: expected a mapping of team names to teams, was " + kind(teams));
    }
    List<Team> parsed = new ArrayList<>();
    Map<String, String> ownerOfRepository = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : teams.properties()) {
      Team team = team(source, entry.getKey(), entry.getValue());
      for (String repo : team.repositories()) {
        String other = ownerOfRepository.putIfAbsent(repo.toLowerCase(Locale.ROOT), team.name());
        if (other != null) {
          throw new TeamsFileException(source + ": team '" + team.name() + "': repositories: '" + repo
              + "' is already team '" + other + "''s");
        }
      }
      parsed.add(team);
    }
    return new TeamDirectory(parsed, escalationHours);
  }

  private static Team team(String source, String name, JsonNode node) {
    if (!TEAM_NAME.matcher(name).matches() || name.equals(ReviewLatencyKpi.ALL_TEAMS)) {
      throw new TeamsFileException(source + ": team '" + name + "': the name must be 1-64 letters, digits, '.', '_' or '-', "
          + "and not '" + ReviewLatencyKpi.ALL_TEAMS + "' (the overall figure's name)");
    }
    Fields f = new Fields(source, name);
    f.requireObject(node, null);
    f.onlyKnown(node, TEAM_FIELDS, "");
    ZoneId zone = f.zone(node.get("zone"));
    LocalTime[] hours = f.workingHours(node.get("workingHours"));
    Set<DayOfWeek> days = f.workingDays(node.get("workingDays"));
    PublicHolidays holidays = f.holidays(node.get("holidays"));
    Set<LocalDate> daysOff = new LinkedHashSet<>();
    for (String day : f.strings(node.get("daysOff"), "daysOff")) {
      try {
        daysOff.add(LocalDate.parse(day));
      } catch (DateTimeParseException e) {
        throw f.problem("daysOff", "expected dates like 2026-12-24, was '" + day + "'");
      }
    }
    List<String> repositories = f.strings(node.get("repositories"), "repositories");
    for (String repo : repositories) {
      if (!RepositoryPattern.VALID.matcher(repo).matches()) {
        throw f.problem("repositories", "expected owner/name or a pattern like acme/streams-*, was '" + repo + "'");
      }
    }
    List<String> members = f.logins(node.get("members"), "members");
    List<String> ignored = f.logins(node.get("ignoredLogins"), "ignoredLogins");
    double reviewHours = Team.DEFAULT_REVIEW_TARGET_HOURS;
    JsonNode targets = node.get("targets");
    if (targets != null) {
      f.requireObject(targets, "targets");
      if (targets.has("escalationHours")) {
        throw f.problem("targets.escalationHours", "escalations name a customer, not a team: set the one escalation "
            + "target as escalations.targetHours at the top of the file");
      }
      f.onlyKnown(targets, Set.of("reviewHours"), "targets.");
      reviewHours = f.hours(targets.get("reviewHours"), "targets.reviewHours", Team.DEFAULT_REVIEW_TARGET_HOURS);
    }
    return new Team(name, zone, hours[0], hours[1], days, holidays, daysOff, repositories, members, ignored, reviewHours);
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an empty mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isNull() ? "empty" : "'" + node.asText() + "'";
  }

  /** The fields of one team (or of the file when {@code team} is null), and the messages about them. */
  private record Fields(String source, String team) {
    TeamsFileException problem(String field, String what) {
      return new TeamsFileException(source + ": " + (team == null ? "" : "team '" + team + "': ") + field + ": " + what);
    }

    void requireObject(JsonNode node, String field) {
      if (!node.isObject()) {
        String what = "expected a mapping of fields, was " + kind(node);
        if (field == null) {
          throw new TeamsFileException(source + ": team '" + team + "': " + what);
        }
        throw problem(field, what);
      }
    }

    void onlyKnown(JsonNode node, Set<String> known, String prefix) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!known.contains(field)) {
          throw problem(prefix + field, "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
        }
      }
    }

    String text(JsonNode node, String field) {
      if (!node.isValueNode() || node.isNull()) {
        throw problem(field, "expected a value, was " + kind(node));
      }
      return node.asText().trim();
    }

    ZoneId zone(JsonNode node) {
      if (node == null || node.isNull()) {
        throw problem("zone", "missing; give a time zone like Europe/Berlin");
      }
      String zone = text(node, "zone");
      try {
        return ZoneId.of(zone);
      } catch (DateTimeException e) {
        throw problem("zone", "unknown time zone '" + zone + "'; expected one like Europe/Berlin or UTC");
      }
    }

    LocalTime[] workingHours(JsonNode node) {
      if (node == null) {
        return new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(17, 0)};
      }
      String hours = text(node, "workingHours");
      Matcher m = HOURS.matcher(hours);
      LocalTime start;
      LocalTime end;
      try {
        if (!m.matches()) {
          throw new DateTimeException(hours);
        }
        start = LocalTime.parse(m.group(1));
        end = LocalTime.parse(m.group(2));
      } catch (DateTimeException e) {
        throw problem("workingHours", "expected HH:MM-HH:MM like 09:00-17:00, was '" + hours + "'");
      }
      if (!start.isBefore(end)) {
        throw problem("workingHours", "the start must be before the end (a shift past midnight is not supported), was '"
            + hours + "'");
      }
      return new LocalTime[] {start, end};
    }

    Set<DayOfWeek> workingDays(JsonNode node) {
      if (node == null) {
        return Team.MONDAY_TO_FRIDAY;
      }
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (String day : strings(node, "workingDays")) {
        days.add(dayOfWeek(day));
      }
      if (days.isEmpty()) {
        throw problem("workingDays", "a team needs at least one working day");
      }
      return days;
    }

    private DayOfWeek dayOfWeek(String text) {
      String upper = text.toUpperCase(Locale.ROOT);
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().equals(upper) || (upper.length() == 3 && d.name().startsWith(upper))) {
          return d;
        }
      }
      throw problem("workingDays", "expected days like MON or Monday, was '" + text + "'");
    }

    PublicHolidays holidays(JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      requireObject(node, "holidays");
      onlyKnown(node, Set.of("country", "region"), "holidays.");
      JsonNode countryNode = node.get("country");
      if (countryNode == null) {
        throw problem("holidays.country", "missing; give an ISO country code like DE");
      }
      String country = text(countryNode, "holidays.country").toLowerCase(Locale.ROOT);
      if (!PublicHolidays.countries().contains(country)) {
        throw problem("holidays.country", "the holiday library knows no country '" + country.toUpperCase(Locale.ROOT)
            + "'; expected an ISO code like DE, US, GB, IN");
      }
      JsonNode regionNode = node.get("region");
      String region = regionNode == null || regionNode.isNull() ? null : text(regionNode, "holidays.region");
      if (region != null) {
        Set<String> regions = PublicHolidays.regionsOf(country);
        if (!regions.contains(region.toLowerCase(Locale.ROOT))) {
          throw problem("holidays.region", "no region '" + region + "' in " + country.toUpperCase(Locale.ROOT)
              + (regions.isEmpty() ? ", which has none" : "; expected one of " + String.join(", ", regions)));
        }
      }
      return new PublicHolidays(country, region);
    }

    List<String> strings(JsonNode node, String field) {
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        throw problem(field, "expected a list like [a, b], was " + kind(node));
      }
      List<String> values = new ArrayList<>();
      for (JsonNode item : node) {
        values.add(text(item, field));
      }
      return values;
    }

    List<String> logins(JsonNode node, String field) {
      List<String> logins = strings(node, field);
      for (String login : logins) {
        if (!LOGIN.matcher(login).matches()) {
          throw problem(field, "expected logins of letters, digits, '-', '_', '.' (and [bot]), was '" + login + "'");
        }
      }
      return logins;
    }

    double hours(JsonNode node, String field, double otherwise) {
      if (node == null || node.isNull()) {
        return otherwise;
      }
      double hours;
      try {
        hours = node.isNumber() ? node.asDouble() : Double.parseDouble(text(node, field));
      } catch (NumberFormatException e) {
        throw problem(field, "expected a number of hours, was '" + node.asText() + "'");
      }
      if (!(hours > 0 && hours <= 10_000)) {
        throw problem(field, "expected hours above 0 and at most 10000, was " + node.asText());
      }
      return hours;
    }
  }
}
