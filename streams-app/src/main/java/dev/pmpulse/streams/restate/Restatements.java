package dev.pmpulse.streams.restate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How a KPI that reports as of its task's stream time restates the end of a day it learns more
 * about late: review latency, escalation resolution and API stability.
 *
 * <p>Their tasks merge the outputs of several upstream tasks, which reach them in whatever order
 * they arrive. So a review, resolution or merge of day D can arrive after the task's stream time
 * passed midnight: the reports made on D lacked it, and the next report is stamped on a later day.
 * The daily update of D, which takes each KPI's latest report of D, would then depend on that
 * arrival order. Instead the task reports every day from D to the day before its stream time's
 * again, stamped at the last millisecond of the day ({@link #lastInstantOf}), with figures that
 * count every record of that day or before it has seen, and none after. The last restatement of a
 * day is therefore the same in every run.
 *
 * <p>A restatement is older than the key's latest report, so a task writes its restatements just
 * before the report of the record that caused them: a key's last record stays its latest report,
 * which is what the views, the metrics and a compacted topic keep. The daily report, which goes by
 * event time, takes a restatement as its day's latest.
 */
public final class Restatements {
  /**
   * How many days back a late record is restated: the days the daily update still corrects (it
   * keeps as many).
   */
  public static final int DAYS_BACK = 7;

  private Restatements() {}

  /**
   * The days whose end a record of event time {@code at} changes, when the report it causes is
   * stamped {@code reportedAt}: from its own day to the day before the report's, the last {@link
   * #DAYS_BACK} of them at most; none for a record of the report's day.
   */
  public static List<LocalDate> daysToRestate(Instant at, Instant reportedAt) {
    LocalDate today = dayOf(reportedAt);
    LocalDate first = dayOf(at);
    if (first.isBefore(today.minusDays(DAYS_BACK))) {
      first = today.minusDays(DAYS_BACK);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  /** The instant a day's restatement is stamped with: its last millisecond, 23:59:59.999 UTC. */
  public static Instant lastInstantOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
  }

  /** The key of {@code key}'s entry for one UTC day in a store: {@code key|2026-11-23}. */
  public static String dayKey(String key, LocalDate day) {
    return key + "|" + day;
  }

  /**
   * Deletes the {@link #dayKey day entries} of {@code store} for days before {@code first}; leaves
   * the keys that do not end in {@code |} and a date.
   */
  public static void forgetDaysBefore(KeyValueStore<String, ?> store, LocalDate first) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, ?> it = store.all()) {
      while (it.hasNext()) {
        String key = it.next().key;
        LocalDate day = dayOfKey(key);
        if (day != null && day.isBefore(first)) {
          expired.add(key);
        }
      }
    }
    expired.forEach(store::delete);
  }

  private static LocalDate dayOfKey(String key) {
    String last = key.substring(key.lastIndexOf('|') + 1);
    if (last.length() != 10 || last.charAt(4) != '-' || last.charAt(7) != '-') {
      return null; // not a day entry: a current count, a week or a quarter
    }
    try {
      return LocalDate.parse(last);
    } catch (DateTimeParseException notADay) {
      return null;
    }
  }

  private static LocalDate dayOf(Instant time) {
    return LocalDate.ofInstant(time, ZoneOffset.UTC);
  }
}
