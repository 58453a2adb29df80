package dev.pmpulse.streams.dailyupdate;

import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.streams.restate.Restatements;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes one update per UTC day, from the latest value of every KPI as of the day's end, by event
 * time: the same input gives the same updates however the KPI tasks upstream happen to interleave.
 *
 * <p>Every KPI task reports at its own pace (after a backlog, publish latency can be a day ahead of
 * review latency), and their changes meet here in the order they arrive. So a day is written only
 * once its data is complete, decided by a watermark: the steady sources ({@link
 * ReportInput#progressSource()}: review latency and escalations every hour of event time, publish
 * latency and delivery every minute per cluster) each report in event-time order, so once all of
 * them have reported past midnight, every steady value of the day before has arrived. Until then
 * inputs wait in {@link DailyUpdates#PENDING_STORE}, by day.
 *
 * <ul>
 *   <li>A source silent for {@link #IDLE_AFTER} of wall-clock time is not waited for (a cluster
 *       taken out of service, a team with no escalations); neither is a kind of steady source that
 *       has not been seen in that time since start. When every source is silent, nothing is
 *       written until one reports again.
 *   <li>An input of a day already written corrects that day and the later ones it carries over
 *       to, within the last {@link #DAYS_KEPT} days: an event-driven value (an SLO crossing, an
 *       aborted rollout stage, an API change), which the watermark does not cover, or the first
 *       values of a source not seen before (a cluster whose KPI task started late). Each day whose
 *       update changed is written again, under the same key, at the next {@link #FLUSH_EVERY} of
 *       wall-clock time: one rewrite for many corrections when a backlog brings a day's worth.
 *   <li>Every day from the first input on gets an update: a day without input carries the values
 *       over, with no decisions. A jump of more than {@link #MAX_QUIET_DAYS} days writes the last
 *       of them only.
 * </ul>
 *
 * <p>The written days are kept in memory, mirrored to {@link DailyUpdates#DAYS_STORE} on every
 * change; the sources' progress likewise in {@link DailyUpdates#PROGRESS_STORE}.
 */
final class DailyUpdateProcessor implements Processor<String, ReportInput, String, DailyUpdate> {
  static final String KEY = "day";
  /** Quiet days (no KPI change) written at most, when the input jumps over several days. */
  static final int MAX_QUIET_DAYS = 7;
  /** Days written that a late input can still correct: those the KPIs restate. */
  static final int DAYS_KEPT = Restatements.DAYS_BACK;
  static final Duration IDLE_AFTER = DailyUpdates.SOURCE_IDLE_AFTER;
  /** How often corrected days are written again (and silent sources looked for). */
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
  /** The key, in the progress store, of the days corrected since they were last written. */
  static final String CORRECTED = "corrected-days";

  private ProcessorContext<String, DailyUpdate> context;
  private KeyValueStore<String, DayLedger> daysStore;
  private KeyValueStore<String, TimedInput> pending;
  private KeyValueStore<String, String> progressStore;
  /** The days written, the last {@link #DAYS_KEPT} of them. */
  private final TreeMap<LocalDate, DayLedger> written = new TreeMap<>();
  /** Per steady source, the latest day it reported on. */
  private final Map<String, LocalDate> progress = new HashMap<>();
  /** Per steady source, when it last reported, wall-clock ms; not persisted. */
  private final Map<String, Long> lastHeard = new HashMap<>();
  /** Days corrected since they were last written: written again at the next flush. */
  private final TreeSet<LocalDate> corrected = new TreeSet<>();
  /** Days written again since the last flush: their transaction may not be committed yet. */
  private final TreeSet<LocalDate> rewrittenSinceFlush = new TreeSet<>();
  /** Corrected days not yet written again, or written too recently to be committed: on /metrics. */
  private final AtomicInteger rewritesPending;
  private long startedMs;

  DailyUpdateProcessor(AtomicInteger rewritesPending) {
    this.rewritesPending = rewritesPending;
  }

  @Override
  public void init(ProcessorContext<String, DailyUpdate> context) {
    this.context = context;
    this.daysStore = context.getStateStore(DailyUpdates.DAYS_STORE);
    this.pending = context.getStateStore(DailyUpdates.PENDING_STORE);
    this.progressStore = context.getStateStore(DailyUpdates.PROGRESS_STORE);
    written.clear();
    progress.clear();
    lastHeard.clear();
    corrected.clear();
    rewrittenSinceFlush.clear();
    try (KeyValueIterator<String, DayLedger> it = daysStore.all()) {
      it.forEachRemaining(kv -> written.put(LocalDate.parse(kv.key), kv.value));
    }
    try (KeyValueIterator<String, String> it = progressStore.all()) {
      it.forEachRemaining(kv -> {
        if (kv.key.equals(CORRECTED)) {
          Arrays.stream(kv.value.split(",")).filter(d -> !d.isEmpty()).map(LocalDate::parse).forEach(corrected::add);
        } else {
          progress.put(kv.key, LocalDate.parse(kv.value));
        }
      });
    }
    publishPending(); // corrections restored from the progress store are still owed
    startedMs = context.currentSystemTimeMs();
    context.schedule(FLUSH_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
      // A flush ago is many commit intervals ago (50 ms, PmPulseApp): committed by now.
      rewrittenSinceFlush.clear();
      writeCorrectedDays();
      writeCompleteDays();
      publishPending();
    });
  }

  @Override
  public void process(Record<String, ReportInput> record) {
    ReportInput in = record.value();
    if (in == null) {
      return;
    }
    Instant time = Instant.ofEpochMilli(record.timestamp());
    LocalDate day = dayOf(time);
    if (!written.isEmpty() && !day.isAfter(written.lastKey())) {
      correct(day, time, in);
    } else {
      pending.put(pendingKey(day, time, in), new TimedInput(time, in));
    }
    String source = in.progressSource();
    if (source != null) {
      long now = context.currentSystemTimeMs();
      lastHeard.put(source, now);
      LocalDate reported = progress.get(source);
      if (reported == null || day.isAfter(reported)) {
        progress.put(source, day);
        progressStore.put(source, day.toString());
        writeCompleteDays();
      }
    }
  }

  /**
   * The first day not known to be complete: the earliest day any steady source still waited for
   * has reported on. Null when none is waited for (all silent: nothing new to decide, and one far
   * future value must not write days ahead) or a kind has not been heard from yet.
   */
  LocalDate watermark(long nowMs) {
    LocalDate slowest = null;
    for (Map.Entry<String, LocalDate> e : progress.entrySet()) {
      if (waitedFor(e.getKey(), nowMs) && (slowest == null || e.getValue().isBefore(slowest))) {
        slowest = e.getValue();
      }
    }
    for (String kind : ReportInput.STEADY_KINDS) {
      boolean seen = progress.keySet().stream().anyMatch(s -> ReportInput.kindOf(s).equals(kind));
      if (!seen && waitedFor(kind, nowMs)) {
        return null; // a kind not heard from yet, and not for long: its first values may be the earliest
      }
    }
    return slowest;
  }

  private boolean waitedFor(String source, long nowMs) {
    return nowMs - lastHeard.getOrDefault(source, startedMs) < IDLE_AFTER.toMillis();
  }

  /** Writes every day before the watermark not written yet. */
  private void writeCompleteDays() {
    LocalDate through = watermark(context.currentSystemTimeMs());
    if (through == null) {
      return;
    }
    writeCorrectedDays();
    LocalDate next = written.isEmpty() ? firstPendingDay(null) : written.lastKey().plusDays(1);
    while (next != null && next.isBefore(through)) {
      LocalDate withInput = firstPendingDay(next);
      LocalDate quietUntil = withInput == null || withInput.isAfter(through) ? through : withInput;
      if (ChronoUnit.DAYS.between(next, quietUntil) > MAX_QUIET_DAYS) {
        next = quietUntil.minusDays(MAX_QUIET_DAYS);
      }
      write(next);
      next = next.plusDays(1);
    }
  }

  /** Writes {@code day}: the day before carried over, with the day's own inputs taken in. */
  private void write(LocalDate day) {
    DayLedger ledger = written.isEmpty() ? DayLedger.empty(day) : written.lastEntry().getValue().nextDay(day);
    List<String> taken = new ArrayList<>();
    try (KeyValueIterator<String, TimedInput> it = pending.range(dayPrefix(day), dayPrefix(day) + "~")) {
      while (it.hasNext()) {
        KeyValue<String, TimedInput> kv = it.next();
        ledger = ledger.with(kv.value.input(), kv.value.time(), true);
        taken.add(kv.key);
      }
    }
    taken.forEach(pending::delete);
    keep(ledger);
    forward(ledger);
    while (written.size() > DAYS_KEPT) {
      daysStore.delete(written.pollFirstEntry().getKey().toString());
    }
  }

  /** A late input: takes it into its day (if still kept) and carries it over to the later days. */
  private void correct(LocalDate day, Instant time, ReportInput in) {
    boolean newlyCorrected = false;
    for (DayLedger before : new ArrayList<>(written.tailMap(day, true).values())) {
      DayLedger after = before.with(in, time, before.day().equals(day));
      if (after.equals(before)) {
        continue;
      }
      keep(after);
      if (!update(after).equals(update(before))) {
        newlyCorrected |= corrected.add(after.day());
      }
    }
    if (newlyCorrected) {
      saveCorrected();
      publishPending();
    }
  }

  private void publishPending() {
    rewritesPending.set(corrected.size() + rewrittenSinceFlush.size());
  }

  /** Writes again every day corrected since it was last written. */
  private void writeCorrectedDays() {
    if (corrected.isEmpty()) {
      return;
    }
    for (LocalDate day : corrected) {
      DayLedger ledger = written.get(day);
      if (ledger != null) {
        forward(ledger);
        rewrittenSinceFlush.add(day);
      }
    }
    corrected.clear();
    saveCorrected();
  }

  private void saveCorrected() {
    progressStore.put(CORRECTED, corrected.stream().map(LocalDate::toString).collect(Collectors.joining(",")));
  }

  private void keep(DayLedger ledger) {
    written.put(ledger.day(), ledger);
    daysStore.put(ledger.day().toString(), ledger);
  }

  private void forward(DayLedger ledger) {
    DailyUpdate update = update(ledger);
    context.forward(new Record<>(ledger.day().toString(), update, update.asOf().toEpochMilli()));
  }

  private static DailyUpdate update(DayLedger ledger) {
    return DailyUpdateWriter.write(ledger, endOf(ledger.day()));
  }

  /** The first day at or after {@code from} (any day if null) with inputs waiting. */
  private LocalDate firstPendingDay(LocalDate from) {
    try (KeyValueIterator<String, TimedInput> it =
        from == null ? pending.all() : pending.range(dayPrefix(from), "~")) {
      return it.hasNext() ? dayOf(it.next().value.time()) : null;
    }
  }

  /**
   * Day, then event time within the day, then what the input is the value of. The day is its
   * epoch day, offset to be positive and zero-padded, so that keys sort by day for every year
   * ({@code LocalDate.toString()} gives {@code +10000-01-01}, which would sort first).
   */
  static String pendingKey(LocalDate day, Instant time, ReportInput in) {
    long msOfDay = time.toEpochMilli() - day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return dayPrefix(day) + String.format(Locale.ROOT, "%08d", msOfDay) + "|" + in.ledgerKey();
  }

  private static String dayPrefix(LocalDate day) {
    return String.format(Locale.ROOT, "%012d|", day.toEpochDay() + EPOCH_DAY_OFFSET);
  }

  /** More than the number of days from {@link LocalDate#MIN} to the epoch. */
  private static final long EPOCH_DAY_OFFSET = 400_000_000_000L;

  static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static LocalDate dayOf(Instant time) {
    return LocalDate.ofInstant(time, ZoneOffset.UTC);
  }

  @Override
  public void close() {
    rewritesPending.set(0); // the task moved or the app stops: this instance owes nothing
  }
}
