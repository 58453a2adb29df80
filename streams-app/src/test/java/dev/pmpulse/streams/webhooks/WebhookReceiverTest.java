package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** From request to answer and to what is written, with Kafka a MockProducer. */
class WebhookReceiverTest {
  private final MockProducer<byte[], byte[]> kafka =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final WebhookReceiver github = new WebhookReceiver(
      new GitHubWebhook(Fixtures.GITHUB_SECRET, new RepositoryTeamMap(Map.of()), "breaking-change", repo -> {}),
      new WebhookWriter(kafka, Duration.ofSeconds(4)), new WebhookMetrics(meters, "github"), meters);

  private double deliveries(String outcome) {
    return meters.counter("pmpulse.webhook.deliveries", "source", "github", "outcome", outcome).count();
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aSignedDeliveryIsWrittenKeyedAndTimedLikeTheSimulatorsAndAnsweredOnceAcknowledged() {
    WebhookReceiver.Answer answer = github.receive(Fixtures.github("pull_request_review.submitted.approved.derived.json", "d-1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("\"outcome\":\"written\"");
    assertThat(kafka.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> r = kafka.history().get(0);
    assertThat(r.topic()).isEqualTo("pmpulse.pr-events");
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("Codertocat/Hello-World#2");
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2019-05-15T15:20:38Z").toEpochMilli());
    PrEvent e = Topics.PR_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    assertThat(e.eventId()).isEqualTo("github:d-1");
    assertThat(e.reviewState()).isEqualTo(PrEvent.ReviewState.APPROVED);
    assertThat(header(r, "pmpulse.webhook.source")).isEqualTo("github");
    assertThat(header(r, "pmpulse.webhook.delivery")).isEqualTo("d-1");
    assertThat(deliveries("written")).isEqualTo(1);
  }

  @Test
  void aRedeliveryIsAnsweredWithoutWritingAgain() {
    assertThat(github.receive(Fixtures.github("pull_request.opened.json", "d-1")).status()).isEqualTo(200);
    WebhookReceiver.Answer again = github.receive(Fixtures.github("pull_request.opened.json", "d-1"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("duplicate");
    assertThat(github.receive(Fixtures.github("pull_request.opened.json", "d-2")).status()).as("another delivery").isEqualTo(200);
    assertThat(kafka.history()).hasSize(2);
    assertThat(deliveries("duplicate")).isEqualTo(1);
  }

  @Test
  void aWrongOrMissingSignatureIs401AndWritesNothing() {
    byte[] body = Fixtures.bytes("github/pull_request.opened.json");
    Map<String, String> headers = new HashMap<>(Fixtures.github("pull_request", "d-1", body).headers());
    headers.put("x-hub-signature-256", "sha256=" + WebhookSecret.of("another secret").sign(body));
    assertThat(github.receive(new WebhookRequest(headers, body)).status()).isEqualTo(401);
    headers.remove("x-hub-signature-256");
    assertThat(github.receive(new WebhookRequest(headers, body)).status()).isEqualTo(401);
    assertThat(kafka.history()).isEmpty();
    assertThat(deliveries("bad-signature")).isEqualTo(2);
  }

  @Test
  void malformedJsonWithAValidSignatureIsDeadLetteredRawWithItsDeliveryAndReason() {
    byte[] body = "{\"action\":\"opened\",".getBytes(StandardCharsets.UTF_8);
    WebhookReceiver.Answer answer = github.receive(Fixtures.github("pull_request", "d-7", body));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body()).contains("dead-lettered").contains("unparseable");
    assertThat(kafka.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> r = kafka.history().get(0);
    assertThat(r.topic()).isEqualTo(Topics.DEAD_LETTER.name());
    assertThat(r.value()).isEqualTo(body);
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("d-7");
    assertThat(header(r, "pmpulse.reason")).isEqualTo("unparseable");
    assertThat(header(r, "pmpulse.reason.detail")).isEqualTo("not valid JSON");
    assertThat(header(r, "pmpulse.webhook.delivery")).isEqualTo("d-7");
    assertThat(meters.counter("pmpulse.dead.letter.records", "topic", "pmpulse.pr-events", "reason", "unparseable").count())
        .isEqualTo(1);
  }

  @Test
  void eventsNotMeasuredAre202CountedByNameAndNotWritten() {
    byte[] zen = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(github.receive(Fixtures.github("ping", "d-1", zen)).status()).isEqualTo(202);
    assertThat(github.receive(Fixtures.github("pull_request.labeled.json", "d-2")).status()).isEqualTo(202);
    assertThat(github.receive(Fixtures.github("pull_request.labeled.json", "d-2")).status()).as("counted once").isEqualTo(200);
    assertThat(kafka.history()).isEmpty();
    assertThat(meters.counter("pmpulse.webhook.ignored", "source", "github", "event", "ping").count()).isEqualTo(1);
    assertThat(meters.counter("pmpulse.webhook.ignored", "source", "github", "event", "pull_request.labeled").count())
        .isEqualTo(1);
  }

  @Test
  void aSignedRequestWithoutDeliveryOrEventHeaderIs400() {
    byte[] body = Fixtures.bytes("github/pull_request.opened.json");
    Map<String, String> headers = new HashMap<>(Fixtures.github("pull_request", "d-1", body).headers());
    headers.remove("x-github-delivery");
    assertThat(github.receive(new WebhookRequest(headers, body)).status()).isEqualTo(400);
    assertThat(kafka.history()).isEmpty();
  }

  @Test
  void aWriteKafkaDoesNotAcknowledgeIs503AndTheRetryIsWritten() {
    kafka.sendException = new TimeoutException("no broker");
    WebhookReceiver.Answer answer = github.receive(Fixtures.github("pull_request.opened.json", "d-1"));
    assertThat(answer.status()).isEqualTo(503);
    assertThat(deliveries("failed")).isEqualTo(1);

    kafka.sendException = null;
    assertThat(github.receive(Fixtures.github("pull_request.opened.json", "d-1")).status()).as("not a duplicate").isEqualTo(200);
    assertThat(kafka.history()).hasSize(1);
  }

  @Test
  void pagerDutyIncidentsAreWrittenAndTheirRedeliveriesAreNot() {
    WebhookReceiver pagerDuty = new WebhookReceiver(new PagerDutyWebhook(Fixtures.PAGERDUTY_SECRET),
        new WebhookWriter(kafka, Duration.ofSeconds(4)), new WebhookMetrics(meters, "pagerduty"), meters);
    byte[] triggered = Fixtures.bytes("pagerduty/incident.triggered.derived.json");
    assertThat(pagerDuty.receive(Fixtures.pagerDuty("w-1", triggered)).status()).isEqualTo(200);
    assertThat(pagerDuty.receive(Fixtures.pagerDuty("w-1", triggered)).status()).isEqualTo(200);
    assertThat(pagerDuty.receive(Fixtures.pagerDuty("w-2", Fixtures.bytes("pagerduty/incident.acknowledged.derived.json")))
        .status()).isEqualTo(202);
    assertThat(kafka.history()).hasSize(1);
    assertThat(kafka.history().get(0).topic()).isEqualTo("pmpulse.escalation-events");
    assertThat(new String(kafka.history().get(0).key(), StandardCharsets.UTF_8)).isEqualTo("PGR0VU2");
    assertThat(meters.counter("pmpulse.webhook.ignored", "source", "pagerduty", "event", "incident.acknowledged").count())
        .isEqualTo(1);
  }
}
