package dev.pmpulse.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One thing that happened to a pull request, as a code host reports it. Key on the topic: {@link
 * #key()} ({@code repo#number}), so every event of one PR lands on one partition, in order.
 *
 * @param v contract version, {@value #VERSION} for this shape
 * @param eventId unique per event; the same id twice means the same event delivered twice
 * @param actor who did it: the requester of a review, the reviewer of a review, the merger
 * @param reviewers reviewers requested by this event (on {@code opened} and {@code review_requested})
 * @param reviewState only on {@code review_submitted}
 * @param apiChanges only on {@code merged}: how the change touches each public API surface
 */
public record PrEvent(
    int v,
    String eventId,
    Type type,
    String repo,
    int number,
    String team,
    String author,
    String actor,
    List<String> reviewers,
    List<String> labels,
    ReviewState reviewState,
    List<ApiChange> apiChanges,
    Instant at) {

  public static final int VERSION = 1;

  public enum Type {
    @JsonProperty("opened") OPENED,
    @JsonProperty("ready_for_review") READY_FOR_REVIEW,
    @JsonProperty("review_requested") REVIEW_REQUESTED,
    @JsonProperty("review_submitted") REVIEW_SUBMITTED,
    @JsonProperty("merged") MERGED,
    @JsonProperty("closed") CLOSED
  }

  public enum ReviewState {
    @JsonProperty("approved") APPROVED,
    @JsonProperty("changes_requested") CHANGES_REQUESTED,
    @JsonProperty("commented") COMMENTED
  }

  public PrEvent {
    reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    labels = labels == null ? List.of() : List.copyOf(labels);
    apiChanges = apiChanges == null ? List.of() : List.copyOf(apiChanges);
  }

  public String key() {
    return key(repo, number);
  }

  public static String key(String repo, int number) {
    return repo + "#" + number;
  }

  /** Bots follow the code host's convention: their login ends in {@code [bot]}. */
  public static boolean isBot(String login) {
    return login != null && login.endsWith("[bot]");
  }
}
