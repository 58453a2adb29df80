package dev.pmpulse.labs.compaction;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Lab 3, compaction and tombstones (docs/labs/03-compaction-and-tombstones.md). Check: {@code
 * ./labs/check 3}.
 */
public final class OpenEscalations {
  /** A compacted topic, keyed by escalation id: the open escalations, as {@link #track} writes them. */
  public static final String OPEN = "lab3.open-escalations";

  private OpenEscalations() {}

  /**
   * From {@code pmpulse.escalation-events} to {@link #OPEN}: an opened or reopened escalation is
   * written with its latest event as the value; a resolved one must be gone from the topic once it
   * is compacted.
   */
  public static void track(StreamsBuilder builder) {
    // Writes what is open and skips the rest. Run the check to see what compaction keeps of it.
    builder
        .stream(Topics.ESCALATION_EVENTS.name(),
            Consumed.with(Topics.ESCALATION_EVENTS.keySerde(), Topics.ESCALATION_EVENTS.valueSerde()))
        .filter((id, event) -> event.type() != EscalationEvent.Type.RESOLVED)
        .to(OPEN, Produced.with(Serdes.String(), Json.serde(EscalationEvent.class)));
  }

  /**
   * The offsets that a compacted partition still holds once the log cleaner has run over all of
   * it. {@code log.get(i)} is the record at offset {@code i}; a null value is a tombstone.
   *
   * @param tombstonesExpired whether the tombstones are older than the topic's {@code
   *     delete.retention.ms} (one day by default): then the cleaner removes them too
   */
  public static List<Long> afterCompaction(List<KeyValue<String, String>> log, boolean tombstonesExpired) {
    throw new UnsupportedOperationException("Lab 3: say which offsets compaction keeps (step 4 of the lab)");
  }
}
