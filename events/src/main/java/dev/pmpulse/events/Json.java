package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one JSON codec of PM Pulse: every record on every topic goes through here.
 *
 * <p>Instants are ISO-8601 strings so a person reading a topic with any console consumer sees
 * readable times. Unknown fields are ignored, so a newer producer (which may add fields within
 * the same contract version) never breaks an older streams app.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          // Registered after JavaTimeModule, so it takes precedence for Instant.
          .registerModule(new SimpleModule("pmpulse-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  /** A Kafka serde for {@code type}; null values pass through as null (tombstones). */
  public static <T> Serde<T> serde(Class<T> type) {
    ObjectWriter writer = MAPPER.writerFor(type);
    Decoder<T> reader = decoder(type);
    Serializer<T> serializer =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          try {
            return writer.writeValueAsBytes(value);
          } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName(), e);
          }
        };
    Deserializer<T> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return reader.read(bytes);
          } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getSimpleName(), e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
    return MAPPER.readValue(bytes, type);
  }

  /** Reads one value from JSON bytes. */
  @FunctionalInterface
  public interface Decoder<T> {
    T read(byte[] bytes) throws IOException;
  }

  /**
   * A decoder of {@code type}, for a caller that reads many records of one type: the same result as
   * {@link #read}, and for {@link LatencySample}, the high-volume input, a faster path to it.
   */
  @SuppressWarnings("unchecked")
  public static <T> Decoder<T> decoder(Class<T> type) {
    ObjectReader reader = MAPPER.readerFor(type);
    if (type == LatencySample.class) {
      return (Decoder<T>) new LatencySampleReader(reader);
    }
    return reader::readValue;
  }
}
