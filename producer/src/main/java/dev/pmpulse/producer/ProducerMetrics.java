package dev.pmpulse.producer;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's meters, served on {@code /metrics}: its own {@code pmpulse_producer_*} (events
 * Kafka acknowledged per topic and type, send errors per topic, the simulated time, the scenario in
 * force and the run-time switches to each) and, once bound, the Kafka client's {@code
 * kafka_producer_*}.
 */
final class ProducerMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProducerMetrics.class);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> sentByTopicAndKind = new ConcurrentHashMap<>();
  private final Map<String, Counter> sendErrorsByTopic = new LinkedHashMap<>();
  private final Map<Scenario, Counter> switches = new EnumMap<>(Scenario.class);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();
  private volatile boolean timestampHintLogged;
  private KafkaClientMetrics clientMetrics;

  /**
   * @param simulatedTime the simulated instant up to which every event has been handed to Kafka
   * @param active the scenario in force
   */
  ProducerMetrics(Supplier<Instant> simulatedTime, Supplier<Scenario> active) {
    for (Scenario s : Scenario.values()) {
      switches.put(
          s,
          Counter.builder("pmpulse.producer.scenario.switches")
              .description("Run-time switches to a scenario")
              .tag("scenario", s.label())
              .register(registry));
      Gauge.builder("pmpulse.producer.scenario.active", active, a -> a.get() == s ? 1 : 0)
          .description("1 for the scenario the workload runs, 0 for the others")
          .tag("scenario", s.label())
          .strongReference(true) // nothing else holds the supplier
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
    for (Topic<String, ?> topic : ProducerTopics.WORKLOAD) {
      sendErrorsByTopic.put(
          topic.name(),
          Counter.builder("pmpulse.producer.send.errors")
              .description("Records Kafka did not take")
              .tag("topic", topic.name())
              .register(registry));
    }
    Gauge.builder("pmpulse.producer.simulated.time", simulatedTime, t -> t.get().toEpochMilli() / 1000.0)
        .description("Simulated time up to which every event has been handed to Kafka")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Adds the Kafka client's own metrics. */
  void bind(Producer<?, ?> producer) {
    clientMetrics = new KafkaClientMetrics(producer);
    clientMetrics.bindTo(registry);
  }

  /** What to do with Kafka's answer for {@code emission}: count it as sent, or as a send error. */
  Callback acknowledgementOf(Emission<?> emission) {
    Counter counter = sentCounter(emission.topic(), emission.kind());
    return (metadata, error) -> {
      if (error == null) {
        sent.incrementAndGet();
        counter.increment();
      } else {
        onSendError(error, emission.topic());
      }
    };
  }

  /** A switch asked for at run time has been applied. */
  void switched(Scenario to) {
    switches.get(to).increment();
  }

  /** Events Kafka has acknowledged. */
  long eventsSent() {
    return sent.get();
  }

  long sendErrors() {
    return sendErrors.get();
  }

  @Override
  public void close() {
    if (clientMetrics != null) {
      clientMetrics.close();
    }
    registry.close();
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
}
