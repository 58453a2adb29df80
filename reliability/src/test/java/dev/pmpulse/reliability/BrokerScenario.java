package dev.pmpulse.reliability;

import static org.awaitility.Awaitility.await;

import dev.pmpulse.demo.testing.EmbeddedBroker;
import dev.pmpulse.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario on its own embedded broker (KRaft, in this JVM) with the registry's topics, running
 * the streams app as child processes that are always stopped, even when the scenario fails.
 */
abstract class BrokerScenario {
  static final List<String> INPUTS =
      List.of(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(), Topics.LATENCY_SAMPLES.name(),
          Topics.DELIVERY_SAMPLES.name(), Topics.ROLLOUT_EVENTS.name());

  @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();
  static Admin admin;

  @TempDir Path stateDirs;

  @BeforeAll
  static void startBroker() throws Exception {
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    Topics.createMissing(admin);
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
  }

  /** The streams app in its own JVM, logging to {@code <reliability.out>/<applicationId>.log}. */
  StreamsProcess startApp(String applicationId, List<String> jvmOptions) {
    return StreamsProcess.start(broker.bootstrapServers(), applicationId, stateDirs.resolve(applicationId),
        ResultsTable.outputDir().resolve(applicationId + ".log"), jvmOptions);
  }

  /**
   * Deletes the output topics and creates them again, empty; returns where each begins (0). Call
   * before each run: the streams app reads its KPI topics back (its views, the daily report) from
   * the beginning under a new application id, so a run on topics holding an earlier run's output
   * would take that output as input too, and could be rescued by it. Read an earlier run's output
   * before.
   */
  static Map<TopicPartition, Long> freshOutputs() throws Exception {
    List<String> outputs = CommittedOutput.outputNames();
    admin.deleteTopics(outputs).all().get();
    await("output topics deleted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> admin.listTopics().names().get().stream().noneMatch(outputs::contains));
    await("output topics created again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> {
          Topics.createMissing(admin);
          return admin.describeTopics(outputs).allTopicNames().get().size() == outputs.size();
        });
    Map<TopicPartition, Long> from = CommittedOutput.endOffsets(broker.bootstrapServers(), outputs);
    if (from.values().stream().anyMatch(offset -> offset != 0)) {
      throw new IllegalStateException("output topics not empty after being created again: " + from);
    }
    return from;
  }

  /**
   * Until the app has committed all of the input and read everything it writes back, and the daily
   * report has written again, and committed, every day a late input corrected (it does so once a
   * second, not with the input that corrected it).
   */
  static void awaitDone(StreamsProcess app, GroupProgress progress, Map<TopicPartition, Long> inputEnds, Duration timeout) {
    await("streams app " + app.pid() + " done with the input")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(whileAlive(app, () -> progress.isDone(inputEnds)
            && AppMetrics.value(app.httpPort(), "pmpulse_daily_report_rewrites_pending") == 0));
  }

  /** The condition, failing at once if the app died on its own (its log says why). */
  static Callable<Boolean> whileAlive(StreamsProcess app, Callable<Boolean> condition) {
    return () -> {
      if (!app.isAlive()) {
        throw new IllegalStateException("the streams app exited on its own; see " + app.log());
      }
      return condition.call();
    };
  }
}
