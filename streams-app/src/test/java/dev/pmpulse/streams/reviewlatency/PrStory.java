package dev.pmpulse.streams.reviewlatency;

import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.PrEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Builds the events of one PR, written in the team's local time, for tests. */
final class PrStory {
  private final String team;
  private final String zone;
  private final int number;
  private final String author;
  private int seq;

  PrStory(String team, String zone, int number, String author) {
    this.team = team;
    this.zone = zone;
    this.number = number;
    this.author = author;
  }

  /** The PR's key on the input topic and in the tracker's store. */
  String key() {
    return PrEvent.key("acme/" + team, number);
  }

  Instant local(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(java.time.ZoneId.of(zone)).toInstant();
  }

  private PrEvent event(Type type, String actor, List<String> reviewers, ReviewState state, String localTime) {
    return new PrEvent(
        PrEvent.VERSION, team + "-" + number + "-" + (++seq), type, "acme/" + team, number, team, author, actor,
        reviewers, List.of(), state, List.of(), local(localTime));
  }

  PrEvent openedWithReviewers(String localTime, String... reviewers) {
    return event(Type.OPENED, author, List.of(reviewers), null, localTime);
  }

  PrEvent opened(String localTime) {
    return event(Type.OPENED, author, List.of(), null, localTime);
  }

  PrEvent reviewRequested(String localTime, String reviewer) {
    return event(Type.REVIEW_REQUESTED, author, List.of(reviewer), null, localTime);
  }

  PrEvent review(String localTime, String reviewer, ReviewState state) {
    return event(Type.REVIEW_SUBMITTED, reviewer, List.of(), state, localTime);
  }

  PrEvent merged(String localTime) {
    return event(Type.MERGED, author, List.of(), null, localTime);
  }
}
