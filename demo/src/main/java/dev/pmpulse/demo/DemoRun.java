package dev.pmpulse.demo;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.Scenario;
import dev.pmpulse.producer.ScenarioState;
import dev.pmpulse.producer.WorkloadProducer;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.webhooks.WebhookSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the demo: a broker (embedded unless the user brought a cluster), the registry's
 * topics, the streams app and the workload producer, all in this JVM. {@link #close()} stops them
 * in the order that loses nothing: producer, streams app, broker. Public for the benchmark, which
 * times a run from process start to a full dashboard ({@code ./run-benchmark --dashboard}).
 */
public final class DemoRun implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
  private static final long LAG_TIMEOUT_MS = 800;
  /** As long as the producer's control endpoint waits for a switch to be applied. */
  private static final Duration SCENARIO_SWITCH_WAIT = Duration.ofSeconds(2);

  /**
   * @param bootstrapServers an existing cluster, or null for the embedded broker
   * @param config client properties for that cluster, or null
   * @param faultPort the fault controls' port ({@link FaultEndpoint}); 0 picks a free one
   * @param speed producer setting; null keeps the producer's default, as for start, backfillDays,
   *     seed and maxSamplesPerSecond
   * @param teams the teams file of both apps; null: the shipped one
   */
  public record Options(
      String bootstrapServers,
      Path config,
      int brokerPort,
      int httpPort,
      int producerHttpPort,
      int faultPort,
      Double speed,
      Instant start,
      Integer backfillDays,
      Long seed,
      Integer maxSamplesPerSecond,
      Path teams) {
    boolean embedded() {
      return bootstrapServers == null;
    }

    /** What {@code ./run-demo} runs with no flags, on free ports: the embedded broker, the producer's defaults. */
    public static Options defaultsOnFreePorts() {
      return new Options(null, null, 0, 0, 0, 0, null, null, null, null, null, null);
    }
  }

  /** When each step of {@link #start()} was done (wall clock); null before. */
  public record Steps(Instant brokerReady, Instant topicsCreated, Instant appsStarted) {}

  private volatile Steps steps = new Steps(null, null, null);

  private final Options options;
  private EmbeddedKafkaBroker broker;
  private Duration brokerStartup;
  private Properties kafka;
  private Admin admin;
  private List<String> createdTopics = List.of();
  private Path stateDir;
  private PmPulseApp app;
  private WorkloadProducer producer;
  private FaultEndpoint faultEndpoint;
  private FaultDrills faults;
  private volatile boolean closed;
  /** A console command is printing over several seconds: the status line waits meanwhile. */
  private volatile boolean consoleBusy;

  public DemoRun(Options options) {
    this.options = options;
  }

  public synchronized void start() throws IOException, InterruptedException, ExecutionException {
    if (options.embedded()) {
      long began = System.nanoTime();
      broker = new EmbeddedKafkaBroker(options.brokerPort()).start();
      brokerStartup = Duration.ofNanos(System.nanoTime() - began);
      steps = new Steps(Instant.now(), null, null);
      // Environment settings (PMPULSE_KAFKA_*) are meant for the user's own cluster: a SASL
      // setting there would only break the connection to the embedded broker.
      kafka = ClientSettings.load(broker.bootstrapServers(), null, Map.of());
    } else {
      kafka = ClientSettings.load(options.bootstrapServers(), options.config(), System.getenv());
      log.info("Kafka client settings:\n{}", ClientSettings.redacted(kafka));
    }
    admin = Admin.create(kafka);
    createdTopics = Topics.createMissing(admin);
    steps = new Steps(steps.brokerReady(), Instant.now(), null);
    stateDir = Files.createTempDirectory("pmpulse-demo-streams-");
    startApps();
    steps = new Steps(steps.brokerReady(), steps.topicsCreated(), Instant.now());
  }

  /** How far {@link #start()} got, and when. */
  public Steps steps() {
    return steps;
  }

  /**
   * Streams app first, so that it is ready for the first event, then the producer; then the fault
   * controls, which act on both.
   */
  private void startApps() throws IOException {
    // Bound first: the app's /kafka page is told where its fault buttons post.
    faultEndpoint = new FaultEndpoint(options.faultPort(), () -> Set.of(
        "http://127.0.0.1:" + app.httpPort(), "http://localhost:" + app.httpPort()));
    CrashableClients clients = new CrashableClients();
    app =
        new PmPulseApp(
            new AppSettings(
                options.embedded() ? DemoSettings.embeddedAppKafka(kafka) : kafka,
                AppSettings.DEFAULT_APPLICATION_ID,
                stateDir,
                AppSettings.DEFAULT_HTTP_HOST,
                options.httpPort(),
                false,
                null,
                // The dashboard's scenario switch posts to the producer's control endpoint.
                options.producerHttpPort() == 0 ? null : "http://127.0.0.1:" + options.producerHttpPort(),
                AppSettings.DEFAULT_SCENARIOS,
                options.teams(),
                true,
                faultEndpoint.url()),
            WebhookSettings.OFF,
            clients);
    app.start();
    producer = new WorkloadProducer(DemoSettings.producer(kafka, options));
    producer.start();
    faults = new FaultDrills(new FaultDrills.Demo(
        app, producer, broker, admin, kafka, clients, AppSettings.DEFAULT_APPLICATION_ID));
    faultEndpoint.start(faults);
  }

  /** Whether a console command is printing its steps, which the status line must not cut into. */
  boolean consoleBusy() {
    return consoleBusy;
  }

  /** The streams app; null before start. */
  public PmPulseApp app() {
    return app;
  }

  public WorkloadProducer producer() {
    return producer;
  }

  /** The client settings of the cluster the demo runs on. */
  Properties kafka() {
    return kafka;
  }

  /** The fault controls' URL; null before start. */
  String faultUrl() {
    return faultEndpoint == null ? null : faultEndpoint.url();
  }

  /** The live faults, for the console; null before start. */
  FaultDrills faults() {
    return faults;
  }

  String bootstrapServers() {
    return kafka.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
  }

  /**
   * Where to look, a few lines.
   *
   * @param console whether console commands are read ({@link #readCommands})
   */
  synchronized List<String> banner(boolean console) {
    List<String> lines = new ArrayList<>();
    lines.add("PM Pulse demo is running. Ctrl-C stops it.");
    if (broker != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  Kafka          %s  (embedded broker, ready in %.1f s; data deleted on exit)",
              bootstrapServers(),
              brokerStartup.toMillis() / 1000.0));
    } else {
      lines.add("  Kafka          " + bootstrapServers());
    }
    lines.add("  Topics         " + (createdTopics.isEmpty() ? "all present" : "created " + String.join(", ", createdTopics)));
    String streams = "http://127.0.0.1:" + app.httpPort();
    lines.add("  Dashboard      " + streams + "/");
    lines.add("  Kafka inside   " + streams + "/kafka  (topology, topics, records, transactions, live faults)");
    lines.add("  Metrics        " + streams + "/metrics  (streams app)");
    lines.add("                 http://127.0.0.1:" + producer.httpPort() + "/metrics  (producer)");
    lines.add("  Daily update   " + streams + "/report" + (console ? "  (or type r + Enter here)" : ""));
    if (options.teams() != null) {
      lines.add("  Teams          " + options.teams() + "  (re-read when it changes; the producer keeps the teams it started with)");
    }
    lines.add("  Scenarios      POST http://127.0.0.1:" + producer.httpPort() + "/scenarios/{name}, or the dashboard's buttons");
    lines.add("  Faults         " + faultEndpoint.url() + "/faults  (the /kafka page's buttons"
        + (console ? ", or type crash, broker or bad here)" : ")"));
    if (console) {
      lines.add("  Console        " + DemoConsole.HINT);
    }
    return lines;
  }

  synchronized StatusLine.Sample sample() throws InterruptedException {
    long now = System.nanoTime();
    OptionalLong lag = closed ? OptionalLong.empty() : ConsumerLag.of(admin, AppSettings.DEFAULT_APPLICATION_ID, LAG_TIMEOUT_MS);
    return new StatusLine.Sample(
        now,
        producer == null ? null : producer.simulatedNow(),
        producer == null ? -1 : producer.eventsSent(),
        app == null ? 0 : app.recordsProcessed(),
        lag);
  }

  /**
   * Reads console commands ({@link DemoConsole}: {@code r}, {@code s <scenario>}, {@code ?}) from
   * {@code in}, one a line. The reader is a daemon thread: a blocked read of stdin must never hold
   * up the exit.
   */
  void readCommands(InputStream in, PrintWriter out) {
    DemoConsole console = new DemoConsole(new DemoConsole.Demo() {
      @Override
      public String latestDailyUpdate() {
        return app.latestDailyUpdateMarkdown();
      }

      @Override
      public Optional<ScenarioState> switchScenario(Scenario to) throws InterruptedException {
        return producer.switchScenario(to, SCENARIO_SWITCH_WAIT);
      }

      @Override
      public Optional<FaultReport> fault(FaultDrills.Fault fault, Consumer<String> progress) throws InterruptedException {
        consoleBusy = true;
        try {
          return faults.run(fault, progress);
        } finally {
          consoleBusy = false;
        }
      }
    });
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null && !closed) {
          console.handle(line, out);
        }
      } catch (IOException e) {
        log.debug("stdin closed: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pmpulse-demo-console");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Exception> failures = new ArrayList<>();
    closeQuietly(faultEndpoint, failures);
    closeQuietly(producer, failures);
    closeQuietly(app, failures);
    closeQuietly(admin, failures);
    closeQuietly(broker, failures);
    if (stateDir != null) {
      try {
        Utils.delete(stateDir.toFile());
      } catch (IOException e) {
        failures.add(e);
      }
    }
    failures.forEach(e -> log.warn("while stopping the demo: {}", e.toString()));
  }

  private static void closeQuietly(AutoCloseable closeable, List<Exception> failures) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      failures.add(e);
    }
  }
}
