package dev.pmpulse.producer;

import dev.pmpulse.events.Topic;
import java.time.Instant;

/**
 * One record the workload hands to Kafka: its topic (which carries the serdes), key, value and
 * simulated event time, which becomes the record timestamp.
 *
 * @param kind what the value is, for the producer's per-type counter ({@code opened}, {@code merged},
 *     {@code latency_sample}, ...)
 */
public record Emission<V>(Topic<String, V> topic, String key, V value, Instant at, String kind) {}
