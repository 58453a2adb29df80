package dev.pmpulse.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.events.ProducerCheckpoint;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.TeamRoster;
import dev.pmpulse.producer.Workload;
import dev.pmpulse.producer.WorkloadProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, producer restart: stopped (gracefully, or killed mid-transaction in its own JVM) and
 * started again with the same settings, the producer goes on from where it stopped, and the input
 * topics read with {@code read_committed} hold every event of the run exactly once.
 */
class ProducerRestartTest {
  /**
   * Recent, so the broker's retention (7 days by default, by record timestamp) deletes none of the
   * records the test counts: with a start months ago it deleted whole segments 30 s after start.
   */
  private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
  private static final List<String> INPUTS =
      List.of(Topics.PR_EVENTS, Topics.ESCALATION_EVENTS, Topics.LATENCY_SAMPLES, Topics.DELIVERY_SAMPLES,
              Topics.ROLLOUT_EVENTS).stream().map(Topic::name).toList();
  private static final Duration AWAIT = Duration.ofSeconds(90);

  private EmbeddedKafkaBroker broker;
  private Process child;

  @BeforeEach
  void startBroker() throws Exception {
    broker = new EmbeddedKafkaBroker(0).start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Topics.createMissing(admin);
    }
  }

  @AfterEach
  void stop() {
    if (child != null) {
      child.destroyForcibly();
    }
    broker.close();
  }

  private ProducerSettings settings(long seed, int backfillDays, double rateMultiplier) {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", broker.bootstrapServers());
    return new ProducerSettings(kafka, 3600, START, backfillDays, seed, rateMultiplier, "127.0.0.1", 0);
  }

  @Test
  @SuppressWarnings("try") // closed inside its block on purpose: the test is about what close leaves
  void aStoppedProducerStartedAgainGoesOnFromWhereItStopped() {
    ProducerSettings settings = settings(11, 1, 1.0);
    Instant stoppedAt;
    try (WorkloadProducer first = new WorkloadProducer(settings)) {
      first.start();
      await().atMost(AWAIT).until(() -> first.isLive() && first.committedUpTo().isAfter(START.plus(Duration.ofHours(1))));
      first.close();
      stoppedAt = first.committedUpTo();
      assertThat(first.simulatedNow()).isEqualTo(stoppedAt); // close commits everything it sent
    }
    long wallStopped = System.nanoTime();

    Instant end;
    try (WorkloadProducer second = new WorkloadProducer(settings)) {
      second.start();
      await().atMost(AWAIT).until(second::isLive);
      long wallLive = System.nanoTime();
      Instant firstLive = second.simulatedNow();
      assertThat(second.resumedFrom()).isEqualTo(stoppedAt);
      // Live time goes on from the checkpoint, not from start + the wall time since the first start.
      assertThat(second.simulatedNow()).isAfterOrEqualTo(stoppedAt);
      await().atMost(AWAIT).until(() -> second.committedUpTo().isAfter(stoppedAt.plus(Duration.ofHours(2))));
      second.close();
      end = second.committedUpTo();
      System.out.printf("[faults] graceful restart: stopped at simulated %s; started again %d ms later, live from "
              + "simulated %s (resumedFrom %s); stopped at %s%n",
          stoppedAt, (wallLive - wallStopped) / 1_000_000, firstLive, second.resumedFrom(), end);
    }
    assertExactlyOnce(settings, end);
  }

  @Test
  @SuppressWarnings("try") // closed inside its block on purpose: the test is about what close leaves
  void aProducerKilledMidTransactionAndStartedAgainLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
    // A hundred times the PRs: the backfill (PRs, escalations, rollouts) lasts long enough to be killed in.
    ProducerSettings settings = settings(12, 3, 100);
    Path output = Path.of("target", "producer-killed.log"); // kept for a look after a failure
    child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp", System.getProperty("java.class.path"),
            "dev.pmpulse.producer.ProducerMain",
            "--bootstrap-servers", broker.bootstrapServers(),
            "--start", START.toString(),
            "--backfill-days", "3",
            "--seed", "12",
            "--speed", "3600",
            "--rate-multiplier", "100",
            "--http-port", "0")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    // Kill it once it has committed some of the backfill while a transaction is open: a partition's
    // last stable offset (what read_committed sees) is then behind its high watermark.
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      List<TopicPartition> partitions = new ArrayList<>();
      admin.describeTopics(INPUTS).allTopicNames().get().forEach((name, d) ->
          d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
      await().atMost(AWAIT).pollInterval(Duration.ofMillis(5))
          .until(() -> {
            assertThat(child.isAlive()).as("producer exited early:%n%s", Files.readString(output)).isTrue();
            Map<TopicPartition, Long> stable = ends(admin, partitions, IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, Long> written = ends(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
            long committed = stable.values().stream().mapToLong(Long::longValue).sum();
            return committed > 1000 && partitions.stream().anyMatch(p -> stable.get(p) < written.get(p));
          });
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no close
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    ProducerCheckpoint atKill = checkpoint(settings.runId()).orElseThrow();
    assertThat(atKill.upTo()).as("killed during the backfill").isBefore(START);
    int committedAtKill = TopicContents.total(TopicContents.read(broker.bootstrapServers(), INPUTS, true));
    assertThat(committedAtKill).isEqualTo(atKill.events());

    Instant end;
    try (WorkloadProducer restarted = new WorkloadProducer(settings)) {
      restarted.start();
      await().atMost(AWAIT).until(() -> restarted.isLive() && restarted.committedUpTo().isAfter(START.plus(Duration.ofHours(1))));
      assertThat(restarted.resumedFrom()).isEqualTo(atKill.upTo());
      restarted.close();
      end = restarted.committedUpTo();
    }
    Map<String, Integer> everything = TopicContents.read(broker.bootstrapServers(), INPUTS, false);
    Map<String, Integer> committed = assertExactlyOnce(settings, end);
    System.out.printf("[faults] kill -9 mid-backfill: killed at checkpoint %s (%d events committed); records in the log: %d, "
            + "of them in aborted transactions (invisible to read_committed): %d; resumed from %s, stopped at %s with %d "
            + "events, each once%n",
        atKill.upTo(), atKill.events(), TopicContents.total(everything),
        TopicContents.total(everything) - TopicContents.total(committed), atKill.upTo(), end,
        TopicContents.total(committed));
  }

  /** The input topics, read committed, hold exactly the run's events up to {@code end}, each once. */
  private Map<String, Integer> assertExactlyOnce(ProducerSettings settings, Instant end) {
    Workload expected = new Workload(TeamRoster.defaults(), settings.seed(), settings.rateMultiplier(),
        settings.effectiveSamplesPerMinute(), START.minus(Duration.ofDays(settings.backfillDays())), START);
    Map<String, Integer> want = TopicContents.expected(expected.emissionsUntil(end));
    assertThat(TopicContents.logStartOffsets(broker.bootstrapServers(), INPUTS)).as("log start offsets").allMatch(o -> o == 0);
    Map<String, Integer> got = TopicContents.read(broker.bootstrapServers(), INPUTS, true);
    assertThat(TopicContents.duplicates(got)).as("records on the topics more than once").isEmpty();
    List<String> missing = TopicContents.missing(got, want);
    if (!missing.isEmpty()) {
      Map<String, Integer> inLog = TopicContents.read(broker.bootstrapServers(), INPUTS, false);
      System.out.printf("[faults] missing from read_committed: %s; of them in the log (read_uncommitted): %s%n",
          missing, missing.stream().filter(inLog::containsKey).toList());
    }
    assertThat(missing).as("records missing").isEmpty();
    assertThat(TopicContents.missing(want, got)).as("records nobody expected").isEmpty();
    assertThat(TopicContents.total(got)).isEqualTo(TopicContents.total(want));
    return got;
  }

  private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions, IsolationLevel level)
      throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    admin.listOffsets(latest, new ListOffsetsOptions(level)).all().get().forEach((p, info) -> ends.put(p, info.offset()));
    return ends;
  }

  private Optional<ProducerCheckpoint> checkpoint(String run) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    TopicPartition tp = new TopicPartition(Topics.PRODUCER_PROGRESS.name(), 0);
    ProducerCheckpoint last = null;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (run.equals(r.key()) && r.offset() < end) {
            last = Topics.PRODUCER_PROGRESS.valueSerde().deserializer().deserialize(tp.topic(), r.value());
          }
        }
      }
    }
    return Optional.ofNullable(last);
  }
}
