package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The token-stream path must give what Jackson's data binding gives, value or error, for any input. */
class LatencySampleReaderTest {
  private static final ObjectReader BINDING = Json.MAPPER.readerFor(LatencySample.class);
  private static final LatencySampleReader READER = new LatencySampleReader(BINDING);

  @Test
  void whatTheProducerWritesTakesTheFastPath() {
    Random random = new Random(23);
    for (int i = 0; i < 5_000; i++) {
      LatencySample s =
          new LatencySample(
              LatencySample.VERSION, "prod-eu-west-" + random.nextInt(9), "region-" + random.nextInt(3), "produce",
              i % 7 == 0 ? random.nextInt(100) : random.nextDouble() * 1000,
              Instant.ofEpochMilli(1_790_000_000_000L + random.nextInt(1_000_000_000)));
      byte[] bytes = Topics.LATENCY_SAMPLES.valueSerde().serializer().serialize("t", s);
      assertThat(READER.readCanonical(bytes)).isEqualTo(s);
      assertThat(Topics.LATENCY_SAMPLES.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(s);
    }
  }

  @Test
  void fieldsInAnyOrderStillTakeTheFastPath() {
    List<String> fields =
        new ArrayList<>(List.of("\"v\":1", "\"cluster\":\"c\"", "\"region\":\"r\"", "\"operation\":\"produce\"",
            "\"latencyMs\":12", "\"at\":\"2026-11-23T14:00:00.5Z\""));
    Random random = new Random(3);
    for (int i = 0; i < 50; i++) {
      Collections.shuffle(fields, random);
      String json = "{" + String.join(",", fields) + "}";
      assertThat(READER.readCanonical(utf8(json))).as(json).isNotNull().isEqualTo(outcomeOfBinding(json));
    }
  }

  @Test
  void anyOtherShapeGivesWhatDataBindingGives() throws Exception {
    String ok = "{\"v\":1,\"cluster\":\"c\",\"region\":\"r\",\"operation\":\"produce\",\"latencyMs\":12.5,\"at\":\"2026-11-23T14:00:00Z\"}";
    List<String> inputs =
        List.of(
            ok,
            ok.replace("\"v\":1,", ""), // missing: data binding gives 0
            ok.replace("\"v\":1", "\"v\":\"1\""), // coerced from a string by data binding
            ok.replace("\"v\":1", "\"v\":1.0"),
            ok.replace("\"v\":1", "\"v\":12345678901"),
            ok.replace("\"v\":1", "\"v\":null"),
            ok.replace("\"cluster\":\"c\"", "\"cluster\":null"),
            ok.replace("\"cluster\":\"c\",", ""),
            ok.replace("\"cluster\":\"c\"", "\"cluster\":7"),
            ok.replace("\"cluster\":\"c\"", "\"cluster\":{\"x\":1}"),
            ok.replace("\"region\":\"r\",", "\"region\":\"r\",\"region\":\"s\","),
            ok.replace("12.5", "\"12.5\""),
            ok.replace("12.5", "-3"),
            ok.replace("12.5", "1e400"),
            ok.replace("12.5", "true"),
            ok.replace("2026-11-23T14:00:00Z", "2026-11-31T14:00:00Z"),
            ok.replace("2026-11-23T14:00:00Z", "2026-11-23T15:00:00+01:00"),
            ok.replace("\"at\":\"2026-11-23T14:00:00Z\"", "\"at\":1790000000"),
            ok.replace("}", ",\"extra\":[1,2,{\"a\":null}]}"),
            ok + " trailing",
            ok.substring(0, ok.length() - 1),
            ok.replace("\"v\"", "\"V\""),
            ok.replace(",", " ,\n\t").replace(":", " : ").replace("{", " {\r\n") + "\n",
            ok.replace("\"c\"", "\"c\\u00e9\\\"\""),
            ok.replace("\"c\"", "\"z\u00fcrich-\u6771\u4eac\""),
            ok.replace("\"c\"", "\"tab\there\""),
            ok.replace("\"v\":1", "\"v\":01"),
            ok.replace("\"v\":1", "\"v\":-0"),
            ok.replace("\"v\":1", "\"v\":-1"),
            ok.replace("\"v\":1", "\"v\":123456789"),
            ok.replace("\"v\":1", "\"v\":2147483648"),
            ok.replace("\"v\":1", "\"v\":1e0"),
            ok.replace("12.5", "012.5"),
            ok.replace("12.5", "-0"),
            ok.replace("12.5", "1.25E1"),
            ok.replace("12.5", "125e-1"),
            ok.replace("12.5", "12."),
            ok.replace("12.5", ".5"),
            ok.replace("12.5", "12.5x"),
            ok.replace("12.5", "123456789012345678901234"),
            ok.replace("12.5", "0.1000000000000000055511151231257827"),
            ok.replace("12.5", "NaN"),
            ok.replace(",\"at\"", ",,\"at\""),
            ok.replace("}", ",}"),
            "[" + ok + "]",
            "{}",
            "null",
            "42",
            "",
            "not json");
    for (String json : inputs) {
      Object expected = outcomeOfBinding(json);
      Object actual = outcome(() -> READER.read(utf8(json)));
      assertThat(actual).as(json).isEqualTo(expected);
      LatencySample fast = READER.readCanonical(utf8(json));
      if (fast != null) {
        assertThat(fast).as(json).isEqualTo(expected);
      }
    }
  }

  @Test
  void randomlyDamagedInputGivesWhatDataBindingGives() {
    String ok = "{\"v\":1,\"cluster\":\"c-1\",\"region\":\"r\",\"operation\":\"produce\",\"latencyMs\":12.5e0,\"at\":\"2026-11-23T14:00:00.125Z\"}";
    byte[] alphabet = utf8("{}[]\",:.-+eE0123456789 \\nultrfasv\u00e9");
    Random random = new Random(41);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = utf8(ok);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(3)) {
          case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
          case 1 -> bytes = concat(java.util.Arrays.copyOf(bytes, at), java.util.Arrays.copyOfRange(bytes, at + 1, bytes.length));
          default -> bytes = concat(java.util.Arrays.copyOf(bytes, at + 1), java.util.Arrays.copyOfRange(bytes, at, bytes.length));
        }
      }
      byte[] input = bytes;
      String shown = new String(input, StandardCharsets.UTF_8);
      assertThat(outcome(() -> READER.read(input))).as(shown).isEqualTo(outcome(() -> BINDING.readValue(input)));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void theTopicSerdeAndTheIntakeUseIt() throws Exception {
    assertThat(Json.decoder(LatencySample.class)).isInstanceOf(LatencySampleReader.class);
  }

  private static Object outcomeOfBinding(String json) {
    return outcome(() -> BINDING.readValue(utf8(json)));
  }

  private interface Read {
    Object read() throws Exception;
  }

  /** The value read, or the class and first line of the message of the error. */
  private static Object outcome(Read read) {
    Object[] value = new Object[1];
    Throwable error = catchThrowable(() -> value[0] = read.read());
    return error == null ? value[0] : error.getClass().getName() + ": " + error.getMessage().lines().findFirst().orElse("");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
