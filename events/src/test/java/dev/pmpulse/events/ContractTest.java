package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contract: what version 1 looks like on the wire must keep parsing the same way. */
class ContractTest {
  @Test
  void versionOneFixtureStillParsesAndUnknownFieldsAreIgnored() throws IOException {
    byte[] json;
    try (InputStream in = getClass().getResourceAsStream("/contract-v1/pr-event.json")) {
      json = in.readAllBytes();
    }
    PrEvent e = Json.read(json, PrEvent.class);
    assertThat(e.v()).isEqualTo(PrEvent.VERSION).isEqualTo(1);
    assertThat(e.type()).isEqualTo(PrEvent.Type.REVIEW_SUBMITTED);
    assertThat(e.reviewState()).isEqualTo(PrEvent.ReviewState.CHANGES_REQUESTED);
    assertThat(e.key()).isEqualTo("acme/streams#1");
    assertThat(e.labels()).containsExactly("kip-848");
    assertThat(e.apiChanges()).isEmpty();
    assertThat(e.at()).isEqualTo(Instant.parse("2026-11-23T18:00:00Z"));
  }

  @Test
  void serdeRoundTripKeepsEveryField() {
    PrEvent e =
        new PrEvent(1, "id-1", PrEvent.Type.MERGED, "acme/clients", 42, "clients", "ana", "bo",
            List.of("cy"), List.of("bug"), null,
            List.of(new ApiChange("producer-api", ApiChange.Kind.BREAKING)), Instant.parse("2026-12-31T23:59:59.999Z"));
    var serde = Topics.PR_EVENTS.valueSerde();
    byte[] bytes = serde.serializer().serialize(Topics.PR_EVENTS.name(), e);
    assertThat(new String(bytes)).contains("\"type\":\"merged\"").contains("\"kind\":\"breaking\"")
        .contains("\"at\":\"2026-12-31T23:59:59.999Z\"");
    assertThat(serde.deserializer().deserialize(Topics.PR_EVENTS.name(), bytes)).isEqualTo(e);
  }

  @Test
  void nullIsATombstoneBothWays() {
    var serde = Topics.PR_EVENTS.valueSerde();
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void registryNamesAreUniqueAndPrefixed() {
    List<String> names = Topics.all().stream().map(Topic::name).toList();
    assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.startsWith("pmpulse."));
  }
}
