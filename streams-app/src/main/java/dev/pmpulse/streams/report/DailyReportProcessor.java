package dev.pmpulse.streams.report;

import dev.pmpulse.events.DailyUpdate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest value of every KPI in one ledger and writes the day's update when stream time
 * crosses midnight UTC, and an update for every day crossed without a KPI change.
 *
 * <p>Why the check runs before a record is applied rather than in a stream-time punctuator: a
 * punctuator fires only after the record that moved stream time past midnight has been applied,
 * so the next day's first value would leak into the previous day's update. A late record (event
 * time before stream time) still updates the latest values, but never reopens a day already
 * written.
 *
 * <p>The ledger read from the store is kept in a field, and every change is written back at once,
 * so the store (and the changelog committed with the input offsets) always equals the field: the
 * store is read once per (re)initialisation, not decoded from JSON on every KPI change.
 */
final class DailyReportProcessor implements Processor<String, ReportInput, String, DailyUpdate> {
  static final String KEY = "day";
  /** Quiet days (no KPI change) written at most, when the input jumps over several days. */
  static final int MAX_QUIET_DAYS = 7;

  private ProcessorContext<String, DailyUpdate> context;
  private KeyValueStore<String, DayLedger> store;
  private DayLedger ledger;

  @Override
  public void init(ProcessorContext<String, DailyUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(DailyReport.LEDGER_STORE);
    this.ledger = store.get(KEY);
  }

  @Override
  public void process(Record<String, ReportInput> record) {
    if (record.value() == null) {
      return;
    }
    Instant time = Instant.ofEpochMilli(record.timestamp());
    LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
    DayLedger ledger = this.ledger;
    if (ledger == null) {
      ledger = DayLedger.startingOn(day, time);
    } else if (day.isAfter(ledger.day())) {
      // Every day crossed gets its update, a quiet one too (no KPI changed that day: the values
      // carried over, no decisions), so a gap in the input, or one KPI running ahead of the others
      // after a backlog, does not leave a day out. A jump of more than MAX_QUIET_DAYS writes the
      // last of them only.
      LocalDate next = ledger.day().plusDays(1);
      DailyUpdate update = DailyUpdateWriter.write(ledger, time);
      context.forward(new Record<>(ledger.day().toString(), update, record.timestamp()));
      if (ChronoUnit.DAYS.between(next, day) > MAX_QUIET_DAYS) {
        next = day.minusDays(MAX_QUIET_DAYS);
      }
      for (; next.isBefore(day); next = next.plusDays(1)) {
        DayLedger quiet = ledger.nextDay(next);
        context.forward(new Record<>(next.toString(), DailyUpdateWriter.write(quiet, time), record.timestamp()));
      }
      ledger = ledger.nextDay(day);
    }
    DayLedger next = ledger.at(time).with(record.value());
    store.put(KEY, next);
    this.ledger = next;
  }
}
