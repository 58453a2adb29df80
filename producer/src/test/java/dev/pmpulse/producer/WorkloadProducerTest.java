package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The producer end to end but without a broker: Kafka is a {@link MockProducer}, the wall clock is moved by hand. */
class WorkloadProducerTest {
  private static final Instant START = Instant.parse("2026-03-09T00:00:00Z");
  private static final Duration AWAIT = Duration.ofSeconds(10);

  private final TestClock wall = new TestClock(Instant.parse("2026-05-06T12:00:00Z"));
  private final MockProducer<String, Object> kafka =
      new MockProducer<>(true, null, ProducerTopics.keySerializer(), ProducerTopics.valueSerializer());
  private final HttpClient http = HttpClient.newHttpClient();
  private final ProducerSettings settings =
      new ProducerSettings(new Properties(), 3600, START, 2, 42, 1.0, "127.0.0.1", 0);
  private WorkloadProducer producer;

  @AfterEach
  void closeProducer() {
    if (producer != null) {
      producer.close();
    }
  }

  @Test
  void backfillsThenFollowsTheWallClockWithSimulatedTimestamps() {
    producer = new WorkloadProducer(settings, wall, props -> kafka);
    producer.start();

    // The wall clock stands still, so the producer sends the two backfill days and then waits.
    await().atMost(AWAIT).until(() -> producer.isLive() && producer.committedUpTo().equals(START));
    List<Emission<?>> backfill =
        new Workload(TeamRoster.defaults(), 42, 1.0, settings.effectiveSamplesPerMinute(), START.minus(Duration.ofDays(2)), START)
            .emissionsUntil(START);
    assertThat(backfill).hasSizeGreaterThan(50);
    assertThat(backfill).anyMatch(e -> e.topic().equals(Topics.PR_EVENTS));
    assertThat(backfill).anyMatch(e -> e.topic().equals(Topics.ESCALATION_EVENTS));
    assertThat(backfill).anyMatch(e -> e.topic().equals(Topics.ROLLOUT_EVENTS));
    // Samples start live: the backfill holds the history of PRs, escalations and rollouts only.
    assertThat(backfill).noneMatch(e -> e.topic().equals(Topics.LATENCY_SAMPLES) || e.topic().equals(Topics.DELIVERY_SAMPLES));
    assertThat(sent()).map(ProducerRecord::value).isEqualTo(backfill.stream().map(Emission::value).toList());
    assertThat(sent()).map(ProducerRecord::topic)
        .isEqualTo(backfill.stream().map(e -> e.topic().name()).toList());
    assertThat(producer.eventsSent()).isEqualTo(backfill.size());

    wall.advance(Duration.ofSeconds(10)); // ten simulated hours of a Monday
    Instant tenHoursIn = START.plus(Duration.ofHours(10));
    await().atMost(AWAIT).until(() -> !producer.committedUpTo().isBefore(tenHoursIn));
    List<ProducerRecord<String, Object>> sent = sent();
    assertThat(sent).hasSizeGreaterThan(backfill.size());
    assertThat(sent).allSatisfy(r -> {
      if (r.value() instanceof PrEvent pr) {
        assertThat(r.topic()).isEqualTo(Topics.PR_EVENTS.name());
        assertThat(r.key()).isEqualTo(pr.key());
        assertThat(r.timestamp()).isEqualTo(pr.at().toEpochMilli());
      } else if (r.value() instanceof EscalationEvent escalation) {
        assertThat(r.topic()).isEqualTo(Topics.ESCALATION_EVENTS.name());
        assertThat(r.key()).isEqualTo(escalation.id());
        assertThat(r.timestamp()).isEqualTo(escalation.at().toEpochMilli());
      } else if (r.value() instanceof LatencySample sample) {
        assertThat(r.topic()).isEqualTo(Topics.LATENCY_SAMPLES.name());
        assertThat(r.key()).isEqualTo(sample.cluster());
        assertThat(r.timestamp()).isEqualTo(sample.at().toEpochMilli());
      } else if (r.value() instanceof DeliverySample sample) {
        assertThat(r.topic()).isEqualTo(Topics.DELIVERY_SAMPLES.name());
        assertThat(r.key()).isEqualTo(sample.cluster());
        assertThat(r.timestamp()).isEqualTo(sample.intervalEnd().toEpochMilli());
      } else if (r.value() instanceof RolloutEvent rollout) {
        assertThat(r.topic()).isEqualTo(Topics.ROLLOUT_EVENTS.name());
        assertThat(r.key()).isEqualTo(rollout.flag());
        assertThat(r.timestamp()).isEqualTo(rollout.at().toEpochMilli());
      } else {
        throw new AssertionError("unexpected record " + r);
      }
      assertThat(r.timestamp()).isLessThanOrEqualTo(tenHoursIn.toEpochMilli());
    });
    assertThat(sent).map(ProducerRecord::timestamp).isSorted();
  }

