package dev.pmpulse.labs.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent.Type;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import dev.pmpulse.labs.LabDriver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** Lab 3: compaction and tombstones. */
class Lab3Test {
  private static final Instant T = Instant.parse("2026-11-16T09:00:00Z");

  @Test
  void aResolvedEscalationsLastRecordIsATombstone() {
    List<EscalationEvent> events = List.of(
        event("esc-1", Type.OPENED, 0), event("esc-2", Type.OPENED, 1), event("esc-1", Type.RESOLVED, 2),
        event("esc-3", Type.OPENED, 3), event("esc-2", Type.RESOLVED, 4), event("esc-2", Type.REOPENED, 5));
    Map<String, EscalationEvent> lastPerKey = new LinkedHashMap<>();
    try (TopologyTestDriver driver = LabDriver.of(LabDriver.built(OpenEscalations::track))) {
      var in = driver.createInputTopic(Topics.ESCALATION_EVENTS.name(),
          Topics.ESCALATION_EVENTS.keySerde().serializer(), Topics.ESCALATION_EVENTS.valueSerde().serializer());
      events.forEach(e -> in.pipeInput(e.id(), e, e.at()));
      var out = driver.createOutputTopic(
          OpenEscalations.OPEN, Serdes.String().deserializer(), Json.serde(EscalationEvent.class).deserializer());
      // A compacted topic keeps the last record of each key: keep the last one seen, tombstones too.
      out.readKeyValuesToList().forEach(kv -> lastPerKey.put(kv.key, kv.value));
    }
    assertThat(lastPerKey)
        .as("esc-1 was resolved, so the last record of esc-1 on %s must be a tombstone (the key with a null value). "
            + "If esc-1 is missing, nothing was written when it was resolved, and compaction keeps its opened record: "
            + "it would stay open for ever", OpenEscalations.OPEN)
        .containsEntry("esc-1", null);
    assertThat(lastPerKey.get("esc-2"))
        .as("esc-2 was resolved, then reopened: its last record must be the reopened event")
        .isNotNull()
        .extracting(EscalationEvent::type).isEqualTo(Type.REOPENED);
    assertThat(lastPerKey.get("esc-3")).as("esc-3 is open: its last record is its opened event").isNotNull();
  }

  @Test
  void compactionKeepsTheLastRecordOfEachKeyAtItsOffset() {
    List<KeyValue<String, String>> log = List.of(
        KeyValue.pair("esc-1", "open"), // 0
        KeyValue.pair("esc-2", "open"), // 1
        KeyValue.pair("esc-1", "open P0"), // 2
        KeyValue.pair("esc-3", "open"), // 3
        KeyValue.pair("esc-2", null), // 4: esc-2 resolved
        KeyValue.pair("esc-1", "open P1")); // 5
    assertThat(OpenEscalations.afterCompaction(log, false))
        .as("offsets kept by compaction, tombstones not yet expired: the last record of each key (esc-3 at 3, "
            + "esc-2's tombstone at 4, esc-1 at 5), at the offsets they had: compaction never renumbers records")
        .containsExactly(3L, 4L, 5L);
    assertThat(OpenEscalations.afterCompaction(log, true))
        .as("offsets kept once the tombstone is older than delete.retention.ms: the tombstone goes too")
        .containsExactly(3L, 5L);
  }

  private static EscalationEvent event(String id, Type type, int hour) {
    return new EscalationEvent(EscalationEvent.VERSION, id + "-" + type, type, id, "acme-bank", Severity.P1, "connect",
        T.plusSeconds(3600L * hour));
  }
}
