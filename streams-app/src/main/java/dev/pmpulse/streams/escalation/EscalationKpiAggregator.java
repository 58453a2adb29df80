package dev.pmpulse.streams.escalation;

import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationKpi;
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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums escalation changes per severity (input key: the severity): resolution times into one
 * {@link DurationStats} bucket per ISO week and one per calendar quarter (UTC, by resolution time),
 * and the open counts. Reports the severity each time it changes and every hour of stream time, as
 * of stream time, so a new week shows up even when nothing happens.
 *
 * <p>Late data: a resolution is added to its week and its quarter while its week has been closed
 * for at most {@code grace} (by stream time); later than that it is counted in {@code
 * pmpulse_late_records_total{kpi="escalation-resolution"}} and added to neither, so a week's and a
 * quarter's figures agree. It still ends its escalation's open period in the open counts.
 */
final class EscalationKpiAggregator implements Processor<String, EscalationChange, String, EscalationKpi> {
  static final String BUCKET_STORE = "escalation-resolution-buckets";
  static final String COUNT_STORE = "escalation-open-counts";

  private final Duration target;
  private final Duration grace;
  private final Counter late;
  private ProcessorContext<String, EscalationKpi> context;
  private KeyValueStore<String, DurationStats> buckets;
  private KeyValueStore<String, OpenCounts> counts;

  EscalationKpiAggregator(Duration target, Duration grace, Counter late) {
    this.target = target;
    this.grace = grace;
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, EscalationKpi> context) {
    this.context = context;
    this.buckets = context.getStateStore(BUCKET_STORE);
    this.counts = context.getStateStore(COUNT_STORE);
    // Anchored at whole hours of event time, not at the stream time this task happened to start
    // at: a task re-created after a crash or a rebalance reports at the same instants as before.
    context.schedule(Instant.EPOCH, Duration.ofHours(1), PunctuationType.STREAM_TIME, this::reportAll);
  }

  @Override
  public void process(Record<String, EscalationChange> record) {
    Severity severity = Severity.valueOf(record.key());
    EscalationChange change = record.value();
    OpenCounts current = orNone(counts.get(severity.name()));
    OpenCounts next =
        switch (change.kind()) {
          case OPENED -> current.opened();
          case OVERDUE -> current.overdue();
          case RESOLVED -> {
            addResolution(severity, change);
            yield current.resolved(change.wasOverdue());
          }
        };
    counts.put(severity.name(), next);
    // As of stream time, not of this change: a late change must not report an old period.
    report(severity, Instant.ofEpochMilli(Math.max(context.currentStreamTimeMs(), change.at().toEpochMilli())));
  }

  private void addResolution(Severity severity, EscalationChange change) {
    LocalDate day = ReportingPeriods.dayOf(change.at());
    long streamTime = context.currentStreamTimeMs();
    if (streamTime > ReportingPeriods.weekEnd(day).plus(grace).toEpochMilli()) {
      late.increment();
      return;
    }
    for (String key : List.of(weekKey(severity, day), quarterKey(severity, day))) {
      buckets.put(key, orEmpty(buckets.get(key)).add(change.resolutionSeconds(), target.toSeconds()));
    }
  }

  private void reportAll(long streamTimeMs) {
    List<Severity> seen = new ArrayList<>();
    try (KeyValueIterator<String, OpenCounts> it = counts.all()) {
      it.forEachRemaining(kv -> seen.add(Severity.valueOf(kv.key)));
    }
    seen.forEach(severity -> report(severity, Instant.ofEpochMilli(streamTimeMs)));
  }

  private void report(Severity severity, Instant asOf) {
    LocalDate day = ReportingPeriods.dayOf(asOf);
    OpenCounts open = orNone(counts.get(severity.name()));
    EscalationKpi kpi =
        new EscalationKpi(
            EscalationKpi.VERSION,
            severity,
            asOf,
            EscalationResolution.TARGETED.contains(severity),
            ReportingPeriods.week(day),
            orEmpty(buckets.get(weekKey(severity, day))).summary(),
            orEmpty(buckets.get(weekKey(severity, day.minusWeeks(1)))).summary(),
            ReportingPeriods.quarter(day),
            orEmpty(buckets.get(quarterKey(severity, day))).summary(),
            open.open(),
            open.overTarget(),
            target.toSeconds());
    context.forward(new Record<>(severity.name(), kpi, asOf.toEpochMilli()));
  }

  static String weekKey(Severity severity, LocalDate day) {
    return severity + "|week|" + ReportingPeriods.week(day);
  }

  static String quarterKey(Severity severity, LocalDate day) {
    return severity + "|quarter|" + ReportingPeriods.quarter(day);
  }

  private static DurationStats orEmpty(DurationStats stats) {
    return stats == null ? DurationStats.EMPTY : stats;
  }

  private static OpenCounts orNone(OpenCounts c) {
    return c == null ? OpenCounts.NONE : c;
  }
}
