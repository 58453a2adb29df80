package dev.pmpulse.producer;

import dev.pmpulse.events.BusinessCalendar;
import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Plans the whole life of one pull request, from {@code opened} to {@code merged} or {@code closed},
 * the moment it is opened. People act during their team's business hours (authors push, reviewers
 * review, someone merges); bots act at any hour.
 *
 * <p>A reviewer picks a request up at the next working moment, except that a request arriving in
 * the last {@link #END_OF_DAY_CUTOFF} of their day waits for the next working day (nobody starts a
 * review at 16:45 on a Friday). The first review then takes a log-normal amount of working time:
 * median 1.5 business hours, most between 0.5 and 6, with a long tail.
 */
final class PrLifecycle {
  static final Duration END_OF_DAY_CUTOFF = Duration.ofMinutes(30);
  static final List<String> LABELS =
      List.of("bug", "enhancement", "documentation", "performance", "tests", "refactor", "kip");

  private static final Duration MIN_STEP = Duration.ofSeconds(1);

  private final TeamRoster roster;
  private final BusinessCalendar calendar;
  private final int number;
  private final String author;
  private final RandomGenerator rng;
  private final String runId;
  private final List<String> labels;
  private final double reviewDelayFactor;
  private final List<Planned> planned = new ArrayList<>();

  private record Planned(Instant at, int order, Type type, String actor, List<String> reviewers,
      ReviewState state, List<ApiChange> apiChanges) {}

  private PrLifecycle(
      TeamRoster roster, int number, String author, RandomGenerator rng, String runId, double reviewDelayFactor) {
    this.roster = roster;
    this.calendar = new BusinessCalendar(roster.team());
    this.number = number;
    this.author = author;
    this.rng = rng;
    this.runId = runId;
    this.reviewDelayFactor = reviewDelayFactor;
    this.labels = PrEvent.isBot(author) ? List.of("dependencies") : randomLabels();
  }

  /**
   * The events of PR {@code number} in {@code roster.repo()}, opened by {@code author} at {@code
   * openedAt}, strictly increasing in time.
   *
   * @param runId identifies the run (seed and settings), so event ids differ between runs that
   *     differ, and repeat exactly when a run is repeated
   */
  static List<PrEvent> plan(
      TeamRoster roster, int number, String author, Instant openedAt, RandomGenerator rng, String runId) {
    return plan(roster, number, author, openedAt, rng, runId, 1);
  }

  /**
   * As {@link #plan(TeamRoster, int, String, Instant, RandomGenerator, String)}, with every review
   * taking {@code reviewDelayFactor} times as much of the reviewer's working time (reviewers away).
   */
  static List<PrEvent> plan(TeamRoster roster, int number, String author, Instant openedAt, RandomGenerator rng,
      String runId, double reviewDelayFactor) {
    PrLifecycle pr = new PrLifecycle(roster, number, author, rng, runId, reviewDelayFactor);
    if (PrEvent.isBot(author)) {
      pr.planBotPr(openedAt);
    } else {
      pr.planHumanPr(openedAt);
    }
    return pr.events();
  }

