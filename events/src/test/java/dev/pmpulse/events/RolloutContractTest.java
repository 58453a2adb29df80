package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rollout contract on the wire, written out by hand. */
class RolloutContractTest {
  @Test
  void rolloutEventParsesFromItsWireForm() throws IOException {
    String json =
        "{\"v\":1,\"eventId\":\"r-1\",\"flag\":\"new-fetch-path\",\"cluster\":\"eu-west-1\","
            + "\"stagePercent\":25,\"at\":\"2026-11-23T12:00:00Z\",\"addedLater\":true}";
    RolloutEvent e = Json.read(json.getBytes(StandardCharsets.UTF_8), RolloutEvent.class);
    assertThat(e)
        .isEqualTo(new RolloutEvent(1, "r-1", "new-fetch-path", "eu-west-1", 25, Instant.parse("2026-11-23T12:00:00Z")));
    assertThat(e.key()).isEqualTo("new-fetch-path");
  }

  @Test
  void decisionIsWrittenWithLowerCaseVerdictAndIsoTimes() {
    RolloutDecision d =
        new RolloutDecision(
            1, "new-fetch-path", "eu-west-1", 10, RolloutDecision.Decision.ABORT, "band crossed",
            Instant.parse("2026-11-23T12:00:00Z"), Instant.parse("2026-11-23T12:07:00Z"));
    var serde = Topics.ROLLOUT_DECISIONS.valueSerde();
    byte[] bytes = serde.serializer().serialize(Topics.ROLLOUT_DECISIONS.name(), d);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"flag\":\"new-fetch-path\",\"cluster\":\"eu-west-1\",\"stagePercent\":10,\"decision\":\"abort\","
                + "\"reason\":\"band crossed\",\"stageStart\":\"2026-11-23T12:00:00Z\",\"decidedAt\":\"2026-11-23T12:07:00Z\"}");
    assertThat(serde.deserializer().deserialize(Topics.ROLLOUT_DECISIONS.name(), bytes)).isEqualTo(d);
  }

  @Test
  void theStagesAreTheFiveOfTheBrief() {
    assertThat(RolloutEvent.STAGES).containsExactlyInAnyOrder(5, 10, 25, 50, 100);
    assertThat(Topics.all()).contains(Topics.ROLLOUT_EVENTS, Topics.ROLLOUT_DECISIONS);
  }
}
