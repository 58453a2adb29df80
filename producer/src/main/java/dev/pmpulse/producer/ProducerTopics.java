package dev.pmpulse.producer;

import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The topics the producer writes: the workload's ({@link Topics#PR_EVENTS} keyed by {@code
 * repo#number}, {@link Topics#ESCALATION_EVENTS} keyed by escalation id, {@link
 * Topics#LATENCY_SAMPLES} and {@link Topics#DELIVERY_SAMPLES} keyed by cluster, {@link
 * Topics#ROLLOUT_EVENTS} keyed by flag) and {@link Topics#PRODUCER_PROGRESS} for its checkpoints.
 * One Kafka producer writes them all, each record serialized with its own topic's serdes.
 */
final class ProducerTopics {
  /** The topics the workload writes. */
  static final List<Topic<String, ?>> WORKLOAD =
      List.of(Topics.PR_EVENTS, Topics.ESCALATION_EVENTS, Topics.LATENCY_SAMPLES, Topics.DELIVERY_SAMPLES,
          Topics.ROLLOUT_EVENTS);

  private ProducerTopics() {}

  /** Serializes each key with the serde of the record's topic (all keys are strings). */
  static Serializer<String> keySerializer() {
    Map<String, Serializer<String>> byTopic = new LinkedHashMap<>();
    WORKLOAD.forEach(t -> byTopic.put(t.name(), t.keySerde().serializer()));
    byTopic.put(Topics.PRODUCER_PROGRESS.name(), Topics.PRODUCER_PROGRESS.keySerde().serializer());
    return (topic, key) -> serializerFor(byTopic, topic).serialize(topic, key);
  }

  /** Serializes each value with the serde of the record's topic. */
  @SuppressWarnings("unchecked")
  static Serializer<Object> valueSerializer() {
    Map<String, Serializer<Object>> byTopic = new LinkedHashMap<>();
    WORKLOAD.forEach(t -> byTopic.put(t.name(), (Serializer<Object>) t.valueSerde().serializer()));
    byTopic.put(Topics.PRODUCER_PROGRESS.name(),
        (Serializer<Object>) (Serializer<?>) Topics.PRODUCER_PROGRESS.valueSerde().serializer());
    return (topic, value) -> serializerFor(byTopic, topic).serialize(topic, value);
  }

  private static <T> Serializer<T> serializerFor(Map<String, Serializer<T>> byTopic, String topic) {
    Serializer<T> serializer = byTopic.get(topic);
    if (serializer == null) {
      throw new IllegalArgumentException("the producer does not write topic " + topic);
    }
    return serializer;
  }
}
