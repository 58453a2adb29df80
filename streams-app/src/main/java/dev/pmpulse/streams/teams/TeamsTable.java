package dev.pmpulse.streams.teams;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team directory inside the topology: {@link Topics#TEAMS} read into a global store, which
 * every instance holds whole and every processor can read ({@link TeamLookup}). A record written to
 * the topic, by the app from the teams file or by anyone, takes effect at the next event that asks
 * about that team, without a restart.
 *
 * <p>A record that is not a valid team (bad JSON, an unknown zone, hours that end before they
 * start) is logged, counted in {@code pmpulse_teams_rejected_records_total} and ignored: the team
 * keeps its previous record. The store keeps the record's bytes as they are on the topic, because
 * Kafka Streams restores a global store by copying the topic; {@link TeamLookup} reads them.
 */
public final class TeamsTable {
  private static final Logger log = LoggerFactory.getLogger(TeamsTable.class);

  /** The global store of team records (JSON bytes of {@link Team}), keyed by team name. */
  public static final String STORE = "teams";

  private TeamsTable() {}

  public static void build(StreamsBuilder builder, MeterRegistry meters) {
    Counter rejected = meters.counter("pmpulse.teams.rejected.records");
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        Topics.TEAMS.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("teams-in"),
        () -> new Updater(rejected));
  }

  /** Puts a valid team record into the store, deletes on a tombstone, ignores the rest. */
  private static final class Updater implements Processor<String, byte[], Void, Void> {
    private final Counter rejected;
    private KeyValueStore<String, byte[]> store;

    Updater(Counter rejected) {
      this.rejected = rejected;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() == null) {
        reject(record, "no key (the key is the team's name)");
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
        log.info("Team '{}' removed from the directory: it keeps the fallback calendar from now on", record.key());
        return;
      }
      Team team;
      try {
        team = Json.read(record.value(), Team.class);
      } catch (IOException | RuntimeException e) {
        reject(record, TeamLookup.reason(e));
        return;
      }
      if (!record.key().equals(team.name())) {
        reject(record, "its name '" + team.name() + "' is not its key");
        return;
      }
      store.put(record.key(), record.value());
      log.info("Team '{}' updated: {} {}-{} {}", team.name(), team.zone(), team.workStart(), team.workEnd(), team.workDays());
    }

    private void reject(Record<String, byte[]> record, String why) {
      rejected.increment();
      log.warn("Ignored a record of {} for team '{}': {}; the team keeps its previous record",
          Topics.TEAMS.name(), record.key(), why);
    }
  }
}
