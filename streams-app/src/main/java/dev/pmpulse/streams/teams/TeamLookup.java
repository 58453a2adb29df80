package dev.pmpulse.streams.teams;

import dev.pmpulse.events.BusinessCalendar;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor's view of the team directory ({@link TeamsTable}): a team's record and business
 * calendar as of now, or the fallback ({@link TeamDirectory#fallback}) for a team it does not know.
 * Each team's record is parsed once per change, and its calendar, with its holidays per year,
 * kept until the record changes.
 */
public final class TeamLookup {
  private static final Logger log = LoggerFactory.getLogger(TeamLookup.class);

  private final KeyValueStore<String, byte[]> store;
  private final Map<String, Known> known = new HashMap<>();

  private record Known(byte[] bytes, BusinessCalendar calendar) {}

  private TeamLookup(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /** The lookup of a processor's {@code init}: any processor may read the global store. */
  public static TeamLookup of(ProcessorContext<?, ?> context) {
    return new TeamLookup(context.getStateStore(TeamsTable.STORE));
  }

  public Team team(String name) {
    return calendar(name).team();
  }

  /** The team's calendar as of now; its {@link BusinessCalendar#team()} is the team. */
  public BusinessCalendar calendar(String name) {
    byte[] bytes = name == null ? null : store.get(name);
    Known cached = known.get(name);
    if (cached != null && Arrays.equals(cached.bytes, bytes)) {
      return cached.calendar;
    }
    Team team = null;
    if (bytes != null) {
      try {
        team = Json.read(bytes, Team.class);
      } catch (IOException | RuntimeException e) {
        // Only a record restored as it is on the topic can be bad here (TeamsTable checks the rest).
        log.warn("Team '{}' has a bad record on the teams topic ({}); using the fallback calendar", name, reason(e));
      }
    }
    BusinessCalendar calendar = new BusinessCalendar(team != null ? team : TeamDirectory.fallback(name));
    known.put(name, new Known(bytes, calendar));
    return calendar;
  }

  static String reason(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
