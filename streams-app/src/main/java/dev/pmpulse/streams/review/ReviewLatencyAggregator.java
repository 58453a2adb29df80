package dev.pmpulse.streams.review;

import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.streams.stats.DurationStats;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums review outcomes per team (input key: a team, or {@code all}) into one bucket per UTC day,
 * and reports the rolling 7-day and same-day figures each time they change and every hour of
 * stream time, so the 7-day window moves on even on a quiet day.
 *
 * <p>Late data: a review whose day has already left the 7-day window (by stream time) is not
 * added; it is counted in {@code pmpulse_late_records_total{kpi="review-latency"}}.
 */
final class ReviewLatencyAggregator implements Processor<String, ReviewOutcome, String, ReviewLatencyKpi> {
  static final String DAILY_STORE = "review-latency-daily";
  static final String WAITING_STORE = "review-waiting-over-target";
  static final int WINDOW_DAYS = 7;

  private final Duration target;
  private final Counter late;
  private ProcessorContext<String, ReviewLatencyKpi> context;
  private KeyValueStore<String, DurationStats> daily;
  private KeyValueStore<String, Long> waiting;

  ReviewLatencyAggregator(Duration target, Counter late) {
    this.target = target;
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, ReviewLatencyKpi> context) {
    this.context = context;
    this.daily = context.getStateStore(DAILY_STORE);
    this.waiting = context.getStateStore(WAITING_STORE);
    // Anchored at whole hours of event time, not at the stream time this task happened to start
    // at: a task re-created after a crash or a rebalance reports at the same instants as before.
    context.schedule(Instant.EPOCH, Duration.ofHours(1), PunctuationType.STREAM_TIME, this::reportAll);
  }

  @Override
  public void process(Record<String, ReviewOutcome> record) {
    String team = record.key();
    ReviewOutcome outcome = record.value();
    switch (outcome.kind()) {
      case REVIEWED -> {
        LocalDate day = dayOf(outcome.at());
        if (day.isBefore(oldestDayKept(context.currentStreamTimeMs()))) {
          // Each outcome arrives once per team and once for "all": count the review once.
          if (!ReviewLatencyKpi.ALL_TEAMS.equals(team)) {
            late.increment();
          }
        } else {
          String key = bucketKey(team, day);
          daily.put(key, orEmpty(daily.get(key)).add(outcome.businessSeconds(), target.toSeconds()));
        }
        if (outcome.wasOverdue()) {
          addWaiting(team, -1);
        }
      }
      case OVERDUE -> addWaiting(team, +1);
      case ABANDONED -> {
        if (outcome.wasOverdue()) {
          addWaiting(team, -1);
        }
      }
    }
    // As of stream time, not of this outcome: a late outcome must not report an old window.
    report(team, Instant.ofEpochMilli(Math.max(context.currentStreamTimeMs(), outcome.at().toEpochMilli())));
  }

  private void reportAll(long streamTimeMs) {
    Instant now = Instant.ofEpochMilli(streamTimeMs);
    LocalDate oldest = oldestDayKept(streamTimeMs);
    TreeSet<String> teams = new TreeSet<>();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, DurationStats> it = daily.all()) {
      while (it.hasNext()) {
        KeyValue<String, DurationStats> kv = it.next();
        int sep = kv.key.lastIndexOf('|');
        teams.add(kv.key.substring(0, sep));
        if (LocalDate.parse(kv.key.substring(sep + 1)).isBefore(oldest)) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(daily::delete);
    try (KeyValueIterator<String, Long> it = waiting.all()) {
      it.forEachRemaining(kv -> teams.add(kv.key));
    }
    teams.forEach(team -> report(team, now));
  }

  private void report(String team, Instant asOf) {
    LocalDate day = dayOf(asOf);
    DurationStats week = DurationStats.EMPTY;
    for (int i = 0; i < WINDOW_DAYS; i++) {
      week = week.merge(orEmpty(daily.get(bucketKey(team, day.minusDays(i)))));
    }
    DurationStats today = orEmpty(daily.get(bucketKey(team, day)));
    Long overdue = waiting.get(team);
    ReviewLatencyKpi kpi =
        new ReviewLatencyKpi(
            ReviewLatencyKpi.VERSION,
            team,
            asOf,
            day,
            week.summary(),
            today.summary(),
            overdue == null ? 0 : overdue,
            target.toSeconds());
    context.forward(new Record<>(team, kpi, asOf.toEpochMilli()));
  }

  private void addWaiting(String team, int delta) {
    Long current = waiting.get(team);
    waiting.put(team, Math.max(0, (current == null ? 0 : current) + delta));
  }

  static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static LocalDate oldestDayKept(long streamTimeMs) {
    return dayOf(Instant.ofEpochMilli(Math.max(0, streamTimeMs))).minusDays(WINDOW_DAYS - 1);
  }

  static String bucketKey(String team, LocalDate day) {
    return team + "|" + day;
  }

  private static DurationStats orEmpty(DurationStats stats) {
    return stats == null ? DurationStats.EMPTY : stats;
  }
}
