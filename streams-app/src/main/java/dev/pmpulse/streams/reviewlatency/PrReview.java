package dev.pmpulse.streams.reviewlatency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Review state of one PR, held in the tracker's store until the PR is merged or closed.
 *
 * @param waitingSince earliest review request seen (null: nobody asked for a review yet)
 * @param reviews qualifying reviews seen, oldest first: those not yet matched to a request, and
 *     those before the measured one, which an earlier request arriving late would make the first
 * @param measured the PR's latency has been emitted
 * @param measurement what was emitted, so that a correction can retract exactly that (null in a
 *     state written before corrections existed: such a PR is final)
 * @param overdue the PR was reported as waiting beyond the target
 */
public record PrReview(
    String team,
    String author,
    Instant waitingSince,
    List<Instant> reviews,
    boolean measured,
    Measurement measurement,
    boolean overdue,
    Instant lastActivity) {

  /** A PR with more qualifying reviews than this is pathological; the newest are dropped. */
  static final int MAX_REVIEWS = 16;

  /**
   * One emitted latency: from {@code requestedAt} to {@code reviewedAt}, as counted then (the
   * team's calendar and target may change later; a retraction takes back these very figures).
   */
  public record Measurement(
      Instant requestedAt, Instant reviewedAt, double businessSeconds, boolean withinTarget, boolean wasOverdue) {}

  public PrReview {
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
  }

  static PrReview start(String team, String author, Instant at) {
    return new PrReview(team, author, null, List.of(), false, null, false, at);
  }

  boolean waiting() {
    return waitingSince != null && !measured;
  }

  /** Measured by an older version of the tracker, without the figures a correction needs. */
  private boolean finalWithoutFigures() {
    return measured && measurement == null;
  }

  PrReview requestedAt(Instant at) {
    if (finalWithoutFigures() || (waitingSince != null && !at.isBefore(waitingSince))) {
      return touched(at);
    }
    return new PrReview(team, author, at, reviews, measured, measurement, overdue, latest(at));
  }

  PrReview reviewedAt(Instant at) {
    boolean afterMeasured = measurement != null && at.isAfter(measurement.reviewedAt());
    if (finalWithoutFigures() || afterMeasured || reviews.contains(at)) {
      return touched(at);
    }
    List<Instant> sorted = new ArrayList<>(reviews);
    sorted.add(at);
    sorted.sort(null);
    if (sorted.size() > MAX_REVIEWS) {
      sorted.remove(sorted.size() - 1);
    }
    return new PrReview(team, author, waitingSince, sorted, measured, measurement, overdue, latest(at));
  }

  /**
   * The latency this PR should have as of what has arrived: from the earliest request to the first
   * qualifying review at or after it, whatever order they arrived in. Null while one is missing.
   */
  Instant firstReviewAfterRequest() {
    if (waitingSince == null || finalWithoutFigures()) {
      return null;
    }
    return reviews.stream().filter(r -> !r.isBefore(waitingSince)).findFirst().orElse(null);
  }

  /** Whether the measurement emitted already is the one {@link #firstReviewAfterRequest} gives. */
  boolean measuredAs(Instant reviewedAt) {
    return measurement != null
        && measurement.requestedAt().equals(waitingSince)
        && measurement.reviewedAt().equals(reviewedAt);
  }

  /** Measured as {@code m}: reviews after it can never become the first, so they are dropped. */
  PrReview measured(Measurement m) {
    List<Instant> kept = reviews.stream().filter(r -> !r.isAfter(m.reviewedAt())).toList();
    return new PrReview(team, author, waitingSince, kept, true, m, overdue, lastActivity);
  }

  PrReview markOverdue() {
    return new PrReview(team, author, waitingSince, reviews, measured, measurement, true, lastActivity);
  }

  private PrReview touched(Instant at) {
    return new PrReview(team, author, waitingSince, reviews, measured, measurement, overdue, latest(at));
  }

  private Instant latest(Instant at) {
    return lastActivity == null || at.isAfter(lastActivity) ? at : lastActivity;
  }
}
