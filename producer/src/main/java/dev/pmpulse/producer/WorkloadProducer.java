package dev.pmpulse.producer;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workload against Kafka: a simulated clock drives a {@link Workload}, whose records go to
 * their topics ({@link ProducerTopics}) with the simulated time as the record timestamp. Serves
 * {@code /metrics}, {@code /health} and the scenario endpoints ({@link ProducerHttp}). The demo
 * embeds this class; {@link ProducerMain} wraps it in a CLI.
 *
 * <p>Its parts: the {@link TransactionalPump} (the producer thread: transactions, checkpoints on
 * {@link Topics#PRODUCER_PROGRESS}, resume and rewind), the {@link ScenarioSwitches} (switches asked
 * for at run time, applied at simulated instants), the {@link ProducerMetrics} and the {@link
 * ProducerHttp} endpoints.
 *
 * <p>A backfill ({@link ProducerSettings#backfillDays()}) holds the history of PRs, escalations and
 * rollouts; latency and delivery samples start live, at {@link ProducerSettings#start()}. Backfilled
 * samples would be millions of records (at 16 per cluster per minute, 70,000 a simulated day) that
 * the streams app works through before its live view is current, while the SLO's windows (a 6 h
 * baseline, burn rates over at most 6 h) fill within seconds of live time at the default speed.
 *
 * <p>Restarts: the transactional id and the checkpoint key are the run's identity ({@link
 * ProducerSettings#runId()}). A restarted producer with the same settings fences the old one and
 * goes on from the run's last checkpoint: every event is on the topics exactly once and simulated
 * time continues where it stopped.
 *
 * <pre>{@code
 * try (WorkloadProducer producer = new WorkloadProducer(settings)) {
 *   producer.start();
 *   ...
 * }
 * }</pre>
 */
public final class WorkloadProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkloadProducer.class);
  /** How long POST /scenarios/{name} waits for the pump to take a switch before answering 202. */
  private static final Duration SWITCH_WAIT = Duration.ofSeconds(2);

  private final ProducerSettings settings;
  private final SimulatedClock clock;
  private final Function<Properties, Producer<String, Object>> producerFactory;
  private final ProducerMetrics metrics;
  private final ScenarioSwitches switches;
  private final TransactionalPump pump;
  private ProducerHttp http;
  private boolean started;
  private boolean closed;

  public WorkloadProducer(ProducerSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /** For tests: a wall clock to drive simulated time. */
  WorkloadProducer(ProducerSettings settings, Clock wall) {
    this(
        settings,
        wall,
        props -> new KafkaProducer<>(props, ProducerTopics.keySerializer(), ProducerTopics.valueSerializer()),
        ProgressTopic::latest);
  }

  /** For tests: also a stand-in for the Kafka producer, which has no earlier run to resume. */
  WorkloadProducer(
      ProducerSettings settings, Clock wall, Function<Properties, Producer<String, Object>> producerFactory) {
    this(settings, wall, producerFactory, (kafka, run) -> Optional.empty());
  }

  /** For tests: also where the run's last checkpoint comes from. */
  WorkloadProducer(
      ProducerSettings settings,
      Clock wall,
      Function<Properties, Producer<String, Object>> producerFactory,
      TransactionalPump.Progress progress) {
    this.settings = settings;
    this.clock = new SimulatedClock(wall, settings.start(), settings.speed(), settings.backfillDays());
    this.producerFactory = producerFactory;
    this.metrics = new ProducerMetrics(this::simulatedNow, () -> scenario().scenario());
    this.switches = new ScenarioSwitches(clock.origin(), metrics);
    this.pump = new TransactionalPump(settings, clock, progress, switches, metrics);
  }

  /**
   * The Kafka settings the producer runs with: {@code settings} over the defaults (lz4, 20 ms
   * linger, 256 KiB batches), then idempotence and {@code acks=all}, which nobody may turn off.
   * The transactional id is the run's, set by {@link #start()}.
   */
  public static Properties effectiveKafkaProperties(Properties settings) {
    Properties props = new Properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "pmpulse-producer");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.putAll(settings);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return props;
  }

  /** The transactional id of a run: a restart with the same settings fences its predecessor. */
  static String transactionalId(String runId) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(runId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "pmpulse-producer-" + java.util.HexFormat.of().formatHex(hash, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects to Kafka, binds the HTTP endpoints and starts producing on its own thread. */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    started = true;
    Properties props = effectiveKafkaProperties(settings.kafka());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(settings.runId()));
    log.info("Producer settings: {}", settings.describe());
    log.info("Kafka producer settings:\n{}", ClientSettings.redacted(props).stripTrailing());
    http = new ProducerHttp(settings.httpHost(), settings.httpPort(), metrics.registry(), this::health,
        new ProducerHttp.ScenarioControl() {
          @Override
          public ScenarioState active() {
            return scenario();
          }

          @Override
          public Optional<ScenarioState> switchTo(Scenario to) throws InterruptedException {
            return switchScenario(to, SWITCH_WAIT);
          }
        });
    http.start();
    log.info("Metrics on http://{}:{}/metrics, health on /health", settings.httpHost(), http.port());
    Producer<String, Object> kafka = producerFactory.apply(props);
    metrics.bind(kafka);
    pump.start(kafka);
  }

  /** The scenario the workload runs, and the simulated instant since when. */
  public ScenarioState scenario() {
    return switches.active();
  }

  /**
   * Switches the running workload to {@code to}. The producer thread applies the switch at the
   * simulated instant it has produced up to; this waits up to {@code wait} for that.
   *
   * @return the scenario as applied, or empty if the producer thread has not applied it in time
   *     (it still will, unless the producer stops)
   */
  public Optional<ScenarioState> switchScenario(Scenario to, Duration wait) throws InterruptedException {
    return switches.request(to, wait);
  }

  /**
   * Stops producing: simulated time stops where it is, and the open transaction is committed within
   * a commit interval. {@link #resume()} goes on from the same simulated instant, so the pause
   * leaves no gap and no burst in the workload.
   */
  public void pause() {
    clock.pause();
  }

  public void resume() {
    clock.resume();
  }

  /** Whether paused and every event sent is committed, so that readers can see all of them. */
  public boolean isPausedAndCommitted() {
    return pump.pausedAndCommitted();
  }

  /** Whether simulated time follows the wall clock yet (false before start and during the backfill). */
  public boolean isLive() {
    return clock.isLive();
  }

  /** Events Kafka has acknowledged. */
  public long eventsSent() {
    return metrics.eventsSent();
  }

  /**
   * The simulated instant up to which every event has been handed to Kafka: during a backfill it
   * moves from the origin to {@code start} as fast as Kafka takes events; then it follows the clock.
   */
  public Instant simulatedNow() {
    return pump.frontier();
  }

  /** The simulated instant up to which every event is in a committed transaction. */
  public Instant committedUpTo() {
    return pump.committedUpTo();
  }

  /** Where this run went on from its previous one's last checkpoint, or null when it started afresh. */
  public Instant resumedFrom() {
    return pump.resumedFrom();
  }

  /** The port the HTTP endpoints listen on (the free one picked, when the settings said 0). */
  public int httpPort() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
    return http.port();
  }

  /** Whether the producer thread is running (false before start, after close or after a failure). */
  public boolean isRunning() {
    return pump.isRunning();
  }

  /** Blocks until the producer thread ends: after {@link #close()} or a failure. */
  void awaitTermination() throws InterruptedException {
    pump.awaitTermination();
  }

  /** Why the producer thread stopped on its own, or null. */
  Throwable failure() {
    return pump.failure();
  }

  /** Stops producing, flushes what was sent and releases everything, within a few seconds. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pump.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (http != null) {
        http.close();
      }
      metrics.close();
      log.info("Producer stopped after {} events, simulated time {}", metrics.eventsSent(), pump.frontier());
    }
  }

  private ProducerHttp.Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = isRunning();
    details.put("status", up ? "UP" : "DOWN");
    details.put("phase", clock.isLive() ? "live" : "backfill");
    details.put("paused", clock.isPaused());
    details.put("simulatedTime", pump.frontier().toString());
    details.put("committedUpTo", pump.committedUpTo().toString());
    if (pump.resumedFrom() != null) {
      details.put("resumedFrom", pump.resumedFrom().toString());
    }
    details.put("eventsSent", metrics.eventsSent());
    details.put("sendErrors", metrics.sendErrors());
    details.put("scenario", scenario().scenario().label());
    if (pump.failure() != null) {
      details.put("error", pump.failure().toString());
    }
    return new ProducerHttp.Health(up, details);
  }
}
