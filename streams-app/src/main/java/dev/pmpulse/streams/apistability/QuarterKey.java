package dev.pmpulse.streams.apistability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A calendar quarter (Q1 = January to March, ...), as the calendar of one time zone has it. Its
 * instants depend on the zone: 2026-Q1 in New York starts five hours after 2026-Q1 in UTC.
 */
public record QuarterKey(int year, int quarter) implements Comparable<QuarterKey> {
  public QuarterKey {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1 to 4, was " + quarter);
    }
  }

  /** The quarter that contains {@code at} on the calendar of {@code zone}. */
  public static QuarterKey of(Instant at, ZoneId zone) {
    LocalDate day = LocalDate.ofInstant(at, zone);
    return new QuarterKey(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  /** Reads a {@link #label()} back. */
  public static QuarterKey parse(String label) {
    int sep = label.lastIndexOf("-Q");
    if (sep <= 0) {
      throw new IllegalArgumentException("not a quarter label: " + label);
    }
    return new QuarterKey(Integer.parseInt(label.substring(0, sep)), Integer.parseInt(label.substring(sep + 2)));
  }

  public LocalDate firstDay() {
    return LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
  }

  /** First instant of the quarter in {@code zone} (the start of its first day, even on a DST day). */
  public Instant start(ZoneId zone) {
    return firstDay().atStartOfDay(zone).toInstant();
  }

  /** First instant of the next quarter: the quarter is {@code [start, end)}. */
  public Instant end(ZoneId zone) {
    return next().start(zone);
  }

  public QuarterKey next() {
    return quarter == 4 ? new QuarterKey(year + 1, 1) : new QuarterKey(year, quarter + 1);
  }

  /** {@code 2026-Q4}: the topic key and the prefix of state-store keys. */
  public String label() {
    return year + "-Q" + quarter;
  }

  @Override
  public int compareTo(QuarterKey other) {
    return year != other.year ? Integer.compare(year, other.year) : Integer.compare(quarter, other.quarter);
  }

  @Override
  public String toString() {
    return label();
  }
}
