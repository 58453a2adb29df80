package dev.pmpulse.reliability;

import static org.awaitility.Awaitility.await;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario on its own embedded broker (KRaft, in this JVM) with the registry's topics, running
 * the streams app as child processes that are always stopped, even when the scenario fails.
 */
abstract class BrokerScenario {
  static final List<String> INPUTS =
      List.of(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(), Topics.LATENCY_SAMPLES.name(),
          Topics.DELIVERY_SAMPLES.name(), Topics.ROLLOUT_EVENTS.name());

  static EmbeddedKafkaBroker broker;
  static Admin admin;

  @TempDir Path stateDirs;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new EmbeddedKafkaBroker(0).start();
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    Topics.createMissing(admin);
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** The streams app in its own JVM, logging to {@code <reliability.out>/<applicationId>.log}. */
  StreamsProcess startApp(String applicationId, List<String> jvmOptions) {
    return StreamsProcess.start(broker.bootstrapServers(), applicationId, stateDirs.resolve(applicationId),
        ResultsTable.outputDir().resolve(applicationId + ".log"), jvmOptions);
  }

  /** Where each output topic ends now: the next run's output begins there. */
  static Map<TopicPartition, Long> outputEnds() {
    return CommittedOutput.endOffsets(broker.bootstrapServers(), CommittedOutput.outputNames());
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
