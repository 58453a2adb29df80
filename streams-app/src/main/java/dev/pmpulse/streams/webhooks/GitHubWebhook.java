package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.PrEventValidator;
import dev.pmpulse.streams.intake.RejectedRecordException;
import dev.pmpulse.streams.intake.Rejection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * GitHub's {@code pull_request} and {@code pull_request_review} webhooks as PR events on {@code
 * pmpulse.pr-events}, keyed {@code repo#number} like the simulator's. docs/webhooks.md has the
 * table of what maps to what, and what does not map.
 *
 * <p>Event ids are {@code github:<X-GitHub-Delivery>}: a redelivery (same delivery id) is the same
 * event with the same time, which the KPIs count once. Times come from the payload, never from the
 * clock: an opening at {@code pull_request.created_at}, a merge at {@code merged_at}, a closing at
 * {@code closed_at}, a review at {@code review.submitted_at}, anything else at the PR's {@code
 * updated_at} (which GitHub sets to the moment of the action).
 */
final class GitHubWebhook implements WebhookSource {
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  static final String EVENT_HEADER = "X-GitHub-Event";
  static final String DELIVERY_HEADER = "X-GitHub-Delivery";
  static final String SIGNATURE_PREFIX = "sha256=";
  /** Labels naming the API surface a breaking change touches: {@code api:producer-api}. */
  static final String SURFACE_LABEL_PREFIX = "api:";

  private final WebhookSecret secret;
  private final RepositoryTeams teams;
  private final String breakingLabel;
  private final Consumer<String> unassignedRepository;
  private final PrEventValidator validator = new PrEventValidator();

  /** @param unassignedRepository told each repository the team directory does not know, on each event */
  GitHubWebhook(WebhookSecret secret, RepositoryTeams teams, String breakingLabel, Consumer<String> unassignedRepository) {
    this.secret = secret;
    this.teams = teams;
    this.breakingLabel = breakingLabel;
    this.unassignedRepository = unassignedRepository;
  }

  @Override
  public String name() {
    return "github";
  }

  @Override
  public String topic() {
    return Topics.PR_EVENTS.name();
  }

  @Override
  public boolean signed(WebhookRequest request) {
    String header = request.header(SIGNATURE_HEADER);
    if (header == null || !header.startsWith(SIGNATURE_PREFIX)) {
      return false;
    }
    return secret.signedAny(request.body(), List.of(header.substring(SIGNATURE_PREFIX.length())));
  }

  @Override
  public String deliveryId(WebhookRequest request) {
    String delivery = request.header(DELIVERY_HEADER);
    if (delivery == null || delivery.isBlank() || delivery.length() > 200) {
      throw new IllegalArgumentException("missing or overlong " + DELIVERY_HEADER + " header");
    }
    if (request.header(EVENT_HEADER) == null || request.header(EVENT_HEADER).isBlank()) {
      throw new IllegalArgumentException("missing " + EVENT_HEADER + " header");
    }
    return delivery;
  }

  @Override
  public Translation translate(WebhookRequest request, String deliveryId) throws RejectedRecordException {
    String event = request.header(EVENT_HEADER);
    if (!event.equals("pull_request") && !event.equals("pull_request_review")) {
      return new Translation.Ignored(event); // ping, push, issues...: not measured
    }
    Payload p = Payload.parse(json(request));
    String action = p.requiredText("action");
    PrEvent pr = event.equals("pull_request") ? pullRequest(action, deliveryId, p) : review(action, deliveryId, p);
    if (pr == null) {
      return new Translation.Ignored(event + "." + action);
    }
    validator.validate(pr);
    return new Translation.Write<>(Topics.PR_EVENTS, pr.key(), pr, pr.at().toEpochMilli());
  }

  /** The PR event of a {@code pull_request} action, or null for an action not measured. */
  private PrEvent pullRequest(String action, String deliveryId, Payload p) throws RejectedRecordException {
    boolean draft = p.flag("pull_request.draft");
    String sender = p.text("sender.login");
    return switch (action) {
      // A draft is not ready for review: its requested reviewers wait for ready_for_review. A
      // reopened PR starts over, as the tracker forgot it when it was closed.
      case "opened" -> event(Type.OPENED, deliveryId, p, sender, draft ? List.of() : requested(p), null, List.of(),
          p.requiredInstant("pull_request.created_at"));
      case "reopened" -> event(Type.OPENED, deliveryId, p, sender, draft ? List.of() : requested(p), null, List.of(),
          p.requiredInstant("pull_request.updated_at"));
      case "ready_for_review" -> event(Type.READY_FOR_REVIEW, deliveryId, p, sender, requested(p), null, List.of(),
          p.requiredInstant("pull_request.updated_at"));
      case "review_requested" -> draft ? null : event(Type.REVIEW_REQUESTED, deliveryId, p, sender, requestedNow(p),
          null, List.of(), p.requiredInstant("pull_request.updated_at"));
      case "closed" -> p.flag("pull_request.merged")
          ? event(Type.MERGED, deliveryId, p, merger(p, sender), List.of(), null, apiChanges(p),
              p.requiredInstant("pull_request.merged_at"))
          : event(Type.CLOSED, deliveryId, p, sender, List.of(), null, List.of(),
              p.requiredInstant("pull_request.closed_at"));
      default -> null;
    };
  }

