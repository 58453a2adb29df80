package dev.pmpulse.streams.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every processor node counts the records it receives, through the processor wrapper. */
class ProcessedRecordsTest {
  @TempDir Path stateDir;

  @Test
  void countsEachRecordAtEveryProcessorItPasses() {
    TopologySettings settings = TopologySettings.defaults(new SimpleMeterRegistry());
    try (FullTopology topology = new FullTopology(stateDir, settings)) {
      Instant at = Instant.parse("2026-03-02T10:00:00Z"); // a Monday
      PrEvent opened = new PrEvent(PrEvent.VERSION, "e-1", PrEvent.Type.OPENED, "acme/payments", 7, "payments",
          "ana", "ana", List.of(), List.of(), null, List.of(), at);
      topology.input(Topics.PR_EVENTS).pipeInput(opened.key(), opened, at);
      topology.textInput(Topics.PR_EVENTS).pipeInput("acme/payments#8", "not json", at.plusSeconds(1));

      Map<String, Long> counts = settings.processed().snapshot();
      String topic = Topics.PR_EVENTS.name();
      // Both records are parsed; the split sends one each way.
      assertThat(counts).containsEntry("parse-" + topic, 2L)
          .containsEntry("intake-" + topic + "-", 2L)
          .containsEntry("intake-" + topic + "-valid", 1L)
          .containsEntry("valid-" + topic, 1L)
          .containsEntry("intake-" + topic + "-rejected", 1L)
          .containsEntry("raw-" + topic, 1L)
          // The valid opening reaches the review tracker, and API stability's filter, which drops it.
          .containsEntry("review-track-pr", 1L)
          .containsEntry("api-merged", 1L)
          .containsEntry("api-key-by-quarter", 0L);
      // Sources and sinks are not processors: Kafka Streams' per-topic metrics count those.
      assertThat(counts).doesNotContainKeys("read-" + topic, "dead-letter-" + topic);
    }
  }
}
