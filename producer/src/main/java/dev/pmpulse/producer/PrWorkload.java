package dev.pmpulse.producer;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.BusinessCalendar;
import dev.pmpulse.events.PrEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The PR workload as a discrete-event simulation: a priority queue of future happenings ordered by
 * simulated time. Two kinds of entries live in it: PR arrivals (per team, one stream of humans and
 * one of bots) and the planned events of PRs already opened. {@link #advanceTo} hands out, in time
 * order, every event up to an instant.
 *
 * <p>The output depends only on the rosters, seed, rate multiplier and origin; not on how often or
 * in what steps {@link #advanceTo} is called. Each arrival stream and each PR draws from its own
 * random generator split from the seed, and ties in time keep the order in which entries were
 * queued.
 *
 * <p>Arrivals: humans open PRs at {@value #HUMAN_PRS_PER_WORKING_HOUR} an hour during their team's
 * business hours and {@value #HUMAN_PRS_PER_OTHER_HOUR} outside them; bots at {@value
 * #BOT_PRS_PER_HOUR} an hour around the clock; all times the rate multiplier. With the four default
 * teams that is about 60 PRs on a weekday and 20 on a weekend day.
 *
 * <p>Two knobs, which the scenarios set: {@link #setReviewDelayFactor} makes every review of a PR
 * opened from then on take that many times as much working time ({@value
 * #BACKLOG_REVIEW_DELAY_FACTOR} in a review backlog); {@link #breakNextMerges} makes the next merges
 * of PRs opened by people carry a breaking change (on the surface the merge touched, else the team's
 * first home surface), whenever those PRs were opened ({@value #BREAKING_MERGES} for a breaking
 * change).
 */
public final class PrWorkload {
  static final double HUMAN_PRS_PER_WORKING_HOUR = 1.4;
  static final double HUMAN_PRS_PER_OTHER_HOUR = 0.06;
  static final double BOT_PRS_PER_HOUR = 0.15;
  static final double BACKLOG_REVIEW_DELAY_FACTOR = 5;
  static final int BREAKING_MERGES = 3;

  private record Entry(Instant at, long seq, PrEvent event, Arrivals arrivals) {}

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
  private final Map<String, Integer> lastNumber = new HashMap<>();
  private final Map<String, TeamRoster> rostersByRepo = new HashMap<>();
  private final String runId;
  private long seq;
  private double reviewDelayFactor = 1;
  private int breakingMergesLeft;

  public PrWorkload(List<TeamRoster> rosters, long seed, double rateMultiplier, Instant origin) {
    if (!(rateMultiplier > 0) || Double.isInfinite(rateMultiplier)) {
      throw new IllegalArgumentException("rate multiplier must be a positive number, got " + rateMultiplier);
    }
    this.runId = seed + "/" + origin + "/" + rateMultiplier;
    SplittableRandom root = new SplittableRandom(seed);
    for (TeamRoster roster : rosters) {
      rostersByRepo.put(roster.repo(), roster);
      schedule(new Arrivals(roster, false, rateMultiplier, root.split()), origin);
      schedule(new Arrivals(roster, true, rateMultiplier, root.split()), origin);
    }
  }

  /**
   * Emits to {@code sink}, in time order, every event at or before {@code now} not emitted yet.
   *
   * @return how many events were emitted
   */
  public int advanceTo(Instant now, Consumer<PrEvent> sink) {
    int emitted = 0;
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      Entry next = queue.poll();
      if (next.event() != null) {
        sink.accept(breakingIfDue(next.event()));
        emitted++;
      } else {
        open(next.arrivals(), next.at());
        schedule(next.arrivals(), next.at());
      }
    }
    return emitted;
  }

  /** All events at or before {@code now}, for tests and tools. */
  public List<PrEvent> eventsUntil(Instant now) {
    List<PrEvent> events = new ArrayList<>();
    advanceTo(now, events::add);
    return events;
  }

  /**
   * Every review of a PR opened from the instant the workload has been advanced to takes {@code
   * factor} times as much of the reviewer's working time (1: as normal).
   */
  public void setReviewDelayFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("review delay factor must be a positive number, got " + factor);
    }
    reviewDelayFactor = factor;
  }

  /** The next {@code merges} merges of PRs opened by people carry a breaking API change (0: none). */
  public void breakNextMerges(int merges) {
    if (merges < 0) {
      throw new IllegalArgumentException("merges cannot be negative, got " + merges);
    }
    breakingMergesLeft = merges;
  }

  /** When the next entry is due; arrivals keep the queue from ever running empty. */
  public Instant nextDue() {
    return queue.peek().at();
  }

  private void open(Arrivals arrivals, Instant at) {
    TeamRoster roster = arrivals.roster;
    int number = lastNumber.merge(roster.repo(), 1, Integer::sum);
    SplittableRandom prRandom = arrivals.random.split();
    // The first bot is the dependency bot that opens PRs; the others only comment.
    List<String> authors = arrivals.bots ? roster.bots().subList(0, 1) : roster.engineers();
    String author = authors.get(prRandom.nextInt(authors.size()));
    for (PrEvent event : PrLifecycle.plan(roster, number, author, at, prRandom, runId, reviewDelayFactor)) {
      queue.add(new Entry(event.at(), seq++, event, null));
    }
  }

  /** A merge due while breaking-change merges are left becomes one. */
  private PrEvent breakingIfDue(PrEvent e) {
    if (breakingMergesLeft == 0 || e.type() != PrEvent.Type.MERGED || PrEvent.isBot(e.author())) {
      return e;
    }
    breakingMergesLeft--;
    TeamRoster roster = rostersByRepo.get(e.repo());
    String surface =
        e.apiChanges().stream()
            .filter(c -> c.kind() != ApiChange.Kind.NONE)
            .map(ApiChange::surface)
            .findFirst()
            .orElse(roster.homeSurfaces().isEmpty() ? TeamRoster.API_SURFACES.get(0) : roster.homeSurfaces().get(0));
    return new PrEvent(e.v(), e.eventId(), e.type(), e.repo(), e.number(), e.team(), e.author(), e.actor(),
        e.reviewers(), e.labels(), e.reviewState(), List.of(new ApiChange(surface, ApiChange.Kind.BREAKING)), e.at());
  }

  private void schedule(Arrivals arrivals, Instant after) {
    queue.add(new Entry(arrivals.next(after), seq++, null, arrivals));
  }

  /**
   * A Poisson arrival stream whose rate depends on the team's business hours, sampled by thinning:
   * candidates come at the peak rate and each is kept with probability rate(t) / peak.
   */
  private static final class Arrivals {
    final TeamRoster roster;
    final boolean bots;
    final SplittableRandom random;
    final BusinessCalendar calendar;
    final double workingRate;
    final double otherRate;

    Arrivals(TeamRoster roster, boolean bots, double multiplier, SplittableRandom random) {
      this.roster = roster;
      this.bots = bots;
      this.random = random;
      this.calendar = new BusinessCalendar(roster.team());
      this.workingRate = multiplier * (bots ? BOT_PRS_PER_HOUR : HUMAN_PRS_PER_WORKING_HOUR);
      this.otherRate = multiplier * (bots ? BOT_PRS_PER_HOUR : HUMAN_PRS_PER_OTHER_HOUR);
    }

    Instant next(Instant after) {
      double peak = Math.max(workingRate, otherRate);
      Instant t = after;
      while (true) {
        double gapHours = -Math.log(1 - random.nextDouble()) / peak;
        t = t.plus(Duration.ofMillis(Math.max(1000, Math.round(gapHours * 3_600_000))));
        double rate = calendar.isWorkingTime(t) ? workingRate : otherRate;
        if (random.nextDouble() * peak < rate) {
          return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
      }
    }
  }
}