  /** The PR event of a {@code pull_request_review} action, or null for one not measured. */
  private PrEvent review(String action, String deliveryId, Payload p) throws RejectedRecordException {
    if (!action.equals("submitted")) {
      return null; // dismissed, edited: the first review that counted stays counted
    }
    ReviewState state =
        switch (p.requiredText("review.state").toLowerCase(Locale.ROOT)) {
          case "approved" -> ReviewState.APPROVED;
          case "changes_requested" -> ReviewState.CHANGES_REQUESTED;
          case "commented" -> ReviewState.COMMENTED;
          default -> null;
        };
    if (state == null) {
      return null;
    }
    return event(Type.REVIEW_SUBMITTED, deliveryId, p, p.requiredText("review.user.login"), List.of(), state,
        List.of(), p.requiredInstant("review.submitted_at"));
  }

  private PrEvent event(Type type, String deliveryId, Payload p, String actor, List<String> reviewers,
      ReviewState state, List<ApiChange> apiChanges, Instant at) throws RejectedRecordException {
    String repo = p.requiredText("repository.full_name");
    String team = teams.teamOf(repo).orElse(null);
    if (team == null) {
      unassignedRepository.accept(repo);
      team = RepositoryTeams.UNASSIGNED;
    }
    return new PrEvent(PrEvent.VERSION, "github:" + deliveryId, type, repo, p.requiredInt("pull_request.number"),
        team, p.requiredText("pull_request.user.login"), actor, reviewers, p.texts("pull_request.labels", "name"),
        state, apiChanges, at);
  }

  /** The reviewers still requested (users by login, teams by slug). */
  private static List<String> requested(Payload p) {
    List<String> reviewers = new ArrayList<>(p.texts("pull_request.requested_reviewers", "login"));
    reviewers.addAll(p.texts("pull_request.requested_teams", "slug"));
    return reviewers;
  }

  /** The reviewer this {@code review_requested} asks: a user, or a team. */
  private static List<String> requestedNow(Payload p) throws RejectedRecordException {
    String reviewer = p.text("requested_reviewer.login");
    String team = p.text("requested_team.slug");
    if (reviewer == null && team == null) {
      throw new RejectedRecordException(Rejection.missing("requested_reviewer.login"));
    }
    return List.of(reviewer != null ? reviewer : team);
  }

  private static String merger(Payload p, String sender) {
    String merger = p.text("pull_request.merged_by.login");
    return merger != null ? merger : sender;
  }

  /**
   * A merged PR with the breaking label is a breaking change of each surface its {@code api:}
   * labels name, or, without one, of the surface named after the repository.
   */
  private List<ApiChange> apiChanges(Payload p) {
    List<String> labels = p.texts("pull_request.labels", "name");
    if (labels.stream().noneMatch(breakingLabel::equalsIgnoreCase)) {
      return List.of();
    }
    List<String> surfaces =
        labels.stream()
            .filter(l -> l.regionMatches(true, 0, SURFACE_LABEL_PREFIX, 0, SURFACE_LABEL_PREFIX.length()))
            .map(l -> l.substring(SURFACE_LABEL_PREFIX.length()).strip())
            // "all" names the total over every surface in the KPI, so it cannot be one.
            .filter(s -> !s.isEmpty() && !s.equals("all"))
            .distinct()
            .toList();
    if (surfaces.isEmpty()) {
      String repo = p.text("repository.full_name");
      surfaces = List.of(repo.substring(repo.lastIndexOf('/') + 1));
    }
    return surfaces.stream().map(s -> new ApiChange(s, ApiChange.Kind.BREAKING)).toList();
  }

  /**
   * The JSON document: the body, or for a webhook set to {@code application/x-www-form-urlencoded}
   * its {@code payload} field decoded (the signature covers the body as sent, checked before).
   */
  private static byte[] json(WebhookRequest request) throws RejectedRecordException {
    String type = request.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return request.body();
    }
    for (String field : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
      if (field.startsWith("payload=")) {
        try {
          return URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8)
              .getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new RejectedRecordException(new Rejection(Rejection.UNPARSEABLE, "form field 'payload' is not URL-encoded"));
        }
      }
    }
    throw new RejectedRecordException(new Rejection(Rejection.UNPARSEABLE, "form body without a 'payload' field"));
  }
}
