package dev.pmpulse.labs.partitions;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Lab 1, keys and partitions (docs/labs/01-keys-and-partitions.md). Check: {@code ./labs/check 1}.
 */
public final class TeamPartitions {
  /** Where {@link #openedPerTeam} writes its counts: key the team, value the count. */
  public static final String OPENED_PER_TEAM = "lab1.opened-per-team";

  private TeamPartitions() {}

  /**
   * The partition that Kafka's producer picks for a record with this key, out of {@code
   * partitions}: what the record browser shows for that key on {@code pmpulse.pr-events}.
   */
  public static int partitionOf(String key, int partitions) {
    // The key as the String serde writes it (UTF-8), hashed with murmur2, made positive, modulo.
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }

  /** Counts the PRs opened per team, from {@code pmpulse.pr-events}, into {@link #OPENED_PER_TEAM}. */
  public static void openedPerTeam(StreamsBuilder builder) {
    // The input is keyed by PR, so one team's PRs are spread over every partition. groupBy with the
    // team as the new key makes Kafka Streams write them to a repartition topic keyed by team, so
    // that one task sees all of a team's PRs and can count them.
    builder
        .stream(Topics.PR_EVENTS.name(), Consumed.with(Topics.PR_EVENTS.keySerde(), Topics.PR_EVENTS.valueSerde()))
        .filter((key, event) -> event.type() == PrEvent.Type.OPENED)
        .groupBy((key, event) -> event.team(), Grouped.with("by-team", Serdes.String(), Topics.PR_EVENTS.valueSerde()))
        .count()
        .toStream()
        .to(OPENED_PER_TEAM, Produced.with(Serdes.String(), Serdes.Long()));
  }
}
