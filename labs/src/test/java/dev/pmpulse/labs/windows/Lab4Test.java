package dev.pmpulse.labs.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import dev.pmpulse.labs.LabDriver;
import dev.pmpulse.streams.slo.SloSettings;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** Lab 4: event time, windows and grace. */
class Lab4Test {
  /** When the producer sent every sample below: long after they were measured. */
  private static final Instant SENT = Instant.parse("2026-11-16T12:00:00Z");

  @Test
  void theGraceIsTheApps() {
    assertThat(MinuteCounts.GRACE)
        .as("GRACE is not the grace the app gives a late latency sample: find it where the publish-latency "
            + "minute is computed (step 3 of the lab)")
        .isEqualTo(SloSettings.DEFAULTS.grace());
  }

  @Test
  void samplesAreCountedInTheMinuteTheyWereMeasuredWhileTheGraceLasts() {
    Map<String, Long> counts = new TreeMap<>();
    try (TopologyTestDriver driver = LabDriver.of(LabDriver.built(MinuteCounts::build))) {
      var in = driver.createInputTopic(Topics.LATENCY_SAMPLES.name(),
          Topics.LATENCY_SAMPLES.keySerde().serializer(), Topics.LATENCY_SAMPLES.valueSerde().serializer());
      // In arrival order. Stream time is the latest event time seen so far.
      for (String at : new String[] {
          "09:00:10", "09:00:50", "09:01:05",
          "09:00:57", // 5 s after its minute ended: within a 10 s grace
          "09:01:30",
          "09:00:58", // 30 s after its minute ended: too late
          "09:02:05"}) {
        LatencySample s = new LatencySample(LatencySample.VERSION, "us-east-1", "us-east", "produce", 5,
            Instant.parse("2026-11-16T" + at + "Z"));
        in.pipeInput(s.cluster(), s, SENT);
      }
      var out = driver.createOutputTopic(MinuteCounts.COUNTS, Serdes.String().deserializer(), Serdes.Long().deserializer());
      out.readKeyValuesToList().forEach(kv -> counts.put(kv.key, kv.value));
    }
    assertThat(counts.keySet())
        .as("the minutes you counted in. If there is one at 12:00, you counted by the record timestamp, which says "
            + "when the producer sent the samples; a sample's event time is its `at` field: read it with a "
            + "TimestampExtractor (Consumed.withTimestampExtractor)")
        .containsExactly("us-east-1@2026-11-16T09:00:00Z", "us-east-1@2026-11-16T09:01:00Z", "us-east-1@2026-11-16T09:02:00Z");
    assertThat(counts.get("us-east-1@2026-11-16T09:00:00Z"))
        .as("samples counted in minute 09:00. Three belong: 09:00:10, 09:00:50, and 09:00:57, which arrived when "
            + "stream time was 09:01:05, 5 s after the minute ended, within the grace. 09:00:58 arrived at 09:01:30, "
            + "30 s after: the window was closed, so it is dropped")
        .isEqualTo(3L);
    assertThat(counts.get("us-east-1@2026-11-16T09:01:00Z")).as("samples counted in minute 09:01").isEqualTo(2L);
  }
}
