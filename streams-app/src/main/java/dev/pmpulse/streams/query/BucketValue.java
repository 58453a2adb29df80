package dev.pmpulse.streams.query;

import java.time.Instant;

/**
 * One bucket of a window store (a trend): when it starts and the value kept for it.
 *
 * @param bucket start of the bucket (inclusive)
 */
public record BucketValue(Instant bucket, Object value) {}
