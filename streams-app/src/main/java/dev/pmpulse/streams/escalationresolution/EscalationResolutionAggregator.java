package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.streams.restate.ReportInstants;
import dev.pmpulse.streams.restate.Restatements;
import dev.pmpulse.streams.stats.DurationStats;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums escalation changes per severity (input key: the severity): resolution times into one
 * {@link DurationStats} bucket per ISO week, one per calendar quarter and one per UTC day (by
 * resolution time; the days are what a restatement sums up); and the open counts. Reports the severity each time it changes and every
 * hour of stream time (stamped as {@link ReportInstants} says), so a new week shows up even when
 * nothing happens.
 *
 * <p>Late data: a resolution is counted while its week has been closed for at most {@code grace}
 * (by stream time); later than that it is counted in {@code
 * pmpulse_late_records_total{kpi="escalation-resolution"}} and not in the figures, so a week's and
 * a quarter's figures agree. It still ends its escalation's open period in the open counts. A
 * change of an earlier day than stream time's (its tracker task was behind) restates the days from
 * its own to yesterday as of their end ({@link Restatements}): the week and quarter up to that day,
 * and the open counts at its end, from the change per day kept beside the current counts.
 */
final class EscalationResolutionAggregator implements Processor<String, EscalationChange, String, EscalationResolutionKpi> {
  /** Per {@code severity|week|2026-W48}, {@code severity|quarter|2026-Q4} and {@code severity|day}, the resolutions. */
  static final String BUCKET_STORE = "escalation-resolution-buckets";
  /** Per severity, the open counts now; per {@code severity|day}, how that day changed them. */
  static final String COUNT_STORE = "escalation-open-counts";
  /** Per severity, when it was last reported ({@link ReportInstants}). */
  static final String REPORTED_STORE = "escalation-reported";

  private final Duration target;
  private final Duration grace;
  private final Counter late;
  private ProcessorContext<String, EscalationResolutionKpi> context;
  private KeyValueStore<String, DurationStats> buckets;
  private KeyValueStore<String, OpenCounts> counts;
  private ReportInstants instants;

  EscalationResolutionAggregator(Duration target, Duration grace, Counter late) {
    this.target = target;
    this.grace = grace;
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, EscalationResolutionKpi> context) {
    this.context = context;
    this.buckets = context.getStateStore(BUCKET_STORE);
    this.counts = context.getStateStore(COUNT_STORE);
    this.instants = new ReportInstants(context.getStateStore(REPORTED_STORE));
    // Anchored at whole hours of event time, not at the stream time this task happened to start
    // at: a task re-created after a crash or a rebalance reports at the same instants as before.
    context.schedule(Instant.EPOCH, ReportInstants.EVERY, PunctuationType.STREAM_TIME, this::reportAll);
  }

  @Override
  public void process(Record<String, EscalationChange> record) {
    Severity severity = Severity.valueOf(record.key());
    EscalationChange change = record.value();
    LocalDate day = ReportingPeriods.dayOf(change.at());
    OpenCounts current = orNone(counts.get(severity.name()));
    OpenCounts next =
        switch (change.kind()) {
          case OPENED -> current.opened();
          case OVERDUE -> current.overdue();
          case RESOLVED -> {
            addResolution(severity, day, change);
            yield current.resolved(change.wasOverdue());
          }
        };
    counts.put(severity.name(), next);
    String dayKey = dayKey(severity, day);
    counts.put(dayKey, orNone(counts.get(dayKey)).plus(next.minus(current)));
    // Never earlier than the stream time's last whole hour: a late change must not report an old period.
    Instant asOf = instants.ofChange(severity.name(), change.at(), context.currentStreamTimeMs());
    for (LocalDate earlier : Restatements.daysToRestate(change.at(), asOf)) {
      report(severity, earlier, Restatements.lastInstantOf(earlier));
    }
    report(severity, ReportingPeriods.dayOf(asOf), asOf);
  }

  private void addResolution(Severity severity, LocalDate day, EscalationChange change) {
    if (context.currentStreamTimeMs() > ReportingPeriods.weekEnd(day).plus(grace).toEpochMilli()) {
      late.increment();
      return;
    }
    for (String key : List.of(weekKey(severity, day), quarterKey(severity, day), dayKey(severity, day))) {
      buckets.put(key, orEmpty(buckets.get(key)).add(change.resolutionSeconds(), target.toSeconds()));
    }
  }

