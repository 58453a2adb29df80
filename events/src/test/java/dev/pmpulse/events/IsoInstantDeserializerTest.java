package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path must give exactly what Jackson's own Instant deserializer gives, errors included. */
class IsoInstantDeserializerTest {
  /** What Json.MAPPER was before the fast path: JavaTimeModule alone. */
  private static final ObjectMapper JACKSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  @Test
  void theMapperReadsInstantsWithIt() throws Exception {
    DefaultDeserializationContext ctxt =
        ((DefaultDeserializationContext) Json.MAPPER.getDeserializationContext())
            .createDummyInstance(Json.MAPPER.getDeserializationConfig());
    assertThat(ctxt.findRootValueDeserializer(Json.MAPPER.constructType(Instant.class)))
        .isInstanceOf(IsoInstantDeserializer.class);
  }

  @Test
  void canonicalFormsTakeTheFastPath() {
    assertThat(IsoInstantDeserializer.parseCanonical("2026-11-23T14:00:00Z")).isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(IsoInstantDeserializer.parseCanonical("2026-11-23T14:05:09.120Z"))
        .isEqualTo(Instant.parse("2026-11-23T14:05:09.120Z"));
    assertThat(IsoInstantDeserializer.parseCanonical("2024-02-29T23:59:59.123456789Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
    assertThat(IsoInstantDeserializer.parseCanonical("1969-12-31T23:59:59.5Z")).isEqualTo(Instant.parse("1969-12-31T23:59:59.5Z"));
  }

  @Test
  void everythingElseIsLeftToJackson() {
    for (String s :
        new String[] {
          "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z",
          "2026-11-23T14:60:00Z", "2026-11-23T23:59:60Z", "2026-11-23t14:00:00z", "2026-11-23T14:00:00.Z",
          "2026-11-23T14:00:00+01:00", "2026-11-23T14:00Z", " 2026-11-23T14:00:00Z", "+2026-11-23T14:00:00Z",
          "2026-11-23T14:00:00.1234567890Z", "2026-1l-23T14:00:00Z", "1700000000", "1700000000.5", "", "now"
        }) {
      assertThat(IsoInstantDeserializer.parseCanonical(s)).as(s).isNull();
    }
  }

  @Test
  void sameResultAsJacksonForRandomInstants() throws Exception {
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      String json = Json.write(at);
      assertThat(Json.MAPPER.readValue(json, Instant.class)).as(json).isEqualTo(JACKSON.readValue(json, Instant.class)).isEqualTo(at);
    }
  }

  @Test
  void sameResultOrSameErrorAsJacksonForOddInput() throws Exception {
    for (String json :
        new String[] {
          "\"2026-02-30T00:00:00Z\"", "\"2026-11-23T24:00:00Z\"", "\"2026-11-23T23:59:60Z\"", "\"2026-11-23t14:00:00z\"",
          "\"2026-11-23T14:00:00+01:00\"", "\" 2026-11-23T14:00:00Z \"", "\"1700000000\"", "\"\"", "\"now\"", "1700000000",
          "1700000000.5", "null", "true", "[\"2026-11-23T14:00:00Z\"]", "{}"
        }) {
      Object expected = outcome(JACKSON, json);
      Object actual = outcome(Json.MAPPER, json);
      assertThat(actual).as(json).isEqualTo(expected);
    }
  }

  @Test
  void floatSecondsBeyondAnInstantAreRefusedNotWrapped() throws Exception {
    // Jackson alone wraps 1.5e300 seconds (BigDecimal.longValue) to the epoch.
    assertThat(JACKSON.readValue("1.5e300", Instant.class)).isEqualTo(Instant.EPOCH);
    for (String json : new String[] {"1.5e300", "-1.5e300", "1.8446744073709552E19", "31556889864403200.0", "1e20"}) {
      assertThat(catchThrowable(() -> Json.MAPPER.readValue(json, Instant.class))).as(json)
          .isInstanceOf(JsonMappingException.class).hasMessageContaining("Instant exceeds minimum or maximum instant");
    }
    assertThat(Json.MAPPER.readValue("31556889864403199.5", Instant.class))
        .isEqualTo(Instant.MAX.minusNanos(Instant.MAX.getNano()).plusMillis(500));
    assertThat(Json.MAPPER.readValue("-5.5", Instant.class)).isEqualTo(JACKSON.readValue("-5.5", Instant.class));
  }

  @Test
  void recordsUseItAndKeepTheirErrors() throws Exception {
    String ok = "{\"v\":1,\"cluster\":\"c\",\"region\":\"r\",\"operation\":\"produce\",\"latencyMs\":12.5,\"at\":\"2026-11-23T14:00:00.250Z\"}";
    assertThat(Json.MAPPER.readValue(ok, LatencySample.class))
        .isEqualTo(JACKSON.readValue(ok, LatencySample.class));
    String bad = ok.replace("2026-11-23T14:00:00.250Z", "2026-11-31T14:00:00Z");
    assertThat(outcome(Json.MAPPER, bad, LatencySample.class)).isEqualTo(outcome(JACKSON, bad, LatencySample.class));
  }

  private static Object outcome(ObjectMapper mapper, String json) {
    return outcome(mapper, json, Instant.class);
  }

  /** The value read, or the class and message of the error. */
  private static Object outcome(ObjectMapper mapper, String json, Class<?> type) {
    Object[] value = new Object[1];
    Throwable error = catchThrowable(() -> value[0] = mapper.readValue(json, type));
    return error == null ? String.valueOf(value[0]) : error.getClass().getName() + ": " + error.getMessage().lines().findFirst().orElse("");
  }
}
