package dev.pmpulse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.producer.WorkloadProducer;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.inspect.StateHistory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The demo's live faults, each a short drill that shows what Kafka does about it:
 *
 * <ul>
 *   <li><b>crash</b>: the producer is paused until the app has read and committed everything and the
 *       KPI views stand still; every KPI value is read (over {@code /api/kpis}, as the dashboard
 *       reads them); every stream thread dies with its transaction open ({@link CrashableClients});
 *       the app replaces them and comes back RUNNING; once it has caught up the KPIs are read again
 *       and compared value by value; the producer goes on.
 *   <li><b>broker restart</b> (the embedded broker only): stopped and started again on the same port
 *       and log directory, while the app and the producer keep running; the app's state changes are
 *       shown until it runs every task again and the KPIs move on.
 *   <li><b>bad record</b>: a record the intake rejects is sent to {@code pmpulse.pr-events} and
 *       found on the dead-letter topic with its reason headers.
 * </ul>
 *
 * One runs at a time. Steps go to a {@link FaultReport}, which the fault endpoint and the console show.
 */
final class FaultDrills {
  enum Fault {
    CRASH("crash", "Crash every stream thread"),
    BROKER_RESTART("broker-restart", "Restart the broker"),
    BAD_RECORD("bad-record", "Send a bad record");

    final String name;
    final String title;

    Fault(String name, String title) {
      this.name = name;
      this.title = title;
    }

    static Optional<Fault> named(String name) {
      for (Fault f : values()) {
        if (f.name.equals(name)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  /** What the drills act on: the running demo's parts. */
  record Demo(
      PmPulseApp app,
      WorkloadProducer producer,
      EmbeddedKafkaBroker broker,
      Admin admin,
      Properties kafka,
      CrashableClients clients,
      String applicationId) {}

  private static final Duration QUIET_WITHIN = Duration.ofSeconds(90);
  private static final Duration CRASH_WITHIN = Duration.ofSeconds(15);
  private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(90);
  /** How long the broker stays away: long enough for the clients to notice. */
  private static final Duration BROKER_AWAY = Duration.ofSeconds(5);
  /** Polls of the conditions the drills wait for, so they follow the app closely. */
  private static final Duration POLL = Duration.ofMillis(250);
  /** The views stand still when this many polls in a row, with lag 0, read the same values. */
  private static final int STILL_POLLS = 4;

  private final Demo demo;
  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final AtomicReference<FaultReport> running = new AtomicReference<>();
  private volatile FaultReport last;

  private final BadRecordDrill badRecord;

  FaultDrills(Demo demo) {
    this.demo = demo;
    this.badRecord = new BadRecordDrill(demo.producer(), demo.kafka());
  }

  boolean brokerRestartAvailable() {
    return demo.broker() != null;
  }

  /** The fault running now, or null. */
  FaultReport running() {
    return running.get();
  }

  /** The fault running now, else the last one; null before the first. */
  FaultReport latest() {
    FaultReport now = running.get();
    return now != null ? now : last;
  }

  /**
   * Runs {@code fault} on this thread, unless another runs.
   *
   * @param echo gets every step's text as it happens
   * @return the report, finished; empty if another fault was running
   */
  Optional<FaultReport> run(Fault fault, Consumer<String> echo) throws InterruptedException {
    FaultReport report = new FaultReport(fault.name, fault.title, clock, echo);
    if (!running.compareAndSet(null, report)) {
      return Optional.empty();
    }
    boolean ok = false;
    try {
      ok = switch (fault) {
        case CRASH -> crash(report);
        case BROKER_RESTART -> restartBroker(report);
        case BAD_RECORD -> badRecord.send(report);
      };
    } catch (RuntimeException | IOException | ExecutionException e) {
      report.failed("Stopped: " + e);
    } finally {
      report.finish(ok);
      last = report;
      running.set(null);
    }
    return Optional.of(report);
  }

  // ---- crash ------------------------------------------------------------------------------------

  private boolean crash(FaultReport report) throws InterruptedException, IOException {
    report.step("Pausing the producer: simulated time stops, its open transaction is committed");
    demo.producer().pause();
    try {
      if (!await(demo.producer()::isPausedAndCommitted, QUIET_WITHIN)) {
        report.failed("The producer did not commit its last transaction in time");
        return false;
      }
      report.step("Waiting until the app has read and committed everything (lag 0) and the KPI views stand still");
      JsonNode before = quietKpis();
      if (before == null) {
        report.failed("The app did not catch up within " + QUIET_WITHIN.toSeconds() + " s");
        return false;
      }
      int tasks = activeTasks();
      report.done("Before: " + KpiComparison.values(before) + " KPI values in " + before.size() + " views; "
          + tasks + " tasks on " + liveThreads() + " stream threads");

      long replacedBefore = demo.app().threadsReplaced();
      int historyBefore = demo.app().stateHistory().changes().size();
      int crashing = demo.clients().crashStreamThreads();
      Instant crashAt = clock.instant();
      report.step("Crashing " + crashing + " stream threads: each dies at its next poll with its transaction open");
      if (!await(() -> demo.app().threadsReplaced() >= replacedBefore + crashing, CRASH_WITHIN)) {
        report.failed("The stream threads did not fail within " + CRASH_WITHIN.toSeconds() + " s");
        return false;
      }
      report.step("The uncaught-exception handler replaced them (REPLACE_THREAD); their open transactions are aborted."
          + " The new threads get the partitions once the dead members leave the group (session.timeout.ms)");
      if (!await(() -> recovered(tasks), RECOVERY_WITHIN)) {
        report.failed("Not RUNNING with all " + tasks + " tasks within " + RECOVERY_WITHIN.toSeconds() + " s");
        return false;
      }
      double recovery = seconds(crashAt);
      stateChangesSince(historyBefore).forEach(report::step);
      report.done(String.format(Locale.ROOT, "RUNNING again with all %d tasks %.1f s after the crash", tasks, recovery));

      report.step("Waiting for lag 0 again: the new threads restore the state stores from their changelogs and "
          + "process again what the aborted transactions held");
      JsonNode after = quietKpis();
      if (after == null) {
        report.failed("The app did not catch up within " + QUIET_WITHIN.toSeconds() + " s");
        return false;
      }
      report.snapshots(before, after);
      FaultReport.Comparison comparison = KpiComparison.of(before, after, recovery);
      report.comparison(comparison);
      if (comparison.equal()) {
        report.done(comparison.verdict());
      } else {
        report.failed(comparison.verdict());
      }
      return comparison.equal();
    } finally {
      demo.producer().resume();
      report.step("Producer resumed from the same simulated instant");
    }
  }

  /** The KPI views once lag is 0 and {@link #STILL_POLLS} reads in a row agree; null if not in time. */
  private JsonNode quietKpis() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + QUIET_WITHIN.toNanos();
    JsonNode previous = null;
    int still = 0;
    while (System.nanoTime() < deadline) {
      OptionalLong lag = ConsumerLag.of(demo.admin(), demo.applicationId(), 2_000);
      JsonNode views = lag.isPresent() && lag.getAsLong() == 0 ? kpis() : null;
      if (views != null && views.equals(previous)) {
        if (++still >= STILL_POLLS) {
          return views;
        }
      } else {
        still = 1;
      }
      previous = views;
      Thread.sleep(POLL.toMillis()); // between polls of a real condition, not instead of one
    }
    return null;
  }

  /** Every KPI view as {@code /api/kpis} answers, when every partition answered; else null. */
  JsonNode kpis() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.app().httpPort() + "/api/kpis"))
        .timeout(Duration.ofSeconds(5))
        .header("Accept", "application/json")
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
    if (response.statusCode() != 200) {
      return null;
    }
    JsonNode body = Json.MAPPER.readTree(response.body());
    return body.path("complete").asBoolean(false) ? body.get("views") : null;
  }