  private void planHumanPr(Instant opened) {
    List<String> reviewers = pickReviewers(rng.nextDouble() < 0.4 ? 2 : 1);
    Instant requested;
    if (rng.nextDouble() < 0.2) {
      add(opened, Type.OPENED, author, List.of(), null, List.of());
      Instant ready = calendar.plusWorkingTime(opened, hours(uniform(1, 12)));
      add(ready, Type.READY_FOR_REVIEW, author, List.of(), null, List.of());
      requested = ready.plus(minutes(uniform(1, 15)));
      add(requested, Type.REVIEW_REQUESTED, author, reviewers, null, List.of());
    } else if (rng.nextDouble() < 0.6) {
      add(opened, Type.OPENED, author, reviewers, null, List.of());
      requested = opened;
    } else {
      add(opened, Type.OPENED, author, List.of(), null, List.of());
      requested = calendar.plusWorkingTime(opened, minutes(uniform(5, 90)));
      add(requested, Type.REVIEW_REQUESTED, author, reviewers, null, List.of());
    }
    maybeBotComment(opened);
    if (rng.nextDouble() < 0.25) {
      // The author leaves notes on their own PR before anyone reviews it.
      add(calendar.plusWorkingTime(requested, minutes(uniform(2, 30))), Type.REVIEW_SUBMITTED, author,
          List.of(), ReviewState.COMMENTED, List.of());
    }

    String primary = reviewers.get(0);
    Instant t = pickUp(requested, firstReviewDelay());
    if (rng.nextDouble() < 0.3) {
      add(t, Type.REVIEW_SUBMITTED, primary, List.of(), ReviewState.COMMENTED, List.of());
      t = calendar.plusWorkingTime(t, minutes(uniform(15, 180)));
    }
    for (int round = 0; ; round++) {
      boolean approve = round == 2 || rng.nextDouble() >= 0.25;
      add(t, Type.REVIEW_SUBMITTED, primary, List.of(),
          approve ? ReviewState.APPROVED : ReviewState.CHANGES_REQUESTED, List.of());
      if (approve) {
        break;
      }
      Instant fixed = calendar.plusWorkingTime(t, hours(uniform(0.5, 6)));
      if (rng.nextDouble() < 0.5) {
        add(fixed, Type.REVIEW_SUBMITTED, author, List.of(), ReviewState.COMMENTED, List.of());
      }
      t = pickUp(fixed, firstReviewDelay().dividedBy(2));
    }
    Instant approved = t;
    if (reviewers.size() > 1) {
      add(pickUp(requested, firstReviewDelay()), Type.REVIEW_SUBMITTED, reviewers.get(1), List.of(),
          rng.nextDouble() < 0.7 ? ReviewState.APPROVED : ReviewState.COMMENTED, List.of());
    }

    if (rng.nextDouble() < 0.04) {
      // Abandoned: the author gives up, possibly before anyone reviewed it.
      Instant gaveUp = calendar.plusWorkingTime(requested, hours(uniform(2, 30)));
      end(gaveUp, Type.CLOSED, author, List.of());
      return;
    }
    String closer = rng.nextDouble() < 0.7 ? author : primary;
    Instant done = calendar.plusWorkingTime(approved, minutes(uniform(5, 180)));
    if (rng.nextDouble() < 0.93) {
      end(done, Type.MERGED, closer, apiChanges());
    } else {
      end(done, Type.CLOSED, closer, List.of());
    }
  }

  private void planBotPr(Instant opened) {
    String reviewer = pickReviewers(1).get(0);
    add(opened, Type.OPENED, author, List.of(reviewer), null, List.of());
    maybeBotComment(opened);
    // Dependency bumps are low priority: they wait longer than a colleague's change.
    Instant reviewed = pickUp(opened, firstReviewDelay().multipliedBy(2));
    if (rng.nextDouble() < 0.85) {
      add(reviewed, Type.REVIEW_SUBMITTED, reviewer, List.of(), ReviewState.APPROVED, List.of());
      end(calendar.plusWorkingTime(reviewed, minutes(uniform(1, 30))), Type.MERGED, reviewer, List.of());
    } else {
      // Superseded by a newer bump: closed without a review.
      end(reviewed, Type.CLOSED, reviewer, List.of());
    }
  }

  private Instant pickUp(Instant requested, Duration work) {
    return pickUp(calendar, requested, work);
  }

  /** When a reviewer asked at {@code requested} submits a review that takes {@code work} of their time. */
  static Instant pickUp(BusinessCalendar calendar, Instant requested, Duration work) {
    Duration left = calendar.workingTimeLeftToday(requested);
    Instant from =
        calendar.isWorkingTime(requested) && left.compareTo(END_OF_DAY_CUTOFF) < 0
            ? requested.plus(left)
            : requested;
    return calendar.plusWorkingTime(from, work);
  }

  /** CI and coverage bots report on a PR within minutes, at any hour. */
  private void maybeBotComment(Instant opened) {
    List<String> others = roster.bots().stream().filter(bot -> !bot.equals(author)).toList();
    if (!others.isEmpty() && rng.nextDouble() < 0.45) {
      add(opened.plus(minutes(uniform(2, 20))), Type.REVIEW_SUBMITTED, others.get(rng.nextInt(others.size())),
          List.of(), ReviewState.COMMENTED, List.of());
    }
  }

