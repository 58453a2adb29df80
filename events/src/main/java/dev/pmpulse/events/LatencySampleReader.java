package dev.pmpulse.events;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads a {@link LatencySample}, the input of which there is a hundred times more than of all
 * others, straight from the bytes when it has exactly the shape PM Pulse writes: one object, each
 * of the six fields once, with its plain JSON type, ASCII strings without escapes, and an instant
 * in the canonical form. Anything else (a missing, extra, repeated or null field, a number as a string, malformed
 * JSON) is read again by Jackson's data binding, which decides what it means or how it is refused;
 * so the result, or the error, is always the one data binding gives.
 */
final class LatencySampleReader implements Json.Decoder<LatencySample> {
  private static final int ALL_FIELDS = 0b111111;

  private final ObjectReader fallback;

  LatencySampleReader(ObjectReader fallback) {
    this.fallback = fallback;
  }

  @Override
  public LatencySample read(byte[] bytes) throws IOException {
    LatencySample fast;
    try {
      fast = bytes == null ? null : readCanonical(bytes);
    } catch (RuntimeException e) {
      fast = null; // whatever this path trips over, data binding reads it again and decides
    }
    return fast != null ? fast : fallback.readValue(bytes);
  }

  /** The sample, or null when data binding must decide. */
  LatencySample readCanonical(byte[] bytes) {
    Cursor in = new Cursor(bytes);
    if (!in.skipTo('{')) {
      return null;
    }
    int v = 0;
    String cluster = null;
    String region = null;
    String operation = null;
    double latencyMs = 0;
    Instant at = null;
    int seen = 0;
    do {
      int field = in.fieldName();
      if (field < 0 || (seen & (1 << field)) != 0 || !in.skipTo(':')) {
        return null;
      }
      seen |= 1 << field;
      switch (field) {
        case V -> {
          long value = in.integer();
          if (value == NOT_A_NUMBER) {
            return null;
          }
          v = (int) value;
        }
        case CLUSTER -> cluster = in.string();
        case REGION -> region = in.string();
        case OPERATION -> operation = in.string();
        case AT -> {
          String text = in.string();
          at = text == null ? null : IsoInstantDeserializer.parseCanonical(text);
        }
        case LATENCY_MS -> {
          latencyMs = in.number();
          if (Double.isNaN(latencyMs)) {
            return null;
          }
        }
        default -> throw new IllegalStateException("field " + field);
      }
      if ((field == CLUSTER && cluster == null) || (field == REGION && region == null)
          || (field == OPERATION && operation == null) || (field == AT && at == null)) {
        return null;
      }
    } while (in.skipTo(','));
    if (!in.skipTo('}') || seen != ALL_FIELDS || cluster == null || region == null || operation == null || at == null) {
      return null;
    }
    return new LatencySample(v, cluster, region, operation, latencyMs, at);
  }

  private static final int V = 0;
  private static final int CLUSTER = 1;
  private static final int REGION = 2;
  private static final int OPERATION = 3;
  private static final int LATENCY_MS = 4;
  private static final int AT = 5;
  private static final byte[][] NAMES = {
    ascii("v"), ascii("cluster"), ascii("region"), ascii("operation"), ascii("latencyMs"), ascii("at")
  };
  private static final long NOT_A_NUMBER = Long.MIN_VALUE;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A position in the bytes. Accepts only a strict subset of JSON: ASCII, no escapes, numbers in
   * the JSON grammar; whatever it does not accept makes the caller fall back to data binding.
   */
  private static final class Cursor {
    private final byte[] b;
    private int i;

    Cursor(byte[] b) {
      this.b = b;
    }

    /** Skips white space; true and past it if the next byte is {@code c}. */
    boolean skipTo(char c) {
      skipWhiteSpace();
      if (i < b.length && b[i] == c) {
        i++;
        return true;
      }
      return false;
    }

    private void skipWhiteSpace() {
      while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
        i++;
      }
    }

    /** The index in {@link #NAMES} of the next field name, or -1. */
    int fieldName() {
      int start = stringBody();
      if (start < 0) {
        return -1;
      }
      int length = i - 1 - start;
      for (int f = 0; f < NAMES.length; f++) {
        if (NAMES[f].length == length && Arrays.equals(NAMES[f], 0, length, b, start, start + length)) {
          return f;
        }
      }
      return -1;
    }

    /** A string of printable ASCII without escapes, or null. */
    String string() {
      int start = stringBody();
      return start < 0 ? null : new String(b, start, i - 1 - start, StandardCharsets.ISO_8859_1);
    }

    /** Past a quoted string; the index of its first character, or -1. */
    private int stringBody() {
      if (!skipTo('"')) {
        return -1;
      }
      int start = i;
      while (i < b.length) {
        byte c = b[i++];
        if (c == '"') {
          return start;
        }
        if (c == '\\' || c < 0x20 || c >= 0x7f) {
          return -1;
        }
      }
      return -1;
    }

    /** A JSON integer of at most nine digits, or {@link #NOT_A_NUMBER}. */
    long integer() {
      skipWhiteSpace();
      int start = i;
      int end = numberEnd();
      if (end < 0) {
        return NOT_A_NUMBER;
      }
      int digitsFrom = b[start] == '-' ? start + 1 : start;
      if (end - digitsFrom > 9) {
        return NOT_A_NUMBER;
      }
      long value = 0;
      for (int k = digitsFrom; k < end; k++) {
        if (!digit(b[k])) {
          return NOT_A_NUMBER; // a fraction or an exponent: data binding decides
        }
        value = value * 10 + (b[k] - '0');
      }
      return b[start] == '-' ? -value : value;
    }

    /** A JSON number as Jackson reads it into a double, or NaN when this path does not read it. */
    double number() {
      skipWhiteSpace();
      int start = i;
      int end = numberEnd();
      if (end < 0 || end - start > 30) {
        return Double.NaN;
      }
      boolean integral = true;
      for (int k = start; k < end; k++) {
        if (b[k] == '.' || b[k] == 'e' || b[k] == 'E') {
          integral = false;
          break;
        }
      }
      String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
      if (integral) {
        // Jackson reads an integer token as an integer, then converts it (so -0 becomes 0.0);
        // beyond a long it goes through BigInteger, which this path leaves to it.
        return end - start > 18 ? Double.NaN : (double) Long.parseLong(text);
      }
      return Double.parseDouble(text);
    }

    /**
     * Past a number in the JSON grammar, {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?},
     * followed by white space, ',' or '}'; its end, or -1.
     */
    private int numberEnd() {
      if (i < b.length && b[i] == '-') {
        i++;
      }
      if (i >= b.length || !digit(b[i])) {
        return -1;
      }
      if (b[i] == '0') {
        i++;
      } else {
        skipDigits();
      }
      if (i < b.length && b[i] == '.') {
        i++;
        if (i >= b.length || !digit(b[i])) {
          return -1;
        }
        skipDigits();
      }
      if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
        i++;
        if (i < b.length && (b[i] == '+' || b[i] == '-')) {
          i++;
        }
        if (i >= b.length || !digit(b[i])) {
          return -1;
        }
        skipDigits();
      }
      if (i < b.length && b[i] != ',' && b[i] != '}' && b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
        return -1;
      }
      return i;
    }

    private void skipDigits() {
      while (i < b.length && digit(b[i])) {
        i++;
      }
    }

    private static boolean digit(byte c) {
      return c >= '0' && c <= '9';
    }
  }
}