  // ---- broker restart ---------------------------------------------------------------------------

  private boolean restartBroker(FaultReport report) throws InterruptedException {
    EmbeddedKafkaBroker broker = demo.broker();
    if (broker == null) {
      report.failed("Only the demo's own broker can be restarted; this demo uses a cluster of yours");
      return false;
    }
    int tasks = activeTasks();
    int history = demo.app().stateHistory().changes().size();
    Instant began = clock.instant();
    report.step("Stopping the broker (a clean shutdown; its log directory stays)");
    broker.stop();
    report.done(String.format(Locale.ROOT, "Broker stopped in %.1f s. The app's and the producer's clients retry; "
        + "this page's topic panel cannot ask anyone", seconds(began)));
    Thread.sleep(BROKER_AWAY.toMillis()); // the broker stays away this long on purpose, for the clients to notice
    Instant restarting = clock.instant();
    report.step("Starting the broker again on the same port and log directory");
    broker.restart();
    report.done(String.format(Locale.ROOT, "Broker ready in %.1f s, with every topic, offset and transaction it had",
        seconds(restarting)));
    long processed = demo.app().recordsProcessed();
    if (!await(() -> recovered(tasks) && demo.app().recordsProcessed() > processed, RECOVERY_WITHIN)) {
      stateChangesSince(history).forEach(report::step);
      report.failed("Not RUNNING with all " + tasks + " tasks and processing within " + RECOVERY_WITHIN.toSeconds() + " s");
      return false;
    }
    stateChangesSince(history).forEach(report::step);
    report.done(String.format(Locale.ROOT,
        "RUNNING with all %d tasks and processing again %.1f s after the broker came back (%.1f s in all); the KPIs go on",
        tasks, seconds(restarting), seconds(began)));
    return true;
  }

  // ---- the app's condition ----------------------------------------------------------------------

  /** RUNNING, every stream thread RUNNING, and as many active tasks as before. */
  private boolean recovered(int tasks) {
    KafkaStreams streams = demo.app().streams();
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    var threads = streams.metadataForLocalThreads();
    return threads.stream().allMatch(t -> t.threadState().equals("RUNNING"))
        && threads.stream().mapToInt(t -> t.activeTasks().size()).sum() == tasks;
  }

  private int activeTasks() {
    return demo.app().streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }

  private int liveThreads() {
    return demo.app().streams().metadataForLocalThreads().size();
  }

  private List<String> stateChangesSince(int index) {
    List<StateHistory.Change> changes = demo.app().stateHistory().changes();
    return changes.subList(Math.min(index, changes.size()), changes.size()).stream()
        .map(c -> "Kafka Streams state " + c.from() + " → " + c.to() + " at " + c.at().toString().substring(11, 19) + " UTC")
        .toList();
  }

  private double seconds(Instant since) {
    return Duration.between(since, clock.instant()).toMillis() / 1000.0;
  }

  /** Polls {@code condition} until it holds or {@code within} has passed; whether it held. */
  private static boolean await(BooleanSupplier condition, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(POLL.toMillis()); // between polls of a real condition, not instead of one
    }
    return condition.getAsBoolean();
  }
}
