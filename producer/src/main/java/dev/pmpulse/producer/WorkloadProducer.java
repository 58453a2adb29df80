package dev.pmpulse.producer;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.PrEvent;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the PR workload against Kafka: a simulated clock drives a {@link PrWorkload}, whose events go
 * to {@link Topics#PR_EVENTS} keyed by {@code repo#number} with the simulated time as the record
 * timestamp. Serves {@code /metrics} and {@code /health}. The demo embeds this class; {@link
 * ProducerMain} wraps it in a CLI.
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
  private static final Topic<String, PrEvent> TOPIC = Topics.PR_EVENTS;
  /** The longest the pump sleeps, so the simulated-time gauge moves smoothly while idle. */
  private static final Duration MAX_WAIT = Duration.ofMillis(100);
  /** Backfill goes in steps of this much simulated time, so close() interrupts it promptly. */
  private static final Duration BACKFILL_STEP = Duration.ofHours(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration LET_BATCH_FINISH = Duration.ofMillis(500);

  private final ProducerSettings settings;
  private final SimulatedClock clock;
  private final PrWorkload workload;
  private final Function<Properties, Producer<String, PrEvent>> producerFactory;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<PrEvent.Type, Counter> sentByType = new EnumMap<>(PrEvent.Type.class);
  private final Counter sendErrors;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong handedOver = new AtomicLong();
  private final CountDownLatch stop = new CountDownLatch(1);

  private volatile Instant frontier;
  private volatile boolean timestampHintLogged;
  private volatile Throwable failure;
  private Producer<String, PrEvent> producer;
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
        props -> new KafkaProducer<>(props, TOPIC.keySerde().serializer(), TOPIC.valueSerde().serializer()));
  }

  /** For tests: also a stand-in for the Kafka producer. */
  WorkloadProducer(
      ProducerSettings settings, Clock wall, Function<Properties, Producer<String, PrEvent>> producerFactory) {
    this.settings = settings;
    this.clock = new SimulatedClock(wall, settings.start(), settings.speed(), settings.backfillDays());
    this.workload =
        new PrWorkload(TeamRoster.defaults(), settings.seed(), settings.rateMultiplier(), clock.origin());
    this.producerFactory = producerFactory;
    this.frontier = clock.origin();
    for (PrEvent.Type type : PrEvent.Type.values()) {
      sentByType.put(
          type,
          Counter.builder("pmpulse.producer.events")
              .description("PR events acknowledged by Kafka")
              .tag("topic", TOPIC.name())
              .tag("type", type.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    sendErrors =
        Counter.builder("pmpulse.producer.send.errors")
            .description("PR events Kafka did not take")
            .tag("topic", TOPIC.name())
            .register(registry);
    Gauge.builder("pmpulse.producer.simulated.time", this, p -> p.simulatedNow().toEpochMilli() / 1000.0)
        .description("Simulated time up to which every event has been handed to Kafka")
        .baseUnit("seconds")
        .register(registry);
  }

  /**
   * The Kafka settings the producer runs with: {@code settings} over the defaults (lz4, 20 ms
   * linger, 256 KiB batches), then idempotence and {@code acks=all}, which nobody may turn off.
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
    log.info("Producer settings: {}", settings.describe());
    log.info("Kafka producer settings:\n{}", ClientSettings.redacted(props).stripTrailing());
    producer = producerFactory.apply(props);
    clientMetrics = new KafkaClientMetrics(producer);
    clientMetrics.bindTo(registry);
    http = new ProducerHttp(settings.httpHost(), settings.httpPort(), registry, this::health);
    http.start();
    log.info("Metrics on http://{}:{}/metrics, health on /health", settings.httpHost(), http.port());
    pump = new Thread(this::run, "pmpulse-producer");
    pump.start();
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
        pump.join(LET_BATCH_FINISH.toMillis()); // usually done: the pump wakes on the stop signal
      }
      if (producer != null) {
        // Also wakes a send() blocked on metadata, so the join below finishes.
        producer.close(CLOSE_TIMEOUT);
      }
      if (pump != null) {
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
      if (clock.backfillDays() > 0) {
        log.info("Backfilling {} simulated days, {} to {}", clock.backfillDays(), clock.origin(), clock.start());
        Instant t = clock.origin();
        while (t.isBefore(clock.start()) && !stopping()) {
          t = min(t.plus(BACKFILL_STEP), clock.start());
          workload.advanceTo(t, this::send);
          frontier = t;
        }
        log.info("Backfill done: {} events; live from {}", sent.get(), clock.start());
      }
      clock.goLive();
      while (!stopping()) {
        Instant now = clock.now();
        workload.advanceTo(now, this::send);
        frontier = now;
        Duration wait = clock.wallTimeFor(Duration.between(now, workload.nextDue()));
        stop.await(Math.max(0, Math.min(wait.toNanos(), MAX_WAIT.toNanos())), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping()) {
        failure = e;
        log.error("Producer stopped: {}", e.toString(), e);
      }
    }
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  private void send(PrEvent event) {
    ProducerRecord<String, PrEvent> record =
        new ProducerRecord<>(TOPIC.name(), null, event.at().toEpochMilli(), event.key(), event);
    handedOver.incrementAndGet();
    producer.send(
        record,
        (metadata, error) -> {
          if (error == null) {
            sent.incrementAndGet();
            sentByType.get(event.type()).increment();
          } else {
            onSendError(error);
          }
        });
  }

  private void onSendError(Exception error) {
    sendErrors.increment();
    if (error instanceof InvalidTimestampException && !timestampHintLogged) {
      timestampHintLogged = true;
      log.error(
          "Kafka rejected a simulated-time timestamp: {}. Simulated time runs ahead of the wall clock, so {} needs "
              + "message.timestamp.after.max.ms raised (Kafka 4 allows one hour by default).",
          error.getMessage(),
          TOPIC.name());
    } else if (sendErrors.count() <= 10 || (long) sendErrors.count() % 1000 == 0) {
      log.warn("Send failed ({} so far): {}", (long) sendErrors.count(), error.toString());
    }
  }

  private ProducerHttp.Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = isRunning();
    details.put("status", up ? "UP" : "DOWN");
    details.put("phase", clock.isLive() ? "live" : "backfill");
    details.put("simulatedTime", frontier.toString());
    details.put("eventsSent", sent.get());
    details.put("sendErrors", (long) sendErrors.count());
    if (failure != null) {
      details.put("error", failure.toString());
    }
    return new ProducerHttp.Health(up, details);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
