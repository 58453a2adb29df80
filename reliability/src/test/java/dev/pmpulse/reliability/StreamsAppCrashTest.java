package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, item 1: the streams app, a JVM of its own, is SIGKILLed three times in the middle of a
 * fixed-seed workload, restarted each time, and left to finish. What it committed must equal what
 * an uninterrupted run wrote for the same input: nothing lost, nothing counted twice.
 *
 * <p>The workload is written completely before either run starts, so both runs read the same log;
 * they run one after the other with their own application.id (own consumer group, state and
 * transactional ids) and are told apart on the shared output topics by the offsets at which each
 * began.
 */
@FaultScenario
class StreamsAppCrashTest extends BrokerScenario {
  private static final Logger log = LoggerFactory.getLogger(StreamsAppCrashTest.class);
  private static final int DAYS = 2;
  /**
   * Input past the last midnight: the daily report writes a day once every steady KPI has reported
   * on a later one, so the workload's last day is written only if the input goes on a little.
   */
  private static final Duration PAST_LAST_MIDNIGHT = Duration.ofHours(2);
  private static final int SAMPLES_PER_MINUTE = 1;
  private static final int BAD_EVERY = 2_000;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

  /**
   * Where to kill. Each restarted app must first commit something of its own (so the transaction
   * its killed predecessor left open has been aborted by fencing), then have committed {@code
   * minShareCommitted} of the input, then hold a transaction open on {@code openTransactionOn}:
   * records written there and not yet committed. It is SIGKILLed the moment the broker shows that.
   */
  private record KillPoint(String name, double minShareCommitted, List<String> openTransactionOn) {}

  private static final List<KillPoint> KILL_POINTS =
      List.of(
          new KillPoint("mid-stream, KPI output transaction open", 0.15, CommittedOutput.outputNames()),
          new KillPoint("first transactions after restoring state, KPI output transaction open", 0,
              CommittedOutput.outputNames()),
          new KillPoint("while stream-time punctuations emit (hourly reports of every team and severity, "
              + "end-of-day update), their transaction not committed", 0,
              List.of(Topics.REVIEW_LATENCY_KPI.name(), Topics.ESCALATION_RESOLUTION_KPI.name(), Topics.DAILY_UPDATES.name())));

