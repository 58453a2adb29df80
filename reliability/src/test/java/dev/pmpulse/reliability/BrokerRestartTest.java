package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.WorkloadProducer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, item 2: the broker is stopped and restarted (same port, same log directories) while the
 * workload producer and the streams app run; neither is touched. Afterwards every input record is
 * either counted or dead-lettered, once.
 *
 * <p>"Counted" is measured on a second, uninterrupted app (own application.id) run over the same
 * input once it is complete: its accepted counter is exact because nothing happened to it, and the
 * restarted run's committed output must equal its output. The restarted run's own counter is
 * reported beside it: metrics are not transactional, so records reprocessed after an aborted
 * transaction count there twice, while the topics hold them once.
 */
@FaultScenario
class BrokerRestartTest extends BrokerScenario {
  private static final Logger log = LoggerFactory.getLogger(BrokerRestartTest.class);
  /** How long the broker stays down: the fault injected, not a wait for anything. */
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  /** Events the producer must get acknowledged after the restart before it is stopped. */
  private static final long EVENTS_AFTER_RESTART = 3_000;
  private static final int BAD_PER_TOPIC = 3;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> BAD_TARGETS = List.of(Topics.PR_EVENTS.name(), Topics.LATENCY_SAMPLES.name());

  @Test
  void producerAndAppRideOutABrokerRestartAndEveryInputIsCountedOrDeadLettered() throws Exception {
    String bootstrap = broker.bootstrapServers();
    ProducerSettings settings =
        ProducerSettings.defaults(ClientSettings.load(bootstrap, null, Map.of()))
            .withHttp("127.0.0.1", 0)
            .withSeed(7)
            .withSpeed(1800)
            .withStart(LocalDate.now(ZoneOffset.UTC).minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant())
            .withSamples(2000, 200);
    Map<TopicPartition, Long> from = freshOutputs();
    GroupProgress progress = new GroupProgress(admin, "broker-restart");
    Map<String, Long> bad = new TreeMap<>();
    StreamsProcess app = startApp("broker-restart", List.of());
    WorkloadProducer producer = new WorkloadProducer(settings);
    Duration producerRecovery;
    Duration appRecovery;
    long sentBeforeStop;
    Map<String, Long> acceptedByRestarted;
    Map<TopicPartition, Long> inputEnds;
    try {
      producer.start();
      await("the app commits input").atMost(TIMEOUT).until(whileAlive(app, () -> progress.committed(INPUTS) > 0));
      sendBad(bootstrap, producer.simulatedNow(), bad);

      sentBeforeStop = producer.eventsSent();
      long committedBeforeStop = progress.committed(INPUTS);
      log.info("Stopping the broker: {} events sent, {} input offsets committed", sentBeforeStop, committedBeforeStop);
      broker.stop();
      Thread.sleep(OUTAGE.toMillis());
      long sentWhileDown = producer.eventsSent();
      broker.restart();
      Instant restarted = Instant.now();
      await("producer acknowledged again").atMost(TIMEOUT).until(() -> producer.eventsSent() > sentWhileDown);
      producerRecovery = Duration.between(restarted, Instant.now());
      await("app commits again").atMost(TIMEOUT).until(whileAlive(app, () -> progress.committed(INPUTS) > committedBeforeStop));
      appRecovery = Duration.between(restarted, Instant.now());
      log.info("Broker back: producer acknowledged after {} ms, app committed after {} ms",
          producerRecovery.toMillis(), appRecovery.toMillis());
      sendBad(bootstrap, producer.simulatedNow(), bad);
      await("producer runs on after the restart")
          .atMost(TIMEOUT)
          .until(() -> producer.eventsSent() > sentWhileDown + EVENTS_AFTER_RESTART);
      assertThat(producer.isRunning()).as("producer still running").isTrue();
      producer.close();

      inputEnds = CommittedOutput.endOffsets(bootstrap, INPUTS);
      awaitDone(app, progress, inputEnds, TIMEOUT);
      acceptedByRestarted = AppMetrics.perTopic(app.httpPort(), "pmpulse_accepted_records_total");
    } finally {
      producer.close();
      app.close();
    }
    CommittedOutput restartedOut = CommittedOutput.read(bootstrap, from);

    // The same input, complete now, through an app nothing happens to.
    from = freshOutputs();
    Map<String, Long> accepted;
    try (StreamsProcess reference = startApp("broker-restart-reference", List.of())) {
      awaitDone(reference, new GroupProgress(admin, "broker-restart-reference"), inputEnds, TIMEOUT);
      accepted = AppMetrics.perTopic(reference.httpPort(), "pmpulse_accepted_records_total");
    }
    CommittedOutput referenceOut = CommittedOutput.read(bootstrap, from);

    Map<String, Long> input = CommittedOutput.committedRecords(bootstrap, INPUTS);
    Map<String, Long> deadLettered = restartedOut.deadLettersBySource();
    Map<String, Long> countedPlusDead = new TreeMap<>();
    for (String topic : INPUTS) {
      countedPlusDead.put(topic, accepted.getOrDefault(topic, 0L) + deadLettered.getOrDefault(topic, 0L));
    }
    List<String> diffs = restartedOut.differencesFrom(referenceOut);
    diffs.forEach(d -> log.warn("Output difference: {}", d));
    long inputTotal = input.values().stream().mapToLong(Long::longValue).sum();
    long acceptedTotal = accepted.values().stream().mapToLong(Long::longValue).sum();
    long acceptedByRestartedTotal = acceptedByRestarted.values().stream().mapToLong(Long::longValue).sum();
    boolean passed = countedPlusDead.equals(input) && deadLettered.equals(bad) && diffs.isEmpty();
    ResultsTable.record(
        "2. broker restarted",
        String.format("broker stopped for %d s and restarted (same port and log dirs) while the producer (in-process, "
            + "live, seed 7) and the streams app (own JVM) ran; %d non-JSON records written around the restart",
            OUTAGE.toSeconds(), bad.values().stream().mapToLong(Long::longValue).sum()),
        "no hand on either; per input topic: records (read_committed) = counted + dead-lettered, counted by an "
            + "uninterrupted app on the same input, dead letters of the restarted app by source offset, each once; "
            + "the restarted app's committed output equals the uninterrupted app's (same rules as scenario 1)",
        String.format("%s: producer acknowledged again %.1f s and app committed again %.1f s after the restart; input "
            + "%d = counted %d + dead-lettered %d; %d output differences; KPI reports restating an earlier day's end "
            + "%d, daily updates written again after a late input %d. (The restarted app's own accepted counter: "
            + "%d, i.e. %d records reprocessed after aborted transactions, not in the topics twice.)",
            passed ? "pass" : "FAIL", producerRecovery.toMillis() / 1000.0, appRecovery.toMillis() / 1000.0, inputTotal,
            acceptedTotal, deadLettered.values().stream().mapToLong(Long::longValue).sum(), diffs.size(),
            restartedOut.restatementCount(), restartedOut.dailyUpdateCorrections(),
            acceptedByRestartedTotal, acceptedByRestartedTotal - acceptedTotal));

    assertThat(countedPlusDead).as("counted + dead-lettered per input topic").isEqualTo(input);
    assertThat(deadLettered).as("dead letters of the restarted app per source topic").isEqualTo(bad);
    assertThat(diffs).as("how the restarted app's committed output differs from the uninterrupted app's").isEmpty();
  }

  /**
   * One non-JSON record to each of {@link #BAD_TARGETS}, {@link #BAD_PER_TOPIC} times, stamped with
   * the producer's simulated time: a record's timestamp moves stream time even when its value is
   * garbage, and a wall-clock stamp (days ahead of the simulated clock) would fire every stream-time
   * punctuation at once.
   */
  private static void sendBad(String bootstrap, Instant at, Map<String, Long> bad) throws Exception {
    Map<String, Object> config =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String topic : BAD_TARGETS) {
        for (int i = 0; i < BAD_PER_TOPIC; i++) {
          producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), null, FixedWorkload.NOT_JSON)).get();
          bad.merge(topic, 1L, Long::sum);
        }
      }
    }
  }
}
