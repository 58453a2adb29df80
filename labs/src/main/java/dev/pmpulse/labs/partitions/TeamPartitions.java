package dev.pmpulse.labs.partitions;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
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
    throw new UnsupportedOperationException(
        "Lab 1: compute the partition the producer picks for key '" + key + "' (see step 3 of the lab)");
  }

  /** Counts the PRs opened per team, from {@code pmpulse.pr-events}, into {@link #OPENED_PER_TEAM}. */
  public static void openedPerTeam(StreamsBuilder builder) {
    // Counts per key, as the records arrive. Run the check and read what comes out.
    builder
        .stream(Topics.PR_EVENTS.name(), Consumed.with(Topics.PR_EVENTS.keySerde(), Topics.PR_EVENTS.valueSerde()))
        .filter((key, event) -> event.type() == PrEvent.Type.OPENED)
        .groupByKey()
        .count()
        .toStream()
        .to(OPENED_PER_TEAM, Produced.with(Serdes.String(), Serdes.Long()));
  }
}
