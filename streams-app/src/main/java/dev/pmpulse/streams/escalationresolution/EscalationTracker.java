package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.DeadLetter;
import dev.pmpulse.streams.intake.Rejection;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each escalation (input keyed by escalation id) through its open periods.
 *
 * <p>An open period starts at {@code opened} or {@code reopened} and ends at {@code resolved}; its
 * length in calendar time is one resolution time, reported under the severity the period started
 * with (a reopening may carry a new severity). A reopened escalation is therefore measured from its
 * reopening, not from its first opening: the KPI is about how fast the team closes the problem in
 * front of it, and the first resolution has already been counted.
 *
 * <p>Events that the escalation's history makes impossible go to the dead-letter topic: a
 * resolution before the opening ({@code invalid-value}, "resolved before opened"), a resolution
 * or reopening of an escalation never opened ({@code never-opened}: there is no start to measure
 * from, and the dead-letter topic keeps it for a replay once the opening is found), an opening of
 * an escalation already known, a resolution of a resolved one, a reopening of an open one or
 * before its resolution ({@code invalid-value}). An event whose id was already applied is a
 * redelivery: it changes nothing and is counted in {@code pmpulse_duplicate_records_total}.
 *
 * <p>Every {@code scanInterval} of stream time it looks at the open escalations, so one open past
 * the target is counted when that happens, not only once it is resolved.
 */
final class EscalationTracker implements Processor<String, EscalationEvent, String, TrackerOutput> {
  static final String STORE = "escalation-state";

  private final Duration target;
  private final Duration scanInterval;
  private final Duration forgetAfter;
  private final Counter duplicates;
  private final Function<String, Counter> rejected;
  private ProcessorContext<String, TrackerOutput> context;
  private KeyValueStore<String, EscalationState> store;

  EscalationTracker(
      Duration target,
      Duration scanInterval,
      Duration forgetAfter,
      Counter duplicates,
      Function<String, Counter> rejected) {
    this.target = target;
    this.scanInterval = scanInterval;
    this.forgetAfter = forgetAfter;
    this.duplicates = duplicates;
    this.rejected = rejected;
  }

  @Override
  public void init(ProcessorContext<String, TrackerOutput> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    // Each scan works as of the start of its interval of event time, whatever record triggered it,
    // so a task restarted mid-stream scans as one that ran through (see PrReviewTracker).
    context.schedule(scanInterval, PunctuationType.STREAM_TIME, this::scanOpen);
  }

  @Override
  public void process(Record<String, EscalationEvent> record) {
    EscalationEvent e = record.value();
    EscalationState state = store.get(e.id());
    if (state != null && state.seen(e.eventId())) {
      duplicates.increment();
      return;
    }
    Rejection rejection = check(e, state);
    if (rejection != null) {
      reject(record, rejection);
      return;
    }
    EscalationState next =
        switch (e.type()) {
          case OPENED -> EscalationState.opened(e);
          case REOPENED -> state.reopened(e);
          case RESOLVED -> state.resolved(e.at());
        };
    if (next.open()) {
      emitChange(next, new EscalationChange(e.id(), EscalationChange.Kind.OPENED, 0, false, e.at()));
      emitOpen(next.id(), new TrackerOutput.OpenUpdate(next.asOpenEscalation()), e.at());
    } else {
      double seconds = Duration.between(state.openedAt(), e.at()).toMillis() / 1000.0;
      emitChange(state, new EscalationChange(e.id(), EscalationChange.Kind.RESOLVED, seconds, state.overdue(), e.at()));
      emitOpen(next.id(), new TrackerOutput.OpenUpdate(null), e.at());
    }
    store.put(e.id(), next.remember(e.eventId()));
  }

  /** Why the escalation's history rules {@code e} out, or null when it does not. */
  private static Rejection check(EscalationEvent e, EscalationState state) {
    return switch (e.type()) {
      case OPENED ->
          state == null ? null : Rejection.invalid("escalation " + e.id() + " was already opened at " + state.openedAt());
      case REOPENED -> {
        if (state == null) {
          yield new Rejection(Rejection.NEVER_OPENED, "reopened escalation " + e.id() + " was never opened");
        } else if (state.open()) {
          yield Rejection.invalid("reopened while open: escalation " + e.id() + " is open since " + state.openedAt());
        } else if (e.at().isBefore(state.resolvedAt())) {
          yield Rejection.invalid("reopened before resolved: reopened at " + e.at() + ", resolved at " + state.resolvedAt());
        }
        yield null;
      }
      case RESOLVED -> {
        if (state == null) {
          yield new Rejection(Rejection.NEVER_OPENED, "resolved escalation " + e.id() + " was never opened");
        } else if (!state.open()) {
          yield Rejection.invalid("already resolved: escalation " + e.id() + " was resolved at " + state.resolvedAt());
        } else if (e.at().isBefore(state.openedAt())) {
          yield Rejection.invalid("resolved before opened: resolved at " + e.at() + ", opened at " + state.openedAt());
        }
        yield null;
      }
    };
  }

  private void scanOpen(long streamTimeMs) {
    // The start of the interval the stream time is in (see init).
    Instant now = Instant.ofEpochMilli(streamTimeMs - Math.floorMod(streamTimeMs, scanInterval.toMillis()));
    Instant forgetBefore = now.minus(forgetAfter);
    List<EscalationState> overdue = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    try (KeyValueIterator<String, EscalationState> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, EscalationState> kv = it.next();
        EscalationState s = kv.value;
        if (s.open() && !s.overdue() && Duration.between(s.openedAt(), now).compareTo(target) > 0) {
          overdue.add(s.markOverdue());
        } else if (!s.open() && s.lastActivity().isBefore(forgetBefore)) {
          forgotten.add(kv.key);
        }
      }
    }
    for (EscalationState s : overdue) {
      store.put(s.id(), s);
      emitChange(s, new EscalationChange(s.id(), EscalationChange.Kind.OVERDUE, 0, true, now));
    }
    forgotten.forEach(store::delete);
  }

  private void reject(Record<String, EscalationEvent> record, Rejection rejection) {
    rejected.apply(rejection.reason()).increment();
    byte[] raw = Topics.ESCALATION_EVENTS.valueSerde().serializer().serialize(Topics.ESCALATION_EVENTS.name(), record.value());
    context.forward(
        new Record<String, TrackerOutput>(
            record.key(),
            new TrackerOutput.Rejected(raw),
            record.timestamp(),
            DeadLetter.annotate(record.headers(), context.recordMetadata(), rejection)));
  }

  private void emitChange(EscalationState s, EscalationChange change) {
    context.forward(new Record<>(s.severity().name(), change, change.at().toEpochMilli()));
  }

  private void emitOpen(String id, TrackerOutput.OpenUpdate update, Instant at) {
    context.forward(new Record<>(id, update, at.toEpochMilli()));
  }
}
