package dev.pmpulse.streams.reviewlatency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Review state of one PR, held in the tracker's store until the PR is merged or closed.
 *
 * @param waitingSince earliest review request seen (null: nobody asked for a review yet)
 * @param reviews qualifying reviews seen but not yet matched to a request, oldest first
 * @param measured the PR's latency has been emitted; later events change nothing
 * @param overdue the PR was reported as waiting beyond the target
 */
public record PrReview(
    String team,
    String author,
    Instant waitingSince,
    List<Instant> reviews,
    boolean measured,
    boolean overdue,
    Instant lastActivity) {

  /** A PR with more unmatched reviews than this is pathological; the newest are dropped. */
  static final int MAX_UNMATCHED_REVIEWS = 16;

  public PrReview {
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
  }

  static PrReview start(String team, String author, Instant at) {
    return new PrReview(team, author, null, List.of(), false, false, at);
  }

  boolean waiting() {
    return waitingSince != null && !measured;
  }

  PrReview requestedAt(Instant at) {
    if (measured || (waitingSince != null && !at.isBefore(waitingSince))) {
      return touched(at);
    }
    return new PrReview(team, author, at, reviews, false, overdue, latest(at));
  }

  PrReview reviewedAt(Instant at) {
    if (measured || reviews.contains(at) || reviews.size() >= MAX_UNMATCHED_REVIEWS) {
      return touched(at);
    }
    List<Instant> sorted = new ArrayList<>(reviews);
    sorted.add(at);
    sorted.sort(null);
    return new PrReview(team, author, waitingSince, sorted, false, overdue, latest(at));
  }

  /** The first qualifying review at or after the request, if both are known. */
  Instant firstReviewAfterRequest() {
    if (!waiting()) {
      return null;
    }
    return reviews.stream().filter(r -> !r.isBefore(waitingSince)).findFirst().orElse(null);
  }

  PrReview markMeasured() {
    return new PrReview(team, author, waitingSince, List.of(), true, false, lastActivity);
  }

  PrReview markOverdue() {
    return new PrReview(team, author, waitingSince, reviews, measured, true, lastActivity);
  }

  private PrReview touched(Instant at) {
    return new PrReview(team, author, waitingSince, reviews, measured, overdue, latest(at));
  }

  private Instant latest(Instant at) {
    return lastActivity == null || at.isAfter(lastActivity) ? at : lastActivity;
  }
}