  /** Log-normal working time, median 1.5 h; one in ten requests falls in a 3-8x slower tail. */
  private Duration firstReviewDelay() {
    double hours = 1.5 * Math.exp(0.9 * rng.nextGaussian());
    if (rng.nextDouble() < 0.1) {
      hours *= uniform(3, 8);
    }
    return hours(Math.min(Math.max(hours, 5 / 60.0), 40) * reviewDelayFactor);
  }

  private List<ApiChange> apiChanges() {
    double u = rng.nextDouble();
    ApiChange.Kind kind =
        u < 0.004 ? ApiChange.Kind.BREAKING
            : u < 0.034 ? ApiChange.Kind.DEPRECATION
            : u < 0.154 ? ApiChange.Kind.ADDITIVE
            : ApiChange.Kind.NONE;
    if (kind == ApiChange.Kind.NONE) {
      // Most merges touch no API; some code hosts still report "none" for the surface checked.
      return rng.nextDouble() < 0.2 ? List.of(new ApiChange(surface(), kind)) : List.of();
    }
    String first = surface();
    if (kind == ApiChange.Kind.ADDITIVE && rng.nextDouble() < 0.15) {
      String second = surface();
      if (!second.equals(first)) {
        return List.of(new ApiChange(first, kind), new ApiChange(second, kind));
      }
    }
    return List.of(new ApiChange(first, kind));
  }

  private String surface() {
    List<String> from =
        rng.nextDouble() < 0.7 && !roster.homeSurfaces().isEmpty() ? roster.homeSurfaces() : TeamRoster.API_SURFACES;
    return from.get(rng.nextInt(from.size()));
  }

  private List<String> pickReviewers(int count) {
    List<String> candidates = new ArrayList<>(roster.engineers());
    candidates.remove(author);
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(candidates.remove(rng.nextInt(candidates.size())));
    }
    return picked;
  }

  private List<String> randomLabels() {
    return rng.nextDouble() < 0.4 ? List.of(LABELS.get(rng.nextInt(LABELS.size()))) : List.of();
  }

  private void add(Instant at, Type type, String actor, List<String> reviewers, ReviewState state,
      List<ApiChange> apiChanges) {
    planned.add(new Planned(at, planned.size(), type, actor, reviewers, state, apiChanges));
  }

  /** Ends the PR: anything planned after the end did not happen. */
  private void end(Instant at, Type type, String actor, List<ApiChange> apiChanges) {
    planned.removeIf(p -> !p.at().isBefore(at));
    add(at, type, actor, List.of(), null, apiChanges);
  }

  private List<PrEvent> events() {
    List<Planned> ordered = new ArrayList<>(planned);
    ordered.sort(Comparator.comparing(Planned::at).thenComparingInt(Planned::order));
    List<PrEvent> events = new ArrayList<>(ordered.size());
    Instant last = null;
    for (Planned p : ordered) {
      // Causes are planned before their effects, so equal times keep planning order; one second
      // apart keeps the PR's events strictly ordered for anyone sorting by time alone.
      Instant at = last != null && !p.at().isAfter(last) ? last.plus(MIN_STEP) : p.at();
      events.add(
          new PrEvent(PrEvent.VERSION, eventId(events.size()), p.type(), roster.repo(), number,
              roster.team().name(), author, p.actor(), p.reviewers(), labels, p.state(), p.apiChanges(), at));
      last = at;
    }
    return events;
  }

  private String eventId(int index) {
    String name = runId + "/" + PrEvent.key(roster.repo(), number) + "/" + index;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private double uniform(double from, double to) {
    return from + rng.nextDouble() * (to - from);
  }

  private static Duration hours(double hours) {
    return Duration.ofSeconds(Math.round(hours * 3600));
  }

  private static Duration minutes(double minutes) {
    return Duration.ofSeconds(Math.round(minutes * 60));
  }
}
