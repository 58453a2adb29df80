package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.RejectedRecordException;
import dev.pmpulse.streams.intake.Rejection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every GitHub example payload (octokit/webhooks, see the fixtures' ORIGIN.md) through the mapping:
 * each expected PR event written out from the fixture's own fields.
 */
class GitHubWebhookTest {
  private static final String REPO = "Codertocat/Hello-World";
  private final List<String> unassigned = new ArrayList<>();
  private GitHubWebhook github =
      new GitHubWebhook(Fixtures.GITHUB_SECRET, new RepositoryTeamMap(Map.of()), "breaking-change", unassigned::add);

  private Translation translate(String file) throws RejectedRecordException {
    WebhookRequest request = Fixtures.github(file, "d-1");
    return github.translate(request, github.deliveryId(request));
  }

  private PrEvent written(String file) throws RejectedRecordException {
    Translation t = translate(file);
    assertThat(t).isInstanceOf(Translation.Write.class);
    Translation.Write<?> write = (Translation.Write<?>) t;
    assertThat(write.topic()).isEqualTo(Topics.PR_EVENTS);
    PrEvent e = (PrEvent) write.value();
    assertThat(write.key()).isEqualTo(REPO + "#2");
    assertThat(write.timestampMs()).isEqualTo(e.at().toEpochMilli());
    return e;
  }

  private static PrEvent expected(Type type, String actor, List<String> reviewers, ReviewState state,
      List<ApiChange> changes, String at) {
    return new PrEvent(1, "github:d-1", type, REPO, 2, RepositoryTeams.UNASSIGNED, "Codertocat", actor, reviewers,
        List.of("bug"), state, changes, Instant.parse(at));
  }

  @Test
  void pullRequestActionsBecomePrEventsAtTheTimeOfTheAction() throws Exception {
    assertThat(written("pull_request.opened.json"))
        .isEqualTo(expected(Type.OPENED, "Codertocat", List.of("octocat"), null, List.of(), "2019-05-15T15:20:33Z"));
    assertThat(written("pull_request.reopened.json"))
        .isEqualTo(expected(Type.OPENED, "Codertocat", List.of("octocat"), null, List.of(), "2019-05-15T15:20:33Z"));
    assertThat(written("pull_request.ready_for_review.json"))
        .isEqualTo(expected(Type.READY_FOR_REVIEW, "Codertocat", List.of("octocat"), null, List.of(), "2019-05-15T15:21:18Z"));
    assertThat(written("pull_request.review_requested.json"))
        .isEqualTo(expected(Type.REVIEW_REQUESTED, "Codertocat", List.of("octocat"), null, List.of(), "2019-05-15T15:20:33Z"));
    assertThat(written("pull_request.closed.unmerged.json"))
        .isEqualTo(expected(Type.CLOSED, "Codertocat", List.of(), null, List.of(), "2019-05-15T15:21:18Z"));
    assertThat(written("pull_request.closed.merged.derived.json"))
        .isEqualTo(expected(Type.MERGED, "Codertocat", List.of(), null, List.of(), "2019-05-15T15:21:18Z"));
    assertThat(unassigned).as("Codertocat/Hello-World is nobody's").containsOnly(REPO).hasSize(6);
  }

  @Test
  void reviewsBecomeReviewSubmittedByTheReviewerAtSubmission() throws Exception {
    for (var state : List.of(ReviewState.COMMENTED, ReviewState.APPROVED, ReviewState.CHANGES_REQUESTED)) {
      String file = state == ReviewState.COMMENTED
          ? "pull_request_review.submitted.commented.json"
          : "pull_request_review.submitted." + state.name().toLowerCase() + ".derived.json";
      assertThat(written(file)).as(file)
          .isEqualTo(expected(Type.REVIEW_SUBMITTED, "Codertocat", List.of(), state, List.of(), "2019-05-15T15:20:38Z"));
    }
  }

  @Test
  void actionsTheKpisDoNotMeasureAreIgnoredByName() throws Exception {
    assertThat(translate("pull_request.converted_to_draft.json"))
        .isEqualTo(new Translation.Ignored("pull_request.converted_to_draft"));
    assertThat(translate("pull_request.review_request_removed.json"))
        .isEqualTo(new Translation.Ignored("pull_request.review_request_removed"));
    assertThat(translate("pull_request.labeled.json")).isEqualTo(new Translation.Ignored("pull_request.labeled"));
    assertThat(translate("pull_request_review.dismissed.json"))
        .isEqualTo(new Translation.Ignored("pull_request_review.dismissed"));
    byte[] zen = "{\"zen\":\"Design for failure.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(github.translate(Fixtures.github("ping", "d-2", zen), "d-2")).isEqualTo(new Translation.Ignored("ping"));
  }

  @Test
  void aDraftIsNotWaitingForReview() throws Exception {
    ObjectNode opened = Fixtures.tree("github/pull_request.opened.json");
    ((ObjectNode) opened.get("pull_request")).put("draft", true);
    Translation.Write<?> write = (Translation.Write<?>) github.translate(
        Fixtures.github("pull_request", "d-3", Fixtures.write(opened)), "d-3");
    assertThat(((PrEvent) write.value()).reviewers()).as("reviewers of a draft").isEmpty();

    ObjectNode requested = Fixtures.tree("github/pull_request.review_requested.json");
    ((ObjectNode) requested.get("pull_request")).put("draft", true);
    assertThat(github.translate(Fixtures.github("pull_request", "d-4", Fixtures.write(requested)), "d-4"))
        .isEqualTo(new Translation.Ignored("pull_request.review_requested"));
  }

  private PrEvent mergedWithLabels(String... labels) throws Exception {
    ObjectNode merged = Fixtures.tree("github/pull_request.closed.merged.derived.json");
    ArrayNode array = ((ObjectNode) merged.get("pull_request")).putArray("labels");
    for (String label : labels) {
      array.addObject().put("name", label).put("color", "d73a4a");
    }
    return (PrEvent) ((Translation.Write<?>) github.translate(
        Fixtures.github("pull_request", "d-5", Fixtures.write(merged)), "d-5")).value();
  }

  @Test
  void theBreakingLabelOnAMergedPrIsABreakingChangeOfItsApiLabelsOrOfTheRepository() throws Exception {
    assertThat(mergedWithLabels("bug").apiChanges()).isEmpty();
    assertThat(mergedWithLabels("Breaking-Change").apiChanges())
        .containsExactly(new ApiChange("Hello-World", ApiChange.Kind.BREAKING));
    assertThat(mergedWithLabels("breaking-change", "api:producer-api", "API:admin-api", "api:all", "api: ").apiChanges())
        .containsExactly(new ApiChange("producer-api", ApiChange.Kind.BREAKING), new ApiChange("admin-api", ApiChange.Kind.BREAKING));
    github = new GitHubWebhook(Fixtures.GITHUB_SECRET, new RepositoryTeamMap(Map.of()), "semver-major", unassigned::add);
    assertThat(mergedWithLabels("breaking-change").apiChanges()).as("another label configured").isEmpty();
    assertThat(mergedWithLabels("semver-major", "api:consumer-api").apiChanges())
        .containsExactly(new ApiChange("consumer-api", ApiChange.Kind.BREAKING));
  }

  @Test
  void theTeamComesFromTheDirectoryByRepository() throws Exception {
    github = new GitHubWebhook(
        Fixtures.GITHUB_SECRET, new RepositoryTeamMap(Map.of("codertocat/hello-world", "streams")), "breaking-change",
        unassigned::add);
    assertThat(written("pull_request.opened.json").team()).isEqualTo("streams");
    assertThat(unassigned).isEmpty();
  }

  @Test
  void aPayloadMissingWhatTheMappingNeedsIsRejectedNamingTheField() {
    ObjectNode opened = Fixtures.tree("github/pull_request.opened.json");
    ((ObjectNode) opened.get("pull_request")).remove("number");
    assertThatThrownBy(() -> github.translate(Fixtures.github("pull_request", "d-6", Fixtures.write(opened)), "d-6"))
        .isInstanceOfSatisfying(RejectedRecordException.class, e -> {
          assertThat(e.rejection().reason()).isEqualTo(Rejection.MISSING_FIELD);
          assertThat(e.rejection().detail()).contains("pull_request.number");
        });
    ObjectNode review = Fixtures.tree("github/pull_request_review.submitted.commented.json");
    ((ObjectNode) review.get("review")).put("submitted_at", "yesterday");
    assertThatThrownBy(() -> github.translate(Fixtures.github("pull_request_review", "d-7", Fixtures.write(review)), "d-7"))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.rejection().reason()).isEqualTo(Rejection.INVALID_VALUE));
    byte[] notJson = "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> github.translate(Fixtures.github("pull_request", "d-8", notJson), "d-8"))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.rejection().reason()).isEqualTo(Rejection.UNPARSEABLE));
  }

  @Test
  void aFormEncodedDeliveryIsSignedAsSentAndReadFromItsPayloadField() throws Exception {
    byte[] json = Fixtures.bytes("github/pull_request.opened.json");
    byte[] form = ("payload=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    WebhookRequest request = new WebhookRequest(Map.of(
        "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "d-1",
        "X-Hub-Signature-256", "sha256=" + Fixtures.GITHUB_SECRET.sign(form),
        "Content-Type", "application/x-www-form-urlencoded"), form);
    assertThat(github.signed(request)).isTrue();
    assertThat(((Translation.Write<?>) github.translate(request, "d-1")).value())
        .isEqualTo(expected(Type.OPENED, "Codertocat", List.of("octocat"), null, List.of(), "2019-05-15T15:20:33Z"));
  }

  @Test
  void theSignatureHeaderIsSha256OfTheRawBody() {
    byte[] body = Fixtures.bytes("github/pull_request.opened.json");
    WebhookRequest signed = Fixtures.github("pull_request", "d-1", body);
    assertThat(github.signed(signed)).isTrue();
    String hex = Fixtures.GITHUB_SECRET.sign(body);
    for (String header : List.of(hex, "sha1=" + hex, "SHA256=" + hex, "sha256=" + hex + "0", "sha256=")) {
      WebhookRequest forged = new WebhookRequest(Map.of("X-Hub-Signature-256", header), body);
      assertThat(github.signed(forged)).as(header).isFalse();
    }
    assertThat(github.signed(new WebhookRequest(Map.of(), body))).as("no header").isFalse();
  }
}
