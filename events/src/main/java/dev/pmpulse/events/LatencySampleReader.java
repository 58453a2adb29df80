package dev.pmpulse.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads a {@link LatencySample}, the input of which there is a hundred times more than of all
 * others, straight from the token stream when it has exactly the shape PM Pulse writes: one
 * object, each of the six fields once, with its plain JSON type, and an instant in the canonical
 * form. Anything else (a missing, extra, repeated or null field, a number as a string, malformed
 * JSON) is read again by Jackson's data binding, which decides what it means or how it is refused;
 * so the result, or the error, is always the one data binding gives.
 */
final class LatencySampleReader implements Json.Decoder<LatencySample> {
  private static final int ALL_FIELDS = 0b111111;

  private final JsonFactory factory;
  private final ObjectReader fallback;

  LatencySampleReader(ObjectReader fallback) {
    this.factory = fallback.getFactory();
    this.fallback = fallback;
  }

  @Override
  public LatencySample read(byte[] bytes) throws IOException {
    LatencySample fast = readCanonical(bytes);
    return fast != null ? fast : fallback.readValue(bytes);
  }

  /** The sample, or null when data binding must decide. */
  LatencySample readCanonical(byte[] bytes) {
    try (JsonParser p = factory.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      int v = 0;
      String cluster = null;
      String region = null;
      String operation = null;
      double latencyMs = 0;
      Instant at = null;
      int seen = 0;
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        int field;
        switch (name) {
          case "v" -> {
            if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
              return null;
            }
            v = p.getIntValue();
            field = 1;
          }
          case "cluster" -> {
            cluster = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            field = 1 << 1;
          }
          case "region" -> {
            region = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            field = 1 << 2;
          }
          case "operation" -> {
            operation = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            field = 1 << 3;
          }
          case "latencyMs" -> {
            if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
              return null;
            }
            latencyMs = p.getDoubleValue();
            field = 1 << 4;
          }
          case "at" -> {
            at = value == JsonToken.VALUE_STRING ? IsoInstantDeserializer.parseCanonical(p.getText()) : null;
            field = 1 << 5;
          }
          default -> {
            return null;
          }
        }
        if ((seen & field) != 0) {
          return null;
        }
        seen |= field;
      }
      if (token != JsonToken.END_OBJECT || seen != ALL_FIELDS || cluster == null || region == null
          || operation == null || at == null) {
        return null;
      }
      return new LatencySample(v, cluster, region, operation, latencyMs, at);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
