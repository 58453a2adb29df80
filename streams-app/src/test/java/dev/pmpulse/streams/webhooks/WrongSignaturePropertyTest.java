package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the body, a delivery whose signature is wrong writes nothing and is answered 401: on
 * both endpoints, for real payloads, mangled ones and random bytes, with signatures that are
 * missing, malformed, of another body, by another secret or in another header's format.
 *
 * <p>Seeded property test with hand-written generators over {@link SplittableRandom} (as {@code
 * HostileInputPropertyTest}): each of 50 fixed seeds makes 20 deliveries. A failure names its seed;
 * {@code -Dpmpulse.webhook.seeds=7} (comma-separated) runs just those.
 */
class WrongSignaturePropertyTest {
  private static final String SEEDS_PROPERTY = "pmpulse.webhook.seeds";
  private static final List<String> REAL_BODIES = List.of(
      "github/pull_request.opened.json", "github/pull_request_review.submitted.approved.derived.json",
      "github/pull_request.closed.merged.derived.json", "pagerduty/incident.triggered.derived.json",
      "pagerduty/incident.resolved.derived.json");

  static LongStream seeds() {
    String chosen = System.getProperty(SEEDS_PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      return Arrays.stream(chosen.split(",")).mapToLong(s -> Long.parseLong(s.strip()));
    }
    return LongStream.range(0, 50);
  }

  private static byte[] body(SplittableRandom rng) {
    byte[] real = Fixtures.bytes(REAL_BODIES.get(rng.nextInt(REAL_BODIES.size())));
    return switch (rng.nextInt(5)) {
      case 0 -> real;
      case 1 -> { // one byte changed
        byte[] b = real.clone();
        b[rng.nextInt(b.length)] ^= (byte) (1 + rng.nextInt(255));
        yield b;
      }
      case 2 -> Arrays.copyOf(real, rng.nextInt(real.length)); // truncated
      case 3 -> { // random bytes
        byte[] b = new byte[rng.nextInt(2000)];
        rng.nextBytes(b);
        yield b;
      }
      default -> "{}".getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A hex signature that is not the right one for {@code body}. */
  private static String wrongHex(SplittableRandom rng, byte[] body, WebhookSecret right) {
    return switch (rng.nextInt(5)) {
      case 0 -> { // random 32 bytes
        byte[] b = new byte[32];
        rng.nextBytes(b);
        yield HexFormat.of().formatHex(b);
      }
      case 1 -> WebhookSecret.of("not-the-secret-" + rng.nextInt(1000)).sign(body); // another secret
      case 2 -> right.sign(Arrays.copyOf(body, body.length + 1)); // another body
      case 3 -> { // the right one with one digit changed
        char[] hex = right.sign(body).toCharArray();
        int i = rng.nextInt(hex.length);
        hex[i] = hex[i] == '0' ? '1' : '0';
        yield new String(hex);
      }
      default -> right.sign(body).substring(0, 1 + rng.nextInt(63)); // cut short
    };
  }

  /** Headers with everything a delivery has but a right signature. */
  private static Map<String, String> githubHeaders(SplittableRandom rng, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-GitHub-Event", rng.nextBoolean() ? "pull_request" : "pull_request_review");
    h.put("X-GitHub-Delivery", "d-" + rng.nextInt(1_000_000));
    String hex = wrongHex(rng, body, Fixtures.GITHUB_SECRET);
    switch (rng.nextInt(4)) {
      case 0 -> h.put("X-Hub-Signature-256", "sha256=" + hex);
      case 1 -> h.put("X-Hub-Signature", "sha1=" + Fixtures.GITHUB_SECRET.sign(body)); // legacy header only
      case 2 -> h.put("X-Hub-Signature-256", "v1=" + Fixtures.GITHUB_SECRET.sign(body)); // PagerDuty's format
      default -> { } // none
    }
    return h;
  }

  private static Map<String, String> pagerDutyHeaders(SplittableRandom rng, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Webhook-Id", "w-" + rng.nextInt(1_000_000));
    List<String> entries = new ArrayList<>();
    for (int i = 0, n = rng.nextInt(4); i < n; i++) {
      entries.add((rng.nextInt(4) == 0 ? "v2=" + Fixtures.PAGERDUTY_SECRET.sign(body) : "v1=" + wrongHex(rng, body, Fixtures.PAGERDUTY_SECRET)));
    }
    switch (rng.nextInt(3)) {
      case 0 -> h.put("X-PagerDuty-Signature", String.join(",", entries));
      case 1 -> h.put("X-Hub-Signature-256", "sha256=" + Fixtures.PAGERDUTY_SECRET.sign(body)); // GitHub's header
      default -> { } // none
    }
    return h;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aWrongSignatureWritesNothing(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    WebhookWriter writer = new WebhookWriter(kafka, Duration.ofSeconds(4));
    WebhookReceiver github = new WebhookReceiver(
        new GitHubWebhook(Fixtures.GITHUB_SECRET, new RepositoryTeamMap(Map.of()), "breaking-change", repo -> {}),
        writer, new WebhookMetrics(meters, "github"), meters);
    WebhookReceiver pagerDuty = new WebhookReceiver(
        new PagerDutyWebhook(Fixtures.PAGERDUTY_SECRET), writer, new WebhookMetrics(meters, "pagerduty"), meters);

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] body = body(rng);
      boolean toGitHub = rng.nextBoolean();
      Function<SplittableRandom, Map<String, String>> headers =
          toGitHub ? r -> githubHeaders(r, body) : r -> pagerDutyHeaders(r, body);
      Map<String, String> h = headers.apply(rng);
      sent.add((toGitHub ? "github " : "pagerduty ") + h + " body " + body.length + " bytes");
      WebhookReceiver.Answer answer = (toGitHub ? github : pagerDuty).receive(new WebhookRequest(h, body));
      assertThat(answer.status()).as("seed %d, delivery %d: %s", seed, i, sent.get(i)).isEqualTo(401);
    }
    assertThat(kafka.history()).as("seed %d wrote; deliveries: %s", seed, sent).isEmpty();
    assertThat(meters.find("pmpulse.webhook.deliveries").tag("outcome", "bad-signature").counters().stream()
        .mapToDouble(c -> c.count()).sum()).isEqualTo(20);
  }
}
