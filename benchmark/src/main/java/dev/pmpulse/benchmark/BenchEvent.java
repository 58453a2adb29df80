package dev.pmpulse.benchmark;

/**
 * One input record, serialized once before the clock starts.
 *
 * @param timestamp the record timestamp: the event's simulated time
 * @param reviewTeam set on a PR review that ends a PR's wait (one per PR): it produces exactly one
 *     review-latency KPI update for that team; null on every other event
 */
record BenchEvent(String topic, String key, byte[] value, long timestamp, String reviewTeam) {}