  @Test
  void appKilledThreeTimesEndsWithTheOutputOfAnUninterruptedRun() throws Exception {
    // Recent simulated days: the topics' 7-day time retention would delete older records.
    Instant origin = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    FixedWorkload workload = new FixedWorkload(42, origin, Duration.ofDays(DAYS).plus(PAST_LAST_MIDNIGHT), SAMPLES_PER_MINUTE, BAD_EVERY);
    FixedWorkload.Produced input = workload.produce(broker.bootstrapServers());
    Map<TopicPartition, Long> inputEnds = CommittedOutput.endOffsets(broker.bootstrapServers(), INPUTS);
    long inputTotal = inputEnds.values().stream().mapToLong(Long::longValue).sum();
    assertThat(inputTotal).isEqualTo(input.total());
    log.info("Workload: {} records ({} not JSON) over {} simulated days and {} h", inputTotal, input.badTotal(), DAYS,
        PAST_LAST_MIDNIGHT.toHours());

    Map<TopicPartition, Long> from = freshOutputs();
    long began = System.nanoTime();
    try (StreamsProcess app = startApp("crash-uninterrupted", List.of())) {
      awaitDone(app, new GroupProgress(admin, "crash-uninterrupted"), inputEnds, RUN_TIMEOUT);
    }
    Duration uninterruptedTook = Duration.ofNanos(System.nanoTime() - began);
    CommittedOutput uninterrupted = CommittedOutput.read(broker.bootstrapServers(), from);

    from = freshOutputs();
    GroupProgress progress = new GroupProgress(admin, "crash-killed");
    List<String> kills = new ArrayList<>();
    began = System.nanoTime();
    StreamsProcess app = null;
    try {
      long committedAtKill = -1;
      for (KillPoint point : KILL_POINTS) {
        app = startApp("crash-killed", List.of());
        StreamsProcess running = app;
        long predecessor = committedAtKill;
        long[] open = {0};
        await("kill point: " + point.name())
            .atMost(RUN_TIMEOUT)
            .pollInterval(Duration.ofMillis(10))
            .until(whileAlive(running, () -> {
              if (progress.committedEverywhere() <= predecessor
                  || progress.committed(INPUTS) < point.minShareCommitted() * inputTotal) {
                return false;
              }
              open[0] = progress.uncommitted(point.openTransactionOn());
              return open[0] > 0;
            }));
        app.kill();
        committedAtKill = progress.committedEverywhere();
        long committed = progress.committed(INPUTS);
        kills.add(String.format("%s (%.0f%% of the input committed, %d records uncommitted on %s)",
            point.name(), 100.0 * committed / inputTotal, open[0],
            point.openTransactionOn().size() < 4 ? String.join(", ", point.openTransactionOn()) : "the output topics"));
        log.info("SIGKILL: {}", kills.get(kills.size() - 1));
      }
      app = startApp("crash-killed", List.of());
      awaitDone(app, progress, inputEnds, RUN_TIMEOUT);
    } finally {
      if (app != null) {
        app.close();
      }
    }
    Duration killedTook = Duration.ofNanos(System.nanoTime() - began);
    CommittedOutput killed = CommittedOutput.read(broker.bootstrapServers(), from);

    List<String> diffs = killed.differencesFrom(uninterrupted);
    diffs.forEach(d -> log.warn("Output difference: {}", d));
    int keys = uninterrupted.finalByKey().values().stream().mapToInt(Map::size).sum();
    boolean passed = diffs.isEmpty() && killed.deadLetters().size() == input.badTotal();
    ResultsTable.record(
        "1. streams app SIGKILLed",
        String.format("%d input records (%d not JSON, seed 42, %d simulated days and %d h) written first; the app (own JVM) "
            + "SIGKILLed 3 times, restarted each time: %s", inputTotal, input.badTotal(), DAYS, PAST_LAST_MIDNIGHT.toHours(), String.join("; ", kills)),
        "output topics read_committed vs an uninterrupted run on the same input, every field: final value of every "
            + "key of the KPI, open-escalation and SLO-violation topics (review, escalation and API-stability KPIs: "
            + "also that it is the key's latest report, after restatements of an earlier day); the whole per-key sequence of the "
            + "publish-latency, SLO-violation and delivery topics; dead letters by source offset, each exactly once; "
            + "rollout decisions: final verdict per flag, each stage decided at most once; daily updates: final "
            + "update of every day",
        String.format("%s: %d keys over %d output topics, %d vs %d committed output records (uninterrupted vs killed), "
            + "%d dead letters; %d differences. KPI reports restating an earlier day's end after a late input: %d "
            + "and %d (uninterrupted, killed). Daily updates: %d days, written again after a late input %d and %d "
            + "times. Uninterrupted run %d s, killed run %d s",
            passed ? "pass" : "FAIL", keys, uninterrupted.finalByKey().size(), uninterrupted.records(), killed.records(),
            killed.deadLetters().size(), diffs.size(), uninterrupted.restatementCount(), killed.restatementCount(),
            uninterrupted.finalByKey().get(Topics.DAILY_UPDATES.name()).size(),
            uninterrupted.dailyUpdateCorrections(), killed.dailyUpdateCorrections(),
            uninterruptedTook.toSeconds(),
            killedTook.toSeconds()));

    assertThat(uninterrupted.deadLetters()).hasSize((int) input.badTotal());
    assertThat(uninterrupted.deadLettersBySource()).isEqualTo(input.bad());
    for (String topic : List.of(Topics.REVIEW_LATENCY_KPI.name(), Topics.ESCALATION_RESOLUTION_KPI.name(),
        Topics.PUBLISH_LATENCY_KPI.name(), Topics.DELIVERY_KPI.name(), Topics.DAILY_UPDATES.name())) {
      assertThat(uninterrupted.finalByKey().get(topic)).as("the uninterrupted run's %s", topic).isNotEmpty();
    }
    assertThat(diffs).as("how the killed run's committed output differs from the uninterrupted run's").isEmpty();
  }
}
