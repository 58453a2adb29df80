package dev.pmpulse.demo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.demo.faults.TopicContents;
import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.webhooks.GitHubReplay;
import dev.pmpulse.streams.webhooks.WebhookSecret;
import dev.pmpulse.streams.webhooks.WebhookSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, GitHub end to end on the embedded broker: a folder of saved deliveries for three PRs,
 * replayed through {@code POST /webhooks/github} of a running streams app, gives the review latency
 * worked out by hand in each team's business hours; a redelivered webhook counts once and a delivery
 * with a wrong signature writes nothing (both checked on the topic).
 *
 * <p>The deliveries are GitHub's example payloads (octokit/webhooks, see ORIGIN.md beside them) with
 * the repository, number, people, times, labels and draft flag changed below, field by field.
 */
class GitHubWebhookEndToEndTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("e2e webhook secret");

  @TempDir Path stateDir;
  @TempDir Path deliveries;

  private static String la(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("America/Los_Angeles")).toInstant().toString();
  }

  private static String berlin(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant().toString();
  }

  /** A saved example as a tree, moved to PR {@code repo#number} by {@code author}. */
  private static ObjectNode example(String file, String repo, int number, String author, String sender) throws IOException {
    ObjectNode tree;
    try (InputStream in = GitHubWebhookEndToEndTest.class.getResourceAsStream("/webhooks/github/" + file)) {
      tree = (ObjectNode) Json.MAPPER.readTree(in);
    }
    ((ObjectNode) tree.get("repository")).put("full_name", repo).put("name", repo.substring(repo.indexOf('/') + 1));
    if (tree.has("number")) {
      tree.put("number", number);
    }
    ObjectNode pr = (ObjectNode) tree.get("pull_request");
    pr.put("number", number);
    ((ObjectNode) pr.get("user")).put("login", author);
    ((ObjectNode) tree.get("sender")).put("login", sender);
    return tree;
  }

  private static ObjectNode pr(ObjectNode tree) {
    return (ObjectNode) tree.get("pull_request");
  }

  private static ObjectNode reviewer(ObjectNode review, String login, String at) {
    ((ObjectNode) review.get("review")).put("submitted_at", at);
    ((ObjectNode) review.get("review").get("user")).put("login", login);
    return review;
  }

  private static void requested(ObjectNode tree, String... logins) {
    ArrayNode list = pr(tree).putArray("requested_reviewers");
    for (String login : logins) {
      list.addObject().put("login", login).put("type", "User");
    }
  }

  private void save(String name, String event, String delivery, JsonNode body) throws IOException {
    Files.writeString(deliveries.resolve(name + ".headers"),
        "X-GitHub-Event: " + event + "\nX-GitHub-Delivery: " + delivery + "\nContent-Type: application/json\n");
    Files.writeString(deliveries.resolve(name + ".json"), Json.write(body));
  }

  /**
   * streams (Los Angeles, 09:00-17:00 Mon-Fri) and connect (Berlin, 08:30-17:00 Mon-Fri):
   *
   * <ul>
   *   <li>acme/streams#101: opened with diego-ramos requested Friday 2026-11-20 16:00, approved by
   *       him Monday 10:00: 1 h Friday + 1 h Monday = 2 h.
   *   <li>acme/connect#7: opened as a draft Monday 08:00 (not waiting), ready for review 10:00, a
   *       comment 11:00 (does not count), changes requested 15:00: 5 h. The changes-requested
   *       delivery is saved twice, as GitHub redelivers it: same delivery id.
   *   <li>acme/streams#102: review of tom-becker requested Monday 09:00, a bot approves 09:30 (does
   *       not count), tom-becker approves 12:00: 3 h; merged 13:00 with labels breaking-change and
   *       api:streams-api.
   * </ul>
   */
  private void saveDeliveries() throws IOException {
    ObjectNode a1 = example("pull_request.opened.json", "acme/streams", 101, "maya-lin", "maya-lin");
    requested(a1, "diego-ramos");
    pr(a1).put("created_at", la("2026-11-20T16:00")).put("updated_at", la("2026-11-20T16:00"));
    save("01-streams-101-opened", "pull_request", "a1", a1);

    ObjectNode b1 = example("pull_request.opened.json", "acme/connect", 7, "jonas-weber", "jonas-weber");
    requested(b1, "mia-schulz");
    pr(b1).put("draft", true).put("created_at", berlin("2026-11-23T08:00")).put("updated_at", berlin("2026-11-23T08:00"));
    save("02-connect-7-opened-draft", "pull_request", "b1", b1);

    ObjectNode b2 = example("pull_request.ready_for_review.json", "acme/connect", 7, "jonas-weber", "jonas-weber");
    pr(b2).put("updated_at", berlin("2026-11-23T10:00"));
    save("03-connect-7-ready", "pull_request", "b2", b2);

    ObjectNode b3 = example("pull_request_review.submitted.commented.json", "acme/connect", 7, "jonas-weber", "mia-schulz");
    save("04-connect-7-commented", "pull_request_review", "b3", reviewer(b3, "mia-schulz", berlin("2026-11-23T11:00")));

    ObjectNode b4 = example("pull_request_review.submitted.changes_requested.derived.json", "acme/connect", 7,
        "jonas-weber", "mia-schulz");
    reviewer(b4, "mia-schulz", berlin("2026-11-23T15:00"));
    save("05-connect-7-changes-requested", "pull_request_review", "b4", b4);
    save("06-connect-7-changes-requested-redelivered", "pull_request_review", "b4", b4);

    ObjectNode c1 = example("pull_request.review_requested.json", "acme/streams", 102, "priya-shah", "priya-shah");
    ((ObjectNode) c1.get("requested_reviewer")).put("login", "tom-becker");
    pr(c1).put("updated_at", la("2026-11-23T09:00"));
    save("07-streams-102-review-requested", "pull_request", "c1", c1);

    ObjectNode c2 = example("pull_request_review.submitted.approved.derived.json", "acme/streams", 102, "priya-shah",
        "dependabot[bot]");
    save("08-streams-102-bot-approves", "pull_request_review", "c2", reviewer(c2, "dependabot[bot]", la("2026-11-23T09:30")));

    ObjectNode a2 = example("pull_request_review.submitted.approved.derived.json", "acme/streams", 101, "maya-lin",
        "diego-ramos");
    save("09-streams-101-approved", "pull_request_review", "a2", reviewer(a2, "diego-ramos", la("2026-11-23T10:00")));

    ObjectNode c3 = example("pull_request_review.submitted.approved.derived.json", "acme/streams", 102, "priya-shah",
        "tom-becker");
    save("10-streams-102-approved", "pull_request_review", "c3", reviewer(c3, "tom-becker", la("2026-11-23T12:00")));

    ObjectNode c4 = example("pull_request.closed.merged.derived.json", "acme/streams", 102, "priya-shah", "tom-becker");
    pr(c4).put("merged_at", la("2026-11-23T13:00")).put("closed_at", la("2026-11-23T13:00"));
    ArrayNode labels = pr(c4).putArray("labels");
    labels.addObject().put("name", "breaking-change");
    labels.addObject().put("name", "api:streams-api");
    save("11-streams-102-merged", "pull_request", "c4", c4);
  }

  @Test
  void replayedDeliveriesGiveTheHandComputedReviewLatencyOnceEachAndSignedOnly() throws Exception {
    saveDeliveries();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).start()) {
      Properties kafka = new Properties();
      kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      AppSettings settings = new AppSettings(kafka, "webhooks-" + UUID.randomUUID(), stateDir, "127.0.0.1", 0, true);
      WebhookSettings webhooks = new WebhookSettings("127.0.0.1", 0, SECRET, null, "breaking-change", Map.of());
      try (PmPulseApp app = new PmPulseApp(settings, webhooks, null)) {
        app.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
        URI endpoint = app.webhooks().endpoint("github");

        List<GitHubReplay.Result> results = new GitHubReplay(SECRET).replay(deliveries, endpoint);
        assertThat(results).hasSize(11).allMatch(GitHubReplay.Result::accepted);
        assertThat(results.get(5).body()).as("the redelivery").contains("duplicate");

        // A delivery for another PR signed with the wrong secret: refused, nothing written.
        GitHubReplay.Delivery forged = new GitHubReplay.Delivery("forged",
            Map.of("X-GitHub-Event", "pull_request", "X-GitHub-Delivery", "x1"),
            Json.write(example("pull_request.opened.json", "acme/streams", 103, "maya-lin", "maya-lin"))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(new GitHubReplay(WebhookSecret.of("not the secret")).post(forged, endpoint).status()).isEqualTo(401);

        // Expected, per team (business hours, see saveDeliveries):
        //   streams: #101 2 h, #102 3 h → mean 9000 s, both within 4 h → ratio 1.0
        //   connect: #7 5 h → 18000 s, ratio 0.0
        //   all: (7200 + 10800 + 18000) / 3 = 12000 s, ratio 2/3
        Map<String, ReviewLatencyKpi> latest = new HashMap<>();
        try (KafkaConsumer<String, ReviewLatencyKpi> consumer = consumer(broker, Topics.REVIEW_LATENCY_KPI)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
            ReviewLatencyKpi all = latest.get(ReviewLatencyKpi.ALL_TEAMS);
            return all != null && all.last7Days().count() == 3;
          });
        }
        assertThat(latest.get("streams").last7Days().count()).isEqualTo(2);
        assertThat(latest.get("streams").last7Days().meanSeconds()).isEqualTo(9000);
        assertThat(latest.get("streams").last7Days().withinTargetRatio()).isEqualTo(1.0);
        assertThat(latest.get("connect").last7Days().count()).isEqualTo(1);
        assertThat(latest.get("connect").last7Days().meanSeconds()).isEqualTo(18000);
        assertThat(latest.get("connect").last7Days().withinTargetRatio()).isEqualTo(0.0);
        assertThat(latest.get("all").last7Days().meanSeconds()).isEqualTo(12000);
        assertThat(latest.get("all").last7Days().withinTargetRatio()).isEqualTo(2.0 / 3);

        // The merge with the breaking label: one breaking change of streams-api this quarter.
        try (KafkaConsumer<String, ApiStabilityKpi> consumer = consumer(broker, Topics.API_STABILITY_KPI)) {
          Map<String, ApiStabilityKpi> quarters = new HashMap<>();
          await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> quarters.put(r.key(), r.value()));
            return quarters.containsKey("2026-Q4");
          });
          assertThat(quarters.get("2026-Q4").total().breaking()).isEqualTo(1);
          assertThat(quarters.get("2026-Q4").surfaces().get("streams-api").breaking()).isEqualTo(1);
        }

        // On the topic: the 10 distinct deliveries once each (the redelivery was not written),
        // nothing of the forged PR.
        Map<String, Integer> prEvents = TopicContents.read(broker.bootstrapServers(), List.of(Topics.PR_EVENTS.name()), true);
        assertThat(TopicContents.total(prEvents)).isEqualTo(10);
        assertThat(prEvents.keySet()).filteredOn(r -> r.contains("\"eventId\":\"github:b4\"")).hasSize(1);
        assertThat(prEvents.values()).containsOnly(1);
        assertThat(prEvents.keySet()).noneMatch(r -> r.contains("acme/streams#103"));

        String metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
        assertThat(metrics)
            .contains("pmpulse_webhook_deliveries_total{outcome=\"written\",source=\"github\"} 10.0")
            .contains("pmpulse_webhook_deliveries_total{outcome=\"duplicate\",source=\"github\"} 1.0")
            .contains("pmpulse_webhook_deliveries_total{outcome=\"bad-signature\",source=\"github\"} 1.0")
            .contains("pmpulse_accepted_records_total{topic=\"pmpulse.pr-events\"} 10.0");
      }
    }
  }

  private static <K, V> KafkaConsumer<K, V> consumer(EmbeddedKafkaBroker broker, Topic<K, V> topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "webhook-e2e-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
