package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubReplayTest {
  @TempDir Path dir;

  private void save(String name, String headers, byte[] body) throws Exception {
    Files.writeString(dir.resolve(name + ".headers"), headers);
    Files.write(dir.resolve(name + ".json"), body);
  }

  @Test
  void readsHeadersAsGitHubShowsThemAndKeepsTheBodyByteForByte() throws Exception {
    byte[] body = Fixtures.bytes("github/pull_request.opened.json");
    save("01-opened", """
        # saved from Recent Deliveries
        > X-GitHub-Event: pull_request
        X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958
        X-Hub-Signature-256: sha256=d57c68ca6f92289e6987922ff26938930f6e66a2d161ef06abdf1859230aa23c
        Host: example.com
        User-Agent: GitHub-Hookshot/044aadd
        """, body);
    List<GitHubReplay.Delivery> deliveries = GitHubReplay.read(dir);
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).name()).isEqualTo("01-opened");
    assertThat(deliveries.get(0).body()).isEqualTo(body);
    assertThat(deliveries.get(0).headers()).containsExactly(
        Map.entry("X-GitHub-Event", "pull_request"),
        Map.entry("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
        Map.entry("User-Agent", "GitHub-Hookshot/044aadd"));
  }

  @Test
  void aFolderThatIsNotOneOfDeliveriesIsRefusedNamingTheFile() throws Exception {
    assertThatThrownBy(() -> GitHubReplay.read(dir)).hasMessageContaining("holds no delivery");
    Files.writeString(dir.resolve("a.json"), "{}");
    assertThatThrownBy(() -> GitHubReplay.read(dir)).hasMessageContaining("a.json has no headers file a.headers");
    Files.writeString(dir.resolve("a.headers"), "X-GitHub-Event: ping\n");
    assertThatThrownBy(() -> GitHubReplay.read(dir)).hasMessageContaining("a.headers lacks the header X-GitHub-Delivery");
    Files.delete(dir.resolve("a.json"));
    assertThatThrownBy(() -> GitHubReplay.read(dir)).hasMessageContaining("a.headers has no body file a.json");
    assertThatThrownBy(() -> GitHubReplay.read(dir.resolve("nope"))).hasMessageContaining("no such folder");
  }

  @Test
  void postsEachDeliveryInNameOrderSignedWithTheSecret() throws Exception {
    save("02-approved", "X-GitHub-Event: pull_request_review\nX-GitHub-Delivery: d-2\n",
        Fixtures.bytes("github/pull_request_review.submitted.approved.derived.json"));
    save("01-requested", "X-GitHub-Event: pull_request\nX-GitHub-Delivery: d-1\n",
        Fixtures.bytes("github/pull_request.review_requested.json"));
    MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    WebhookSettings settings = new WebhookSettings("127.0.0.1", 0, Fixtures.GITHUB_SECRET, null, "breaking-change", Map.of());
    try (WebhookServer server = new WebhookServer(settings, kafka, new SimpleMeterRegistry())) {
      server.start();
      List<GitHubReplay.Result> results = new GitHubReplay(Fixtures.GITHUB_SECRET).replay(dir, server.endpoint("github"));
      assertThat(results).extracting(GitHubReplay.Result::name, GitHubReplay.Result::status)
          .containsExactly(tuple("01-requested", 200), tuple("02-approved", 200));

      List<GitHubReplay.Result> unsigned = new GitHubReplay(WebhookSecret.of("wrong")).replay(dir, server.endpoint("github"));
      assertThat(unsigned).extracting(GitHubReplay.Result::status).containsOnly(401);
    }
    assertThat(kafka.history()).extracting(r -> Topics.PR_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .extracting(PrEvent::type, PrEvent::eventId)
        .containsExactly(tuple(PrEvent.Type.REVIEW_REQUESTED, "github:d-1"),
            tuple(PrEvent.Type.REVIEW_SUBMITTED, "github:d-2"));
  }
}
