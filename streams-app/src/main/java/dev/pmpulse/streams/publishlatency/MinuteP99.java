package dev.pmpulse.streams.publishlatency;

import java.time.Instant;

/**
 * A closed minute of one cluster, from the minute aggregator to the SLO evaluator; {@code sketch}
 * lets the evaluator merge minutes when one minute holds too few samples to judge.
 */
record MinuteP99(String cluster, Instant minute, long count, double p99Ms, byte[] sketch) {}
