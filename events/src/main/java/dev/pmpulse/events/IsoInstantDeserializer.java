package dev.pmpulse.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as PM Pulse writes them ({@code 2026-11-23T14:00:00Z}, optionally with a fraction of a
 * second), read without {@code DateTimeFormatter}; anything else goes to Jackson's own {@link
 * InstantDeserializer}, which decides what it means or how it is refused. So the result is always
 * the one Jackson gives, only faster for the one form that every record carries: parsing instants
 * through the formatter was about a fifth of the streams app's CPU.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {
  private static final long SECONDS_PER_DAY = 86_400;
  private static final BigDecimal MIN_SECONDS = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond() + 1);

  private final JsonDeserializer<?> fallback;

  IsoInstantDeserializer() {
    this(InstantDeserializer.INSTANT);
  }

  private IsoInstantDeserializer(JsonDeserializer<?> fallback) {
    super(Instant.class);
    this.fallback = fallback;
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
      throws JsonMappingException {
    JsonDeserializer<?> contextual =
        fallback instanceof ContextualDeserializer c ? c.createContextual(ctxt, property) : fallback;
    return contextual == fallback ? this : new IsoInstantDeserializer(contextual);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      Instant fast = parseCanonical(p.getText());
      if (fast != null) {
        return fast;
      }
    } else if (p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
      // The one place the result is not Jackson's: it reads a float of seconds through
      // BigDecimal.longValue(), which wraps, so 1.5e300 came out as 1970-01-01T00:00:00Z. Refused
      // here, as Jackson refuses 1e20 (which wraps to a number too big for an Instant).
      BigDecimal seconds = p.getDecimalValue();
      if (seconds.compareTo(MIN_SECONDS) < 0 || seconds.compareTo(MAX_SECONDS) >= 0) {
        throw ctxt.weirdNumberException(seconds, Instant.class, "Instant exceeds minimum or maximum instant");
      }
    }
    return (Instant) fallback.deserialize(p, ctxt);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} exactly (upper-case T and Z, hours 00-23, no leap
   * second), as an instant; null for anything else, including impossible dates.
   */
  static Instant parseCanonical(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z') {
      return null;
    }
    if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1) {
        return null;
      }
      int fraction = digits(s, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