  private void reportAll(long streamTimeMs) {
    LocalDate today = ReportingPeriods.dayOf(Instant.ofEpochMilli(streamTimeMs));
    // Kept: the days a restatement sums up (its quarter and week to it). Weeks and quarters stay.
    LocalDate keepFrom =
        min(ReportingPeriods.quarterStart(today.minusDays(Restatements.DAYS_BACK)),
            ReportingPeriods.weekStart(today.minusDays(Restatements.DAYS_BACK)));
    Restatements.forgetDaysBefore(counts, today.minusDays(Restatements.DAYS_BACK));
    Restatements.forgetDaysBefore(buckets, keepFrom);
    for (String severity : instants.keys()) {
      Instant asOf = instants.ofHour(severity, streamTimeMs);
      report(Severity.valueOf(severity), ReportingPeriods.dayOf(asOf), asOf);
    }
  }

  /**
   * The severity's figures as of {@code asOf}, on {@code day}: its week and quarter up to it, its
   * open counts at its end. On stream time's day the week and quarter buckets are those figures;
   * for an earlier day (a restatement) they are summed from its days.
   */
  private void report(Severity severity, LocalDate day, Instant asOf) {
    boolean today = day.equals(ReportingPeriods.dayOf(Instant.ofEpochMilli(context.currentStreamTimeMs())));
    LocalDate weekStart = ReportingPeriods.weekStart(day);
    DurationStats thisWeek =
        today ? orEmpty(buckets.get(weekKey(severity, day))) : resolved(severity, weekStart, day);
    DurationStats thisQuarter =
        today ? orEmpty(buckets.get(quarterKey(severity, day))) : resolved(severity, ReportingPeriods.quarterStart(day), day);
    OpenCounts open = openAtEndOf(severity, day);
    EscalationResolutionKpi kpi =
        new EscalationResolutionKpi(
            EscalationResolutionKpi.VERSION,
            severity,
            asOf,
            EscalationResolution.TARGETED.contains(severity),
            ReportingPeriods.week(day),
            thisWeek.summary(),
            orEmpty(buckets.get(weekKey(severity, day.minusWeeks(1)))).summary(),
            ReportingPeriods.quarter(day),
            thisQuarter.summary(),
            open.open(),
            open.overTarget(),
            target.toSeconds());
    context.forward(new Record<>(severity.name(), kpi, asOf.toEpochMilli()));
  }

  /** The resolutions of the days {@code from} to {@code to}, both included. */
  private DurationStats resolved(Severity severity, LocalDate from, LocalDate to) {
    List<DurationStats> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      DurationStats stats = buckets.get(dayKey(severity, day));
      if (stats != null) {
        days.add(stats);
      }
    }
    return DurationStats.sum(days);
  }

  /** The open counts now, less what the days after {@code day} changed (none are after stream time's day). */
  private OpenCounts openAtEndOf(Severity severity, LocalDate day) {
    OpenCounts counted = orNone(counts.get(severity.name()));
    LocalDate today = ReportingPeriods.dayOf(Instant.ofEpochMilli(Math.max(0, context.currentStreamTimeMs())));
    for (LocalDate later = day.plusDays(1); !later.isAfter(today); later = later.plusDays(1)) {
      counted = counted.minus(orNone(counts.get(dayKey(severity, later))));
    }
    return counted.atLeastNone();
  }

  private static String dayKey(Severity severity, LocalDate day) {
    return Restatements.dayKey(severity.name(), day);
  }

  static String weekKey(Severity severity, LocalDate day) {
    return severity + "|week|" + ReportingPeriods.week(day);
  }

  static String quarterKey(Severity severity, LocalDate day) {
    return severity + "|quarter|" + ReportingPeriods.quarter(day);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static DurationStats orEmpty(DurationStats stats) {
    return stats == null ? DurationStats.EMPTY : stats;
  }

  private static OpenCounts orNone(OpenCounts c) {
    return c == null ? OpenCounts.NONE : c;
  }
}
