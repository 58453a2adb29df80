package dev.pmpulse.producer;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ProducerCheckpoint;
import dev.pmpulse.events.ProducerCheckpoint.ScenarioSwitch;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workload against Kafka: a simulated clock drives a {@link Workload}, whose records go to
 * their topics ({@link Topics#PR_EVENTS} keyed by {@code repo#number}, {@link
 * Topics#ESCALATION_EVENTS} keyed by escalation id, {@link Topics#LATENCY_SAMPLES} and {@link
 * Topics#DELIVERY_SAMPLES} keyed by cluster) with the simulated time as the record
 * timestamp. Serves {@code /metrics} and {@code /health}.
 *
 * <p>A backfill ({@link ProducerSettings#backfillDays()}) holds the history of PRs, escalations and
 * rollouts; latency and delivery samples start live, at {@link ProducerSettings#start()}. Backfilled
 * samples would be millions of records (at 16 per cluster per minute, 70,000 a simulated day) that
 * the streams app works through before its live view is current, while the SLO's windows (a 6 h
 * baseline, burn rates over at most 6 h) fill within seconds of live time at the default speed. The demo embeds this class; {@link
 * ProducerMain} wraps it in a CLI.
 *
 * <p>Restarts: the events go out in Kafka transactions, each closed by a {@link ProducerCheckpoint}
 * on {@link Topics#PRODUCER_PROGRESS} (the simulated instant reached and the scenario switches so
 * far) in the same transaction. The transactional id and the checkpoint key are the run's identity
 * ({@link ProducerSettings#runId()}). A restarted producer with the same settings fences the old
 * one (aborting its open transaction), reads the run's last checkpoint, regenerates the workload up
 * to it without sending, and goes on from there: read with {@code read_committed}, every event is on
 * the topics exactly once and simulated time continues where it stopped. A failed transaction is
 * aborted and regenerated from the last checkpoint the same way, in process.
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
  /** The topics the workload writes; each record is serialized with its own topic's serdes. */
  static final List<Topic<String, ?>> TOPICS =
      List.of(
          Topics.PR_EVENTS, Topics.ESCALATION_EVENTS, Topics.LATENCY_SAMPLES, Topics.DELIVERY_SAMPLES, Topics.ROLLOUT_EVENTS);
  /** The longest the pump sleeps, so the simulated-time gauge moves smoothly while idle. */
  private static final Duration MAX_WAIT = Duration.ofMillis(100);
  private static final Duration MIN_WAIT = Duration.ofMillis(5);
  /** Backfill goes in steps of this much simulated time, so close() interrupts it promptly. */
  private static final Duration BACKFILL_STEP = Duration.ofHours(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration LET_BATCH_FINISH = Duration.ofSeconds(2);
  /**
   * How often the open transaction is committed (wall time): consumers reading committed data see
   * events at most about this much later.
   */
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(250);
  /** How long POST /scenarios/{name} waits for the pump to take a switch before answering 202. */
  private static final Duration SWITCH_WAIT = Duration.ofSeconds(2);

  private record PendingSwitch(Scenario to, CompletableFuture<ScenarioState> applied) {}

  /** Where a run got to: its latest committed checkpoint, if it has one. */
  @FunctionalInterface
  interface Progress {
    Optional<ProducerCheckpoint> latest(Properties kafka, String run);
  }

  private final ProducerSettings settings;
  private final SimulatedClock clock;
  private final Function<Properties, Producer<String, Object>> producerFactory;
  private final Progress progress;
  private final String runId;
  // The pump thread's own: the workload, the switches applied to it and the last checkpoint.
  private Workload workload;
  private final List<ScenarioSwitch> switchHistory = new ArrayList<>();
  private ProducerCheckpoint committed;
  private long eventsInRun;
  private long uncommittedEvents;
  private boolean uncommittedSwitch;
  private long lastCommitNanos;
  private volatile Instant committedUpTo;
  private volatile Instant resumedFrom;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> sentByTopicAndKind = new ConcurrentHashMap<>();
  private final Map<String, Counter> sendErrorsByTopic = new LinkedHashMap<>();
  private final AtomicLong sendErrors = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong handedOver = new AtomicLong();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Queue<PendingSwitch> pendingSwitches = new ConcurrentLinkedQueue<>();
  private final Map<Scenario, Counter> switches = new java.util.EnumMap<>(Scenario.class);
  private volatile ScenarioState scenario;
  private boolean switchedAtRunTime;

  private volatile Instant frontier;
  private volatile boolean timestampHintLogged;
  private volatile Throwable failure;
  private Producer<String, Object> producer;
  private KafkaClientMetrics clientMetrics;
  private ProducerHttp http;
  private Thread pump;
  private boolean closed;

  public WorkloadProducer(ProducerSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /** For tests: a wall clock to drive simulated time. */
  WorkloadProducer(ProducerSettings settings, Clock wall) {
    this(
        settings,
        wall,
        props -> new KafkaProducer<>(props, keySerializer(), valueSerializer()),
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
      Progress progress) {
    this.settings = settings;
    this.clock = new SimulatedClock(wall, settings.start(), settings.speed(), settings.backfillDays());
    this.workload = newWorkload();
    this.producerFactory = producerFactory;
    this.progress = progress;
    this.runId = settings.runId();
    this.frontier = clock.origin();
    this.committedUpTo = clock.origin();
    this.scenario = workload.scenario();
    for (Scenario s : Scenario.values()) {
      switches.put(
          s,
          Counter.builder("pmpulse.producer.scenario.switches")
              .description("Run-time switches to a scenario")
              .tag("scenario", s.label())
              .register(registry));
      Gauge.builder("pmpulse.producer.scenario.active", this, p -> p.scenario.scenario() == s ? 1 : 0)
          .description("1 for the scenario the workload runs, 0 for the others")
          .tag("scenario", s.label())
          .register(registry);
    }
    // Registered up front so every series exists at 0 before its first event.
    for (PrEvent.Type type : PrEvent.Type.values()) {
      sentCounter(Topics.PR_EVENTS, Workload.kind(type));
    }
    for (EscalationEvent.Type type : EscalationEvent.Type.values()) {
      sentCounter(Topics.ESCALATION_EVENTS, Workload.kind(type));
    }
    sentCounter(Topics.LATENCY_SAMPLES, "latency_sample");
    sentCounter(Topics.DELIVERY_SAMPLES, "delivery_sample");
    for (Topic<String, ?> topic : TOPICS) {
      sendErrorsByTopic.put(
          topic.name(),
          Counter.builder("pmpulse.producer.send.errors")
              .description("Records Kafka did not take")
              .tag("topic", topic.name())
              .register(registry));
    }
    Gauge.builder("pmpulse.producer.simulated.time", this, p -> p.simulatedNow().toEpochMilli() / 1000.0)
        .description("Simulated time up to which every event has been handed to Kafka")
        .baseUnit("seconds")
        .register(registry);
  }

  private Workload newWorkload() {
    return new Workload(TeamRoster.defaults(), settings.seed(), settings.rateMultiplier(),
        settings.effectiveSamplesPerMinute(), clock.origin(), clock.start());
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

  /** Connects to Kafka, binds the HTTP endpoints and starts producing on its own thread. */
  public synchronized void start() {
    if (pump != null || closed) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    Properties props = effectiveKafkaProperties(settings.kafka());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(runId));
    log.info("Producer settings: {}", settings.describe());
    log.info("Kafka producer settings:\n{}", ClientSettings.redacted(props).stripTrailing());
    producer = producerFactory.apply(props);
    clientMetrics = new KafkaClientMetrics(producer);
    clientMetrics.bindTo(registry);
    http = new ProducerHttp(settings.httpHost(), settings.httpPort(), registry, this::health, new ProducerHttp.ScenarioControl() {
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
    pump = new Thread(this::run, "pmpulse-producer");
    pump.start();
  }

  /** The scenario the workload runs, and the simulated instant since when. */
  public ScenarioState scenario() {
    return scenario;
  }

  /**
   * Switches the running workload to {@code to}. The producer thread applies the switch at the
   * simulated instant it has produced up to; this waits up to {@code wait} for that.
   *
   * @return the scenario as applied, or empty if the producer thread has not applied it in time
   *     (it still will, unless the producer stops)
   */
  public Optional<ScenarioState> switchScenario(Scenario to, Duration wait) throws InterruptedException {
    PendingSwitch pending = new PendingSwitch(to, new CompletableFuture<>());
    pendingSwitches.add(pending);
    try {
      return Optional.of(pending.applied().get(wait.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Whether simulated time follows the wall clock yet (false before start and during the backfill). */
  public boolean isLive() {
    return clock.isLive();
  }

  /** Events Kafka has acknowledged. */
  public long eventsSent() {
    return sent.get();
  }

  /**
   * The simulated instant up to which every event has been handed to Kafka: during a backfill it
   * moves from the origin to {@code start} as fast as Kafka takes events; then it follows the clock.
   */
  public Instant simulatedNow() {
    return frontier;
  }

  /** The simulated instant up to which every event is in a committed transaction. */
  public Instant committedUpTo() {
    return committedUpTo;
  }

  /** Where this run went on from its previous one's last checkpoint, or null when it started afresh. */
  public Instant resumedFrom() {
    return resumedFrom;
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

  /** The port the HTTP endpoints listen on (the free one picked, when the settings said 0). */
  public int httpPort() {
    if (http == null) {
      throw new IllegalStateException("not started");
    }
    return http.port();
  }

  /** Whether the producer thread is running (false before start, after close or after a failure). */
  public boolean isRunning() {
    Thread t = pump;
    return t != null && t.isAlive() && failure == null;
  }

  /** Blocks until the producer thread ends: after {@link #close()} or a failure. */
  void awaitTermination() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = pump;
    }
    if (t != null) {
      t.join();
    }
  }

  /** Events for which send() was called, acknowledged or not (send() may still be blocked in it). */
  long eventsHandedOver() {
    return handedOver.get();
  }

  /** Why the producer thread stopped on its own, or null. */
  Throwable failure() {
    return failure;
  }

  /** Stops producing, flushes what was sent and releases everything, within a few seconds. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop.countDown();
    try {
      if (pump != null) {
        // Usually quick: the pump wakes on the stop signal and commits what it has sent.
        pump.join(LET_BATCH_FINISH.toMillis());
      }
      if (producer != null) {
        // Also wakes a send() blocked on metadata, so the join below finishes.
        producer.close(CLOSE_TIMEOUT);
      }
      if (pump != null) {
        // Waiting on Kafka for its transactions (initTransactions) is not woken by close(), but by an interrupt.
        pump.interrupt();
        pump.join(CLOSE_TIMEOUT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (clientMetrics != null) {
        clientMetrics.close();
      }
      if (http != null) {
        http.close();
      }
      registry.close();
      log.info("Producer stopped after {} events, simulated time {}", sent.get(), frontier);
    }
  }

  private void run() {
    try {
      producer.initTransactions(); // fences a previous instance of this run and aborts its open transaction
      Optional<ProducerCheckpoint> resume = progress.latest(settings.kafka(), runId);
      if (resume.isPresent()) {
        rewindTo(resume.get());
        resumedFrom = frontier;
        log.info("Resuming run {} from simulated {} ({} events already on the topics)", runId, frontier, eventsInRun);
      }
      producer.beginTransaction();
      lastCommitNanos = System.nanoTime();
      if (frontier.isBefore(clock.start())) {
        log.info("Backfilling {} simulated days, {} to {}", clock.backfillDays(), frontier, clock.start());
        while (frontier.isBefore(clock.start()) && !stopping()) {
          step(min(frontier.plus(BACKFILL_STEP), clock.start()));
        }
        commit();
        if (stopping()) {
          return;
        }
        log.info("Backfill done: {} events; live from {}", eventsInRun, clock.start());
      }
      clock.goLiveAt(max(frontier, clock.start()));
      if (switchHistory.isEmpty() && !frontier.isAfter(clock.start()) && settings.scenario() != Scenario.STEADY) {
        scenario = workload.switchScenario(settings.scenario());
        recordSwitch(scenario);
        log.info("Scenario {} from {}", scenario.scenario(), scenario.since());
      }
      while (!stopping()) {
        step(clock.now());
        Duration wait = clock.wallTimeFor(Duration.between(frontier, workload.nextDue()));
        // At least MIN_WAIT: with thousands of samples a wall second, send them in batches, not one by one.
        stop.await(Math.max(MIN_WAIT.toNanos(), Math.min(wait.toNanos(), MAX_WAIT.toNanos())), TimeUnit.NANOSECONDS);
      }
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping()) {
        failure = e;
        log.error("Producer stopped: {}", e.toString(), e);
      }
    }
  }

  /**
   * Sends everything up to {@code to} and commits when the interval is up. A transaction Kafka
   * fails is aborted and the workload rewound to the last checkpoint, to be sent again.
   */
  private void step(Instant to) {
    try {
      applySwitches();
      workload.advanceTo(to, this::send);
      frontier = max(frontier, to);
      if (System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos()) {
        commit();
      }
    } catch (ProducerFencedException | InvalidProducerEpochException | AuthenticationException
        | AuthorizationException | UnsupportedVersionException fatal) {
      throw fatal;
    } catch (KafkaException e) {
      if (stopping()) {
        throw e;
      }
      log.warn("Transaction failed, sending again from the last checkpoint (simulated {}): {}",
          committed == null ? clock.origin() : committed.upTo(), e.toString());
      producer.abortTransaction();
      if (committed == null) {
        rewindTo(new ProducerCheckpoint(ProducerCheckpoint.VERSION, runId, clock.origin(), 0, List.of()));
      } else {
        rewindTo(committed);
      }
      producer.beginTransaction();
    }
  }

  /** Commits the open transaction with a checkpoint of what it holds, and opens the next one. */
  private void commit() {
    lastCommitNanos = System.nanoTime();
    if (uncommittedEvents == 0 && !uncommittedSwitch) {
      return;
    }
    ProducerCheckpoint checkpoint =
        new ProducerCheckpoint(ProducerCheckpoint.VERSION, runId, frontier, eventsInRun, switchHistory);
    producer.send(
        new ProducerRecord<>(Topics.PRODUCER_PROGRESS.name(), null, frontier.toEpochMilli(), runId, checkpoint));
    producer.commitTransaction();
    committed = checkpoint;
    committedUpTo = checkpoint.upTo();
    uncommittedEvents = 0;
    uncommittedSwitch = false;
    producer.beginTransaction();
  }

  /**
   * Regenerates the run up to {@code checkpoint} without sending anything: a fresh workload, the
   * same switches at the same instants, advanced to the checkpoint's instant.
   */
  private void rewindTo(ProducerCheckpoint checkpoint) {
    Workload fresh = newWorkload();
    long events = 0;
    List<ScenarioSwitch> switches = List.copyOf(checkpoint.switches());
    for (ScenarioSwitch sw : switches) {
      events += fresh.advanceTo(sw.at(), e -> {});
      Scenario to = Scenario.byLabel(sw.scenario())
          .orElseThrow(() -> new IllegalStateException("checkpoint names an unknown scenario: " + sw.scenario()));
      fresh.switchScenario(to);
    }
    events += fresh.advanceTo(checkpoint.upTo(), e -> {});
    if (events != checkpoint.events()) {
      throw new IllegalStateException(
          "run " + runId + ": the checkpoint counts " + checkpoint.events() + " events up to " + checkpoint.upTo()
              + " but regenerating gives " + events + " (another version of the producer?)");
    }
    workload = fresh;
    scenario = fresh.scenario();
    switchHistory.clear();
    switchHistory.addAll(switches);
    eventsInRun = events;
    uncommittedEvents = 0;
    uncommittedSwitch = false;
    committed = checkpoint;
    committedUpTo = checkpoint.upTo();
    frontier = checkpoint.upTo();
  }

  private void recordSwitch(ScenarioState applied) {
    switchHistory.add(new ScenarioSwitch(applied.scenario().label(), applied.since()));
    uncommittedSwitch = true;
  }

  /** Applies the switches asked for since the last call, in order, at the simulated frontier. */
  private void applySwitches() {
    PendingSwitch pending;
    while ((pending = pendingSwitches.poll()) != null) {
      switchedAtRunTime = true;
      ScenarioState applied = workload.switchScenario(pending.to());
      scenario = applied;
      recordSwitch(applied);
      switches.get(pending.to()).increment();
      log.info("Scenario switched to {} at simulated {}", applied.scenario(), applied.since());
      pending.applied().complete(applied);
    }
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  private void send(Emission<?> emission) {
    ProducerRecord<String, Object> record =
        new ProducerRecord<>(
            emission.topic().name(), null, emission.at().toEpochMilli(), emission.key(), emission.value());
    Counter counter = sentCounter(emission.topic(), emission.kind());
    handedOver.incrementAndGet();
    eventsInRun++;
    uncommittedEvents++;
    producer.send(
        record,
        (metadata, error) -> {
          if (error == null) {
            sent.incrementAndGet();
            counter.increment();
          } else {
            onSendError(error, emission.topic());
          }
        });
  }

  private Counter sentCounter(Topic<String, ?> topic, String kind) {
    return sentByTopicAndKind.computeIfAbsent(
        topic.name() + "/" + kind,
        k ->
            Counter.builder("pmpulse.producer.events")
                .description("Records acknowledged by Kafka, per topic and type")
                .tag("topic", topic.name())
                .tag("type", kind)
                .register(registry));
  }

  /** Serializes each key with the serde of the record's topic (all keys are strings). */
  static Serializer<String> keySerializer() {
    Map<String, Serializer<String>> byTopic = new LinkedHashMap<>();
    TOPICS.forEach(t -> byTopic.put(t.name(), t.keySerde().serializer()));
    byTopic.put(Topics.PRODUCER_PROGRESS.name(), Topics.PRODUCER_PROGRESS.keySerde().serializer());
    return (topic, key) -> serializerFor(byTopic, topic).serialize(topic, key);
  }

  /** Serializes each value with the serde of the record's topic. */
  @SuppressWarnings("unchecked")
  static Serializer<Object> valueSerializer() {
    Map<String, Serializer<Object>> byTopic = new LinkedHashMap<>();
    TOPICS.forEach(t -> byTopic.put(t.name(), (Serializer<Object>) t.valueSerde().serializer()));
    byTopic.put(Topics.PRODUCER_PROGRESS.name(), (Serializer<Object>) (Serializer<?>) Topics.PRODUCER_PROGRESS.valueSerde().serializer());
    return (topic, value) -> serializerFor(byTopic, topic).serialize(topic, value);
  }

  private static <T> Serializer<T> serializerFor(Map<String, Serializer<T>> byTopic, String topic) {
    Serializer<T> serializer = byTopic.get(topic);
    if (serializer == null) {
      throw new IllegalArgumentException("the producer does not write topic " + topic);
    }
    return serializer;
  }

  private void onSendError(Exception error, Topic<String, ?> topic) {
    long errors = sendErrors.incrementAndGet();
    sendErrorsByTopic.get(topic.name()).increment();
    if (error instanceof InvalidTimestampException && !timestampHintLogged) {
      timestampHintLogged = true;
      log.error(
          "Kafka rejected a simulated-time timestamp: {}. Simulated time runs ahead of the wall clock, so {} needs "
              + "message.timestamp.after.max.ms raised (Kafka 4 allows one hour by default).",
          error.getMessage(),
          topic.name());
    } else if (errors <= 10 || errors % 1000 == 0) {
      log.warn("Send failed ({} so far): {}", errors, error.toString());
    }
  }

  private ProducerHttp.Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = isRunning();
    details.put("status", up ? "UP" : "DOWN");
    details.put("phase", clock.isLive() ? "live" : "backfill");
    details.put("simulatedTime", frontier.toString());
    details.put("committedUpTo", committedUpTo.toString());
    if (resumedFrom != null) {
      details.put("resumedFrom", resumedFrom.toString());
    }
    details.put("eventsSent", sent.get());
    details.put("sendErrors", sendErrors.get());
    details.put("scenario", scenario.scenario().label());
    if (failure != null) {
      details.put("error", failure.toString());
    }
    return new ProducerHttp.Health(up, details);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
