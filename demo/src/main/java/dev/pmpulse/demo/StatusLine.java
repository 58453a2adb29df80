package dev.pmpulse.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/** The demo's one-line status: simulated time, throughput since the last sample, consumer lag. */
final class StatusLine {
  private static final DateTimeFormatter SIMULATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * What the running demo looks like at one moment.
   *
   * @param simulatedNow the producer's clock, null when no producer runs
   * @param eventsSent total since start, -1 when no producer runs
   */
  record Sample(long nanoTime, Instant simulatedNow, long eventsSent, long recordsProcessed, OptionalLong lag) {}

  private Sample previous;

  /** The line for {@code now}; rates are over the time since the previous call. */
  String next(Sample now) {
    Sample before = previous;
    previous = now;
    double seconds = before == null ? 0 : (now.nanoTime() - before.nanoTime()) / 1e9;
    String sim = now.simulatedNow() == null ? "-" : SIMULATED.format(now.simulatedNow());
    String produced =
        now.eventsSent() < 0 ? "-" : rate(before == null ? -1 : before.eventsSent(), now.eventsSent(), seconds);
    String processed = rate(before == null ? -1 : before.recordsProcessed(), now.recordsProcessed(), seconds);
    String lag = now.lag().isPresent() ? String.format(Locale.ROOT, "%,d", now.lag().getAsLong()) : "-";
    return String.format(
        Locale.ROOT, "sim %s | produced %s ev/s | processed %s rec/s | lag %s", sim, produced, processed, lag);
  }

  private static String rate(long before, long now, double seconds) {
    if (before < 0 || seconds <= 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%,.0f", Math.max(0, now - before) / seconds);
  }
}
