package dev.pmpulse.streams.intake;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Record timestamps are event times (the producer stamps each record with its simulated time).
 * A record whose timestamp is invalid, or far ahead of its partition's time, gets the partition's
 * time instead, so that one bad record can neither be skipped by Kafka Streams (an invalid
 * timestamp) nor drag stream time into the future and close every window early. The intake then
 * judges the event's own time and dead-letters it if it is far in the future.
 */
public final class EventTimeExtractor implements TimestampExtractor {
  private final long maxFutureSkewMs;

  public EventTimeExtractor(Duration maxFutureSkew) {
    this.maxFutureSkewMs = maxFutureSkew.toMillis();
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long ts = record.timestamp();
    // Past the latest event time the intake accepts, a timestamp would carry stream time out of
    // reach (and overflow "stream time + skew") if it came first on its partition.
    if (ts < 0 || ts > Validator.MAX_EVENT_TIME.toEpochMilli()) {
      return Math.max(partitionTime, 0);
    }
    if (partitionTime >= 0 && ts > partitionTime + maxFutureSkewMs) {
      return partitionTime;
    }
    return ts;
  }
}