  @Test
  void aPauseCommitsWhatWasSentAndResumesFromTheSameSimulatedInstant() throws Exception {
    producer = new WorkloadProducer(settings, wall, props -> kafka);
    producer.start();
    await().atMost(AWAIT).until(() -> producer.isLive());
    wall.advance(Duration.ofSeconds(2)); // two simulated hours, sent and not yet committed
    await().atMost(AWAIT).until(() -> !producer.simulatedNow().isBefore(START.plus(Duration.ofHours(2))));
    producer.pause();
    Instant pausedAt = producer.simulatedNow();
    // Committed within a commit interval of wall time, which the pump measures on its own clock.
    await().atMost(AWAIT).until(() -> producer.isPausedAndCommitted());
    assertThat(kafka.uncommittedRecords()).isEmpty();
    int sentWhilePaused = sent().size();
    assertThat(get("/health").body()).contains("\"paused\":true");

    wall.advance(Duration.ofSeconds(20)); // twenty simulated hours, had it not been paused
    assertThat(producer.simulatedNow()).isEqualTo(pausedAt);
    assertThat(sent()).hasSize(sentWhilePaused);

    producer.resume();
    assertThat(producer.isPausedAndCommitted()).isFalse();
    wall.advance(Duration.ofSeconds(1));
    Instant anHourLater = pausedAt.plus(Duration.ofHours(1));
    await().atMost(AWAIT).until(() -> producer.committedUpTo().equals(anHourLater));
    assertThat(sent()).hasSizeGreaterThan(sentWhilePaused)
        .allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(anHourLater.toEpochMilli()));
  }

  @Test
  void servesMetricsAndHealth() throws Exception {
    producer = new WorkloadProducer(settings, wall, props -> kafka);
    producer.start();
    await().atMost(AWAIT).until(() -> producer.simulatedNow().equals(START));
    // One wall second: the first live simulated hour, where the samples begin. The wall clock then
    // stands still, so the counts below do not move while they are compared.
    wall.advance(Duration.ofSeconds(1));
    Instant oneHourIn = START.plus(Duration.ofHours(1));
    await().atMost(AWAIT).until(() -> producer.committedUpTo().equals(oneHourIn));
    assertThat(producer.httpPort()).isPositive();

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    long opened = sent().stream()
        .filter(r -> r.value() instanceof PrEvent pr && pr.type() == PrEvent.Type.OPENED).count();
    long escalationsOpened = sent().stream()
        .filter(r -> r.value() instanceof EscalationEvent e && e.type() == EscalationEvent.Type.OPENED).count();
    assertThat(escalationsOpened).isPositive();
    long latencySamples = sent().stream().filter(r -> r.value() instanceof LatencySample).count();
    long deliverySamples = sent().stream().filter(r -> r.value() instanceof DeliverySample).count();
    // One live hour of three clusters: 16 latency samples a minute each at speed 3600, one delivery
    // sample a minute each (60 or 61 minutes, as the hour's last instant is a minute's start).
    assertThat(latencySamples).isBetween(60L * 3 * 16, 61L * 3 * 16);
    assertThat(deliverySamples).isBetween(60L * 3, 61L * 3);
    assertThat(metrics.body())
        .contains("pmpulse_producer_events_total{topic=\"pmpulse.pr-events\",type=\"opened\"} " + opened + ".0")
        .contains("pmpulse_producer_events_total{topic=\"pmpulse.pr-events\",type=\"merged\"}")
        .contains("pmpulse_producer_events_total{topic=\"pmpulse.escalation-events\",type=\"opened\"} "
            + escalationsOpened + ".0")
        .contains("pmpulse_producer_events_total{topic=\"pmpulse.escalation-events\",type=\"reopened\"}")
        .contains("pmpulse_producer_send_errors_total{topic=\"pmpulse.escalation-events\"} 0.0")
        .contains("pmpulse_producer_events_total{topic=\"pmpulse.latency-samples\",type=\"latency_sample\"} "
            + latencySamples + ".0")
        .contains("pmpulse_producer_events_total{topic=\"pmpulse.delivery-samples\",type=\"delivery_sample\"} "
            + deliverySamples + ".0");
    assertThat(metrics.body().lines()
            .filter(l -> l.startsWith("pmpulse_producer_simulated_time_seconds "))
            .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))))
        .containsExactly((double) oneHourIn.getEpochSecond());

    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"phase\":\"live\"", "\"eventsSent\":" + producer.eventsSent());

    HttpResponse<String> post = http.send(
        HttpRequest.newBuilder(uri("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void aRunTimeSwitchAppliesAtTheSimulatedFrontierAndShowsInMetrics() throws Exception {
    producer = new WorkloadProducer(settings.withBackfillDays(0), wall, props -> kafka);
    producer.start();
    await().atMost(AWAIT).until(producer::isLive); // the wall clock counts from then on
    wall.advance(Duration.ofSeconds(5));
    Instant fiveHoursIn = START.plus(Duration.ofHours(5));
    await().atMost(AWAIT).until(() -> producer.simulatedNow().equals(fiveHoursIn));

    HttpResponse<String> post = http.send(
        HttpRequest.newBuilder(uri("/scenarios/escalation-storm")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.body()).contains("\"scenario\":\"escalation-storm\"", "\"since\":\"" + fiveHoursIn + "\"");
    assertThat(producer.scenario()).isEqualTo(new ScenarioState(Scenario.ESCALATION_STORM, fiveHoursIn));

    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("pmpulse_producer_scenario_switches_total{scenario=\"escalation-storm\"} 1.0")
        .contains("pmpulse_producer_scenario_switches_total{scenario=\"steady\"} 0.0")
        .contains("pmpulse_producer_scenario_active{scenario=\"escalation-storm\"} 1.0")
        .contains("pmpulse_producer_scenario_active{scenario=\"steady\"} 0.0");
    assertThat(get("/health").body()).contains("\"scenario\":\"escalation-storm\"");

    // What Kafka got is the workload with the switch at that instant.
    wall.advance(Duration.ofSeconds(24));
    Instant dayLater = fiveHoursIn.plus(Duration.ofHours(24));
    await().atMost(AWAIT).until(() -> !producer.committedUpTo().isBefore(dayLater));
    Workload expected = new Workload(TeamRoster.defaults(), 42, 1.0, settings.effectiveSamplesPerMinute(), START);
    List<Emission<?>> emissions = new java.util.ArrayList<>(expected.emissionsUntil(fiveHoursIn));
    expected.switchScenario(Scenario.ESCALATION_STORM);
    emissions.addAll(expected.emissionsUntil(dayLater));
    assertThat(sent().subList(0, emissions.size())).map(ProducerRecord::value)
        .isEqualTo(emissions.stream().map(Emission::value).toList());
  }

  @Test
  void theStartScenarioAppliesFromStartAfterASteadyBackfill() {
    producer = new WorkloadProducer(settings.withScenario(Scenario.REVIEW_BACKLOG), wall, props -> kafka);
    producer.start();
    await().atMost(AWAIT).until(() -> producer.scenario().scenario() == Scenario.REVIEW_BACKLOG);
    assertThat(producer.scenario().since()).isEqualTo(START);
  }

  @Test
  void closeStopsEverythingWithinAFewSeconds() throws Exception {
    producer = new WorkloadProducer(settings.withBackfillDays(0), wall, props -> kafka);
    producer.start();
    int port = producer.httpPort();
    await().atMost(AWAIT).until(producer::isRunning);

    long began = System.nanoTime();
    producer.close();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    assertThat(producer.isRunning()).isFalse();
    assertThat(kafka.closed()).isTrue();
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(producer::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void bindsKafkaClientMetricsAndClosesPromptlyWhenNoBrokerAnswers() throws Exception {
    Properties unreachable = new Properties();
    unreachable.put("bootstrap.servers", "127.0.0.1:1"); // nothing listens on port 1
    producer = new WorkloadProducer(
        new ProducerSettings(unreachable, 3600, START, 0, 42, 1.0, "127.0.0.1", 0), wall);
    producer.start();
    assertThat(get("/metrics").body()).contains("kafka_producer_");

    // Events fall due, but the producer is blocked on Kafka (initializing its transactions, then
    // sending) and close() must still be quick.
    wall.advance(Duration.ofSeconds(20));
    await().atMost(AWAIT).until(producer::isRunning);
    long began = System.nanoTime();
    producer.close();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(8));
    assertThat(producer.isRunning()).isFalse();
    assertThat(producer.eventsSent()).isZero();
  }

  @Test
  void idempotenceAndAcksAllCannotBeTurnedOffOtherDefaultsCan() {
    Properties user = new Properties();
    user.put("acks", "1");
    user.put("enable.idempotence", "false");
    user.put("linger.ms", "5");
    user.put("security.protocol", "SASL_SSL");
    Properties effective = WorkloadProducer.effectiveKafkaProperties(user);
    assertThat(effective)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "5")
        .containsEntry("compression.type", "lz4")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  /** What the transactions committed, without their checkpoints. */
  private List<ProducerRecord<String, Object>> sent() {
    return kafka.history().stream().filter(r -> !r.topic().equals(Topics.PRODUCER_PROGRESS.name())).toList();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + producer.httpPort() + path);
  }
}
