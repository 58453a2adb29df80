package dev.pmpulse.streams.reviewlatency;

import dev.pmpulse.events.BusinessCalendar;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Team;
import dev.pmpulse.streams.teams.TeamLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each PR (input keyed by {@code repo#number}) from its review request to its first
 * qualifying review, and reports outcomes keyed by team. Every {@code scanInterval} of stream
 * time it also looks at the PRs still waiting, so a PR that has waited past the target is counted
 * when that happens rather than only once its review finally arrives.
 *
 * <p>The measurement goes by event time, not arrival: when a review or a request arrives that is
 * earlier than the ones the PR was measured with (a code host delivers its events in any order),
 * the tracker retracts the figures it emitted ({@link ReviewOutcome.Kind#RETRACTED}) and emits the
 * right ones, and the aggregator restates the days concerned. A duplicate changes nothing.
 *
 * <p>Each team's calendar, review target and ignored logins are read from the team directory as of
 * the event ({@link TeamLookup}): a team whose record changes is measured by the new one from then
 * on; what was emitted before stays as it was counted.
 */
final class PrReviewTracker implements Processor<String, PrEvent, String, ReviewOutcome> {
  static final String STORE = "review-pr-state";

  private final Duration scanInterval;
  private final Duration forgetAfter;
  private ProcessorContext<String, ReviewOutcome> context;
  private KeyValueStore<String, PrReview> store;
  private TeamLookup teams;

  PrReviewTracker(Duration scanInterval, Duration forgetAfter) {
    this.scanInterval = scanInterval;
    this.forgetAfter = forgetAfter;
  }

  @Override
  public void init(ProcessorContext<String, ReviewOutcome> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.teams = TeamLookup.of(context);
    // Stream-time schedules are aligned to the epoch, but a task punctuates at its first record
    // after every (re)initialisation, at whatever stream time that is. So a scan works as of the
    // start of its interval of event time, not as of the record that triggered it: a
    // task restarted mid-stream marks the same PRs overdue, at the same instants, as one that ran
    // through.
    context.schedule(scanInterval, PunctuationType.STREAM_TIME, this::scanWaiting);
  }

  @Override
  public void process(Record<String, PrEvent> record) {
    PrEvent e = record.value();
    String key = record.key() != null ? record.key() : e.key();
    PrReview pr = store.get(key);
    if (pr == null) {
      pr = PrReview.start(e.team(), e.author(), e.at());
    }
    switch (e.type()) {
      case OPENED -> pr = e.reviewers().isEmpty() ? pr : pr.requestedAt(e.at());
      case READY_FOR_REVIEW, REVIEW_REQUESTED -> pr = pr.requestedAt(e.at());
      case REVIEW_SUBMITTED -> pr = qualifies(e, teams.team(pr.team())) ? pr.reviewedAt(e.at()) : pr;
      case MERGED, CLOSED -> {
        if (pr.waiting()) {
          emit(pr, new ReviewOutcome(key, ReviewOutcome.Kind.ABANDONED, 0, false, pr.overdue(), e.at()));
        }
        store.delete(key);
        return;
      }
    }
    store.put(key, measure(key, pr));
  }

  /**
   * Emits the PR's latency if it has one now and it is not the one emitted already; a different
   * one emitted before is retracted first.
   */
  private PrReview measure(String key, PrReview pr) {
    Instant reviewed = pr.firstReviewAfterRequest();
    if (reviewed == null || pr.measuredAs(reviewed)) {
      return pr;
    }
    PrReview.Measurement before = pr.measurement();
    boolean wasOverdue = before != null ? before.wasOverdue() : pr.overdue();
    if (before != null) {
      emit(pr, new ReviewOutcome(key, ReviewOutcome.Kind.RETRACTED, before.businessSeconds(), before.withinTarget(),
          before.wasOverdue(), before.reviewedAt()));
    }
    BusinessCalendar calendar = teams.calendar(pr.team());
    double seconds = calendar.businessTimeBetween(pr.waitingSince(), reviewed).toSeconds();
    boolean within = seconds <= targetOf(calendar).toSeconds();
    emit(pr, new ReviewOutcome(key, ReviewOutcome.Kind.REVIEWED, seconds, within, wasOverdue, reviewed));
    return pr.measured(new PrReview.Measurement(pr.waitingSince(), reviewed, seconds, within, wasOverdue));
  }

  /**
   * A review ends the wait when it approves or requests changes and is by neither the author nor a
   * login the team ignores (a bot, by its {@code [bot]} suffix or by name).
   */
  static boolean qualifies(PrEvent e, Team team) {
    return e.reviewState() != PrEvent.ReviewState.COMMENTED
        && !e.actor().equals(e.author())
        && !team.ignores(e.actor());
  }

  private static Duration targetOf(BusinessCalendar calendar) {
    return Duration.ofMillis(Math.round(calendar.team().reviewTargetHours() * 3_600_000));
  }

  private void scanWaiting(long streamTimeMs) {
    // The start of the interval the stream time is in (see init).
    Instant now = Instant.ofEpochMilli(streamTimeMs - Math.floorMod(streamTimeMs, scanInterval.toMillis()));
    Instant forgetBefore = now.minus(forgetAfter);
    List<KeyValue<String, PrReview>> changed = new ArrayList<>();
    List<Map.Entry<String, PrReview>> forgotten = new ArrayList<>();
    try (KeyValueIterator<String, PrReview> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, PrReview> kv = it.next();
        PrReview pr = kv.value;
        if (pr.lastActivity().isBefore(forgetBefore)) {
          forgotten.add(Map.entry(kv.key, pr));
        } else if (pr.waiting() && !pr.overdue() && overdue(pr, now)) {
          changed.add(KeyValue.pair(kv.key, pr.markOverdue()));
        }
      }
    }
    for (KeyValue<String, PrReview> kv : changed) {
      store.put(kv.key, kv.value);
      emit(kv.value, new ReviewOutcome(kv.key, ReviewOutcome.Kind.OVERDUE, 0, false, true, now));
    }
    for (Map.Entry<String, PrReview> e : forgotten) {
      store.delete(e.getKey());
      if (e.getValue().waiting()) {
        emit(e.getValue(), new ReviewOutcome(e.getKey(), ReviewOutcome.Kind.ABANDONED, 0, false, e.getValue().overdue(), now));
      }
    }
  }

  private void emit(PrReview pr, ReviewOutcome outcome) {
    long ts = outcome.at().toEpochMilli();
    context.forward(new Record<>(pr.team(), outcome, ts));
    context.forward(new Record<>(ReviewLatencyKpi.ALL_TEAMS, outcome, ts));
  }

  private boolean overdue(PrReview pr, Instant now) {
    BusinessCalendar calendar = teams.calendar(pr.team());
    return calendar.businessTimeBetween(pr.waitingSince(), now).compareTo(targetOf(calendar)) > 0;
  }
}
