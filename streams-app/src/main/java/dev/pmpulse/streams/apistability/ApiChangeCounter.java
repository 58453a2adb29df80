package dev.pmpulse.streams.apistability;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.streams.restate.ReportInstants;
import dev.pmpulse.streams.restate.Restatements;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts merged PRs (input: {@code merged} events keyed by quarter label) into their calendar
 * quarter, and reports the quarter each time a PR is counted, as of the quarter's latest merge.
 *
 * <p>Duplicates: a PR is merged once, so a second {@code merged} event for the same {@code
 * repo#number} is the same merge delivered again (it carries the same time, hence the same
 * quarter). The PRs counted are kept per quarter, under {@code quarter|repo#number}; once a quarter
 * is closed (ended more than the grace ago, by stream time) they are deleted, and a merge still
 * arriving for that quarter is late: not counted, but counted in {@code
 * pmpulse_late_records_total{kpi="api-stability"}}. So the store holds at most the current and the
 * previous quarter's PRs, and no duplicate can ever be counted twice.
 *
 * <p>Each quarter's tally is also kept per UTC day of merge. A merge of an earlier day than stream
 * time's (its partition was behind) restates the quarter at the end of each day from its own to
 * yesterday ({@link Restatements}), from the days up to it.
 */
final class ApiChangeCounter implements Processor<String, PrEvent, String, ApiStabilityKpi> {
  static final String QUARTERS_STORE = "api-stability-quarters";
  static final String COUNTED_STORE = "api-stability-counted-prs";
  /** Per {@code quarter|day} (UTC), the merges of the day. */
  static final String DAYS_STORE = "api-stability-days";
  /** Per quarter, when it was last reported ({@link ReportInstants#ofEvent}). */
  static final String REPORTED_STORE = "api-stability-reported";

  private final ZoneId zone;
  private final Duration grace;
  private final Counter late;
  private ProcessorContext<String, ApiStabilityKpi> context;
  private KeyValueStore<String, QuarterTally> quarters;
  private KeyValueStore<String, Long> counted;
  private KeyValueStore<String, QuarterTally> days;
  private ReportInstants instants;

  ApiChangeCounter(ZoneId zone, Duration grace, Counter late) {
    this.zone = zone;
    this.grace = grace;
    this.late = late;
  }

  @Override
  public void init(ProcessorContext<String, ApiStabilityKpi> context) {
    this.context = context;
    this.quarters = context.getStateStore(QUARTERS_STORE);
    this.counted = context.getStateStore(COUNTED_STORE);
    this.days = context.getStateStore(DAYS_STORE);
    this.instants = new ReportInstants(context.getStateStore(REPORTED_STORE));
    context.schedule(Duration.ofDays(1), PunctuationType.STREAM_TIME, this::forgetClosedQuarters);
  }

  @Override
  public void process(Record<String, PrEvent> record) {
    PrEvent merge = record.value();
    QuarterKey quarter = QuarterKey.of(merge.at(), zone);
    long streamTimeMs = context.currentStreamTimeMs();
    if (closed(quarter, streamTimeMs)) {
      late.increment();
      return;
    }
    String prKey = countedKey(quarter, merge.key());
    if (counted.get(prKey) != null) {
      return;
    }
    counted.put(prKey, merge.at().toEpochMilli());
    QuarterTally tally = orEmpty(quarters.get(quarter.label())).addMergedPr(merge.apiChanges());
    quarters.put(quarter.label(), tally);
    String dayKey = Restatements.dayKey(quarter.label(), LocalDate.ofInstant(merge.at(), ZoneOffset.UTC));
    days.put(dayKey, orEmpty(days.get(dayKey)).addMergedPr(merge.apiChanges()));
    // As of the quarter's latest merge: a late merge of a quarter that has ended (the task's stream
    // time is in the next one) reports it as of its own last merge, whatever order they came in.
    Instant asOf = instants.ofEvent(quarter.label(), merge.at());
    List<LocalDate> restated = Restatements.daysToRestate(merge.at(), asOf);
    if (!restated.isEmpty()) {
      TreeMap<LocalDate, QuarterTally> byDay = tallyPerDay(quarter);
      for (LocalDate earlier : restated) {
        QuarterTally upTo = byDay.headMap(earlier, true).values().stream().reduce(QuarterTally.EMPTY, QuarterTally::plus);
        Instant endOfDay = Restatements.lastInstantOf(earlier);
        context.forward(new Record<>(quarter.label(), kpi(quarter, upTo, endOfDay), endOfDay.toEpochMilli()));
      }
    }
    context.forward(new Record<>(quarter.label(), kpi(quarter, tally, asOf), asOf.toEpochMilli()));
  }

  private ApiStabilityKpi kpi(QuarterKey quarter, QuarterTally tally, Instant asOf) {
    return new ApiStabilityKpi(
        ApiStabilityKpi.VERSION,
        quarter.label(),
        zone.getId(),
        quarter.start(zone),
        quarter.end(zone),
        asOf,
        tally.mergedPrs(),
        tally.surfaces(),
        tally.total(),
        ApiStabilityKpi.TARGET_BREAKING);
  }

  /** The quarter's merges per UTC day. */
  private TreeMap<LocalDate, QuarterTally> tallyPerDay(QuarterKey quarter) {
    TreeMap<LocalDate, QuarterTally> byDay = new TreeMap<>();
    try (KeyValueIterator<String, QuarterTally> it = days.prefixScan(quarter.label() + "|", Serdes.String().serializer())) {
      while (it.hasNext()) {
        KeyValue<String, QuarterTally> kv = it.next();
        byDay.put(LocalDate.parse(kv.key.substring(kv.key.indexOf('|') + 1)), kv.value);
      }
    }
    return byDay;
  }

  private boolean closed(QuarterKey quarter, long streamTimeMs) {
    return quarter.end(zone).plus(grace).toEpochMilli() <= streamTimeMs;
  }

  private void forgetClosedQuarters(long streamTimeMs) {
    List<String> forget = new ArrayList<>();
    List<String> forgetDays = new ArrayList<>();
    try (KeyValueIterator<String, QuarterTally> it = quarters.all()) {
      while (it.hasNext()) {
        String label = it.next().key;
        if (closed(QuarterKey.parse(label), streamTimeMs)) {
          try (KeyValueIterator<String, Long> prs =
              counted.prefixScan(label + "|", Serdes.String().serializer())) {
            prs.forEachRemaining(kv -> forget.add(kv.key));
          }
          try (KeyValueIterator<String, QuarterTally> merges = days.prefixScan(label + "|", Serdes.String().serializer())) {
            merges.forEachRemaining(kv -> forgetDays.add(kv.key));
          }
        }
      }
    }
    forget.forEach(counted::delete);
    forgetDays.forEach(days::delete);
  }

  static String countedKey(QuarterKey quarter, String prKey) {
    return quarter.label() + "|" + prKey;
  }

  private static QuarterTally orEmpty(QuarterTally tally) {
    return tally == null ? QuarterTally.EMPTY : tally;
  }
}
