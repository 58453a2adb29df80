package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.ProducerCheckpoint;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A restarted producer goes on from its previous run's last checkpoint (the broker-backed version
 * of this is {@code ProducerRestartTest} in the demo module); a failed transaction is sent again.
 */
class WorkloadProducerResumeTest {
  private static final Instant START = Instant.parse("2026-03-09T00:00:00Z");
  private static final Duration AWAIT = Duration.ofSeconds(20);
  private final ProducerSettings settings = new ProducerSettings(new Properties(), 3600, START, 1, 42, 1.0, "127.0.0.1", 0);
  private final List<WorkloadProducer> producers = new ArrayList<>();

  @AfterEach
  void close() {
    producers.forEach(WorkloadProducer::close);
  }

  private WorkloadProducer start(TestClock wall, MockProducer<String, Object> kafka, Optional<ProducerCheckpoint> resume) {
    WorkloadProducer p = new WorkloadProducer(settings, wall, props -> kafka, (props, run) -> resume);
    producers.add(p);
    p.start();
    return p;
  }

  /** A mock Kafka whose next commit fails once when asked, counting the aborts. */
  private static final class FailingOnce extends MockProducer<String, Object> {
    final AtomicBoolean failNextCommit = new AtomicBoolean();
    final AtomicInteger aborts = new AtomicInteger();

    FailingOnce() {
      super(true, null, ProducerTopics.keySerializer(), ProducerTopics.valueSerializer());
    }

    @Override
    public synchronized void commitTransaction() {
      if (failNextCommit.getAndSet(false)) {
        throw new TimeoutException("the broker did not answer in time");
      }
      super.commitTransaction();
    }

    @Override
    public synchronized void abortTransaction() {
      aborts.incrementAndGet();
      super.abortTransaction();
    }
  }

  private static MockProducer<String, Object> kafka() {
    return new MockProducer<>(true, null, ProducerTopics.keySerializer(), ProducerTopics.valueSerializer());
  }

  private static List<Object> events(MockProducer<String, Object> kafka) {
    return kafka.history().stream()
        .filter(r -> !r.topic().equals(Topics.PRODUCER_PROGRESS.name()))
        .map(ProducerRecord::value)
        .toList();
  }

  private static ProducerCheckpoint lastCheckpoint(MockProducer<String, Object> kafka) {
    List<ProducerRecord<String, Object>> checkpoints = kafka.history().stream()
        .filter(r -> r.topic().equals(Topics.PRODUCER_PROGRESS.name()))
        .toList();
    return (ProducerCheckpoint) checkpoints.get(checkpoints.size() - 1).value();
  }

  @Test
  void aRestartResumesTheClockAndTheScenariosAtTheCheckpointAndSendsNothingTwice() throws Exception {
    TestClock wall = new TestClock(Instant.parse("2026-05-06T12:00:00Z"));
    MockProducer<String, Object> first = kafka();
    WorkloadProducer run1 = start(wall, first, Optional.empty());
    await().atMost(AWAIT).until(run1::isLive);
    wall.advance(Duration.ofSeconds(3)); // three simulated hours
    Instant switchAt = START.plus(Duration.ofHours(3));
    await().atMost(AWAIT).until(() -> run1.simulatedNow().equals(switchAt));
    run1.switchScenario(Scenario.ESCALATION_STORM, AWAIT);
    wall.advance(Duration.ofSeconds(2));
    Instant stoppedAt = switchAt.plus(Duration.ofHours(2));
    await().atMost(AWAIT).until(() -> run1.simulatedNow().equals(stoppedAt));
    run1.close();

    ProducerCheckpoint checkpoint = lastCheckpoint(first);
    assertThat(checkpoint.upTo()).isEqualTo(stoppedAt); // close commits what was sent
    assertThat(checkpoint.run()).isEqualTo(settings.runId());
    assertThat(checkpoint.switches())
        .containsExactly(new ProducerCheckpoint.ScenarioSwitch("escalation-storm", switchAt));
    assertThat(checkpoint.events()).isEqualTo(events(first).size());

    // A day of wall time later the producer starts again with the same settings.
    wall.advance(Duration.ofDays(1));
    MockProducer<String, Object> second = kafka();
    WorkloadProducer run2 = start(wall, second, Optional.of(checkpoint));
    await().atMost(AWAIT).until(run2::isLive);
    assertThat(run2.resumedFrom()).isEqualTo(stoppedAt);
    assertThat(run2.simulatedNow()).isEqualTo(stoppedAt); // not start + a day of wall time at 3600x
    assertThat(run2.scenario()).isEqualTo(new ScenarioState(Scenario.ESCALATION_STORM, switchAt));
    wall.advance(Duration.ofSeconds(4));
    Instant end = stoppedAt.plus(Duration.ofHours(4));
    await().atMost(AWAIT).until(() -> run2.committedUpTo().equals(end));

    Workload expected = new Workload(TeamRoster.defaults(), 42, 1.0, settings.effectiveSamplesPerMinute(),
        START.minus(Duration.ofDays(1)), START);
    List<Object> all = new ArrayList<>(expected.emissionsUntil(switchAt).stream().map(Emission::value).toList());
    expected.switchScenario(Scenario.ESCALATION_STORM);
    all.addAll(expected.emissionsUntil(end).stream().map(Emission::value).toList());
    List<Object> sent = new ArrayList<>(events(first));
    sent.addAll(events(second));
    assertThat(sent).hasSize(all.size()).isEqualTo(all);
    assertThat(events(second)).isNotEmpty();
  }

  @Test
  void aFailedTransactionIsAbortedAndItsEventsAreSentAgainFromTheLastCheckpoint() {
    TestClock wall = new TestClock(Instant.parse("2026-05-06T12:00:00Z"));
    FailingOnce kafka = new FailingOnce();
    WorkloadProducer producer = start(wall, kafka, Optional.empty());
    await().atMost(AWAIT).until(() -> producer.isLive() && producer.committedUpTo().equals(START));

    // The next commit fails once. The producer aborts and at once opens the next transaction, so
    // the mock's own "aborted" flag is too brief to poll: count the aborts instead.
    kafka.failNextCommit.set(true);
    wall.advance(Duration.ofSeconds(2));
    await().atMost(AWAIT).until(() -> kafka.aborts.get() == 1);
    wall.advance(Duration.ofSeconds(1));
    Instant end = START.plus(Duration.ofHours(3));
    await().atMost(AWAIT).until(() -> producer.committedUpTo().equals(end));

    List<Object> expected = new Workload(TeamRoster.defaults(), 42, 1.0, settings.effectiveSamplesPerMinute(),
        START.minus(Duration.ofDays(1)), START).emissionsUntil(end).stream().<Object>map(Emission::value).toList();
    assertThat(events(kafka)).isEqualTo(expected);
  }
}
