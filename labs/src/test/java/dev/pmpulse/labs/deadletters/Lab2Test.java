package dev.pmpulse.labs.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pmpulse.events.Json;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import dev.pmpulse.labs.LabDriver;
import dev.pmpulse.streams.intake.DeadLetter;
import dev.pmpulse.streams.intake.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Lab 2: dead letters. */
class Lab2Test {
  private static final Instant T = Instant.parse("2026-11-16T09:00:00Z");

  @Test
  void theHeaderNamesAreTheDemos() {
    assertThat(SampleIntake.REASON_HEADER)
        .as("REASON_HEADER is not the header the demo's dead letters carry their reason code in: send a bad record "
            + "(step 1) and read its headers in the record browser")
        .isEqualTo(DeadLetter.HEADER_REASON);
    assertThat(SampleIntake.DETAIL_HEADER)
        .as("DETAIL_HEADER is not the header the demo's dead letters say what was wrong in: read the headers again")
        .isEqualTo(DeadLetter.HEADER_DETAIL);
  }

  @Test
  void badRecordsGoAsideWithTheirReasonAndTheGoodOnesGoOn() {
    String good1 = sample("us-east-1", 12.5);
    String notJson = "this is not JSON";
    String noCluster = "{\"v\":1,\"region\":\"us-east\",\"operation\":\"produce\",\"latencyMs\":3,\"at\":\"" + T + "\"}";
    String negative = sample("eu-west-1", -4);
    String good2 = sample("eu-west-1", 7);
    try (TopologyTestDriver driver = LabDriver.of(SampleIntake.topology())) {
      TestInputTopic<String, byte[]> in = driver.createInputTopic(
          Topics.LATENCY_SAMPLES.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
      for (String value : List.of(good1, notJson, noCluster, negative, good2)) {
        try {
          in.pipeInput("key-" + value.length(), value.getBytes(StandardCharsets.UTF_8), T);
        } catch (RuntimeException e) {
          fail("the record '%s' stopped your topology (%s). In the app that kills the stream thread, and the record "
              + "comes back after every restart: catch the error and forward the record to the DEAD_LETTER sink instead",
              value, e.getMessage());
        }
      }
      TestOutputTopic<String, LatencySample> valid = driver.createOutputTopic(
          SampleIntake.VALID_SAMPLES, Serdes.String().deserializer(), Json.serde(LatencySample.class).deserializer());
      TestOutputTopic<String, byte[]> dead = driver.createOutputTopic(
          Topics.DEAD_LETTER.name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());

      assertThat(valid.readValuesToList().stream().map(LatencySample::latencyMs).toList())
          .as("latencies on %s: the two good samples (12.5 and 7 ms) and nothing else: a sample with a negative "
              + "latency or no cluster is not a good one", SampleIntake.VALID_SAMPLES)
          .containsExactly(12.5, 7.0);
      List<TestRecord<String, byte[]>> letters = dead.readRecordsToList();
      assertThat(letters.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList())
          .as("values on %s: the three bad records, as they came, in their order", Topics.DEAD_LETTER.name())
          .containsExactly(notJson, noCluster, negative);
      assertThat(letters.stream().map(r -> header(r, SampleIntake.REASON_HEADER)).toList())
          .as("the %s header of the three dead letters: the app's reason codes (not JSON, no cluster, negative latency)",
              SampleIntake.REASON_HEADER)
          .containsExactly(Rejection.UNPARSEABLE, Rejection.MISSING_FIELD, Rejection.INVALID_VALUE);
      for (TestRecord<String, byte[]> letter : letters) {
        assertThat(header(letter, SampleIntake.DETAIL_HEADER))
            .as("the %s header of a dead letter: say what was wrong, for the person who reads it", SampleIntake.DETAIL_HEADER)
            .isNotBlank();
        assertThat(letter.key()).as("a dead letter keeps its key").startsWith("key-");
      }
    }
  }

  private static String sample(String cluster, double latencyMs) {
    return Json.write(new LatencySample(LatencySample.VERSION, cluster, "r", "produce", latencyMs, T));
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
