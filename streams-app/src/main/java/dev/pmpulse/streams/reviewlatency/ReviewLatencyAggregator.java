package dev.pmpulse.streams.reviewlatency;

import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Team;
import dev.pmpulse.streams.restate.ReportInstants;
import dev.pmpulse.streams.restate.Restatements;
import dev.pmpulse.streams.stats.DurationStats;
import dev.pmpulse.streams.teams.TeamLookup;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums review outcomes per team (input key: a team, or {@code all}) into one bucket per UTC day,
 * and reports the rolling 7-day and same-day figures each time they change and every hour of
 * stream time, so the 7-day window moves on even on a quiet day; stamped as {@link ReportInstants}
 * says.
 *
 * <p>Late data: an outcome of an earlier day than stream time's (its tracker task was behind)
 * is counted, and the days from its own to yesterday are reported again as of their end ({@link
 * Restatements}): the reviews of each one's 7 days, and the PRs waiting over target at its end,
 * from the change per day kept in the waiting store beside the current count. A review older than
 * every window that can still be restated (the 7 days before stream time's, and their 7-day
 * windows) is not added; it is counted in {@code pmpulse_late_records_total{kpi="review-latency"}}.
 *
 * <p>Corrections: a {@code RETRACTED} outcome takes a PR's earlier latency out of its day. The
 * day's sketch cannot lose a value, so the day is rebuilt from the PR latencies counted into it,
 * which the measured store keeps for the days a correction can reach; the {@code REVIEWED} that
 * follows adds the right latency, and both days are restated.
 *
 * <p>Each team's report carries its own review target from the team directory; the overall figure
 * ({@code all}) carries the default, {@value Team#DEFAULT_REVIEW_TARGET_HOURS} h. The share within
 * target counts each review against its own team's target, as the tracker judged it.
 */
final class ReviewLatencyAggregator implements Processor<String, ReviewOutcome, String, ReviewLatencyKpi> {
  static final String DAILY_STORE = "review-latency-daily";
  /**
   * Per {@code team|now}, PRs waiting over target now; per {@code team|day}, how that day changed
   * it. (Both end in a segment of their own, so a team named like {@code a|2026-11-23} cannot
   * collide with another team's day.)
   */
  static final String WAITING_STORE = "review-waiting-over-target";
  /** Per team, when it was last reported ({@link ReportInstants}). */
  static final String REPORTED_STORE = "review-latency-reported";
  /** Per {@link MeasuredReview#key team, day and PR}, the latency counted into that day. */
  static final String MEASURED_STORE = "review-latency-measured";
  static final int WINDOW_DAYS = 7;

  private final Counter late;
  private ProcessorContext<String, ReviewLatencyKpi> context;
  private KeyValueStore<String, DurationStats> daily;
  private KeyValueStore<String, Long> waiting;
  private KeyValueStore<String, MeasuredReview> measured;
  private ReportInstants instants;
  private TeamLookup teams;

  ReviewLatencyAggregator(Counter late) {
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, ReviewLatencyKpi> context) {
    this.context = context;
    this.daily = context.getStateStore(DAILY_STORE);
    this.waiting = context.getStateStore(WAITING_STORE);
    this.measured = context.getStateStore(MEASURED_STORE);
    this.teams = TeamLookup.of(context);
    this.instants = new ReportInstants(context.getStateStore(REPORTED_STORE));
    // Anchored at whole hours of event time, not at the stream time this task happened to start
    // at: a task re-created after a crash or a rebalance reports at the same instants as before.
    context.schedule(Instant.EPOCH, ReportInstants.EVERY, PunctuationType.STREAM_TIME, this::reportAll);
  }

  @Override
  public void process(Record<String, ReviewOutcome> record) {
    String team = record.key();
    ReviewOutcome outcome = record.value();
    long streamTimeMs = context.currentStreamTimeMs();
    LocalDate day = dayOf(outcome.at());
    boolean changed = true;
    switch (outcome.kind()) {
      case REVIEWED -> {
        if (day.isBefore(oldestDayKept(streamTimeMs))) {
          // Each outcome arrives once per team and once for "all": count the review once.
          if (!ReviewLatencyKpi.ALL_TEAMS.equals(team)) {
            late.increment();
          }
          changed = outcome.wasOverdue();
        } else {
          String key = Restatements.dayKey(team, day);
          daily.put(key, orEmpty(daily.get(key)).add(outcome.businessSeconds(), outcome.withinTarget()));
          measured.put(MeasuredReview.key(team, day, outcome.pr()),
              new MeasuredReview(team, day, outcome.pr(), outcome.businessSeconds(), outcome.withinTarget()));
        }
        if (outcome.wasOverdue()) {
          addWaiting(team, day, -1);
        }
      }
      case RETRACTED -> {
        changed = retract(team, day, outcome.pr());
        if (outcome.wasOverdue()) {
          // The PR was waiting over target until its corrected review, not until this one.
          addWaiting(team, day, +1);
          changed = true;
        }
      }
      case OVERDUE -> addWaiting(team, day, +1);
      case ABANDONED -> {
        changed = outcome.wasOverdue();
        if (changed) {
          addWaiting(team, day, -1);
        }
      }
    }
    // Never earlier than the stream time's last whole hour: a late outcome must not report an old window.
    Instant asOf = instants.ofChange(team, outcome.at(), streamTimeMs);
    if (changed) {
      for (LocalDate earlier : Restatements.daysToRestate(outcome.at(), asOf)) {
        report(team, earlier, Restatements.lastInstantOf(earlier));
      }
    }
    report(team, dayOf(asOf), asOf);
  }

  /**
   * Takes a PR's latency out of its day: the day rebuilt from the others counted into it. False if
   * it was never counted (it came too late) or its day is forgotten.
   */
  private boolean retract(String team, LocalDate day, String pr) {
    String key = MeasuredReview.key(team, day, pr);
    if (measured.get(key) == null) {
      return false;
    }
    measured.delete(key);
    DurationStats rebuilt = DurationStats.EMPTY;
    try (KeyValueIterator<String, MeasuredReview> it =
        measured.prefixScan(MeasuredReview.prefix(team, day), new StringSerializer())) {
      while (it.hasNext()) {
        MeasuredReview m = it.next().value;
        if (m.team().equals(team) && m.day().equals(day)) {
          rebuilt = rebuilt.add(m.businessSeconds(), m.withinTarget());
        }
      }
    }
    String dayKey = Restatements.dayKey(team, day);
    if (rebuilt.count() == 0) {
      daily.delete(dayKey);
    } else {
      daily.put(dayKey, rebuilt);
    }
    return true;
  }

  private void reportAll(long streamTimeMs) {
    LocalDate oldest = oldestDayKept(streamTimeMs);
    Restatements.forgetDaysBefore(daily, oldest);
    Restatements.forgetDaysBefore(waiting, oldest);
    forgetMeasuredBefore(oldest);
    for (String team : instants.keys()) {
      Instant asOf = instants.ofHour(team, streamTimeMs);
      report(team, dayOf(asOf), asOf);
    }
  }

  /** The team's figures as of {@code asOf}, on {@code day}: the 7 days to it, and the PRs waiting at its end. */
  private void report(String team, LocalDate day, Instant asOf) {
    List<DurationStats> days = new ArrayList<>();
    for (int i = 0; i < WINDOW_DAYS; i++) {
      days.add(orEmpty(daily.get(Restatements.dayKey(team, day.minusDays(i)))));
    }
    DurationStats week = DurationStats.sum(days);
    DurationStats today = days.get(0);
    ReviewLatencyKpi kpi =
        new ReviewLatencyKpi(
            ReviewLatencyKpi.VERSION,
            team,
            asOf,
            day,
            week.summary(),
            today.summary(),
            waitingAtEndOf(team, day),
            targetSecondsOf(team));
    context.forward(new Record<>(team, kpi, asOf.toEpochMilli()));
  }

  private double targetSecondsOf(String team) {
    double hours = ReviewLatencyKpi.ALL_TEAMS.equals(team)
        ? Team.DEFAULT_REVIEW_TARGET_HOURS
        : teams.team(team).reviewTargetHours();
    return hours * 3600;
  }

  private void forgetMeasuredBefore(LocalDate first) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, MeasuredReview> it = measured.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value.day().isBefore(first)) {
          expired.add(kv.key);
        }
      });
    }
    expired.forEach(measured::delete);
  }

  /** PRs waiting now, less what the days after {@code day} added (none are after stream time's day). */
  private long waitingAtEndOf(String team, LocalDate day) {
    long count = orZero(waiting.get(nowKey(team)));
    LocalDate today = dayOf(Instant.ofEpochMilli(Math.max(0, context.currentStreamTimeMs())));
    for (LocalDate later = day.plusDays(1); !later.isAfter(today); later = later.plusDays(1)) {
      count -= orZero(waiting.get(Restatements.dayKey(team, later)));
    }
    return Math.max(0, count);
  }

  private void addWaiting(String team, LocalDate day, int delta) {
    long current = orZero(waiting.get(nowKey(team)));
    long next = Math.max(0, current + delta);
    waiting.put(nowKey(team), next);
    String dayKey = Restatements.dayKey(team, day);
    waiting.put(dayKey, orZero(waiting.get(dayKey)) + next - current);
  }

  static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** The first day of the 7-day windows of the days a late outcome can still restate. */
  private static LocalDate oldestDayKept(long streamTimeMs) {
    return dayOf(Instant.ofEpochMilli(Math.max(0, streamTimeMs))).minusDays(WINDOW_DAYS - 1 + Restatements.DAYS_BACK);
  }

  private static String nowKey(String team) {
    return team + "|now";
  }

  private static long orZero(Long count) {
    return count == null ? 0 : count;
  }

  private static DurationStats orEmpty(DurationStats stats) {
    return stats == null ? DurationStats.EMPTY : stats;
  }
}
