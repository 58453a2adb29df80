package dev.pmpulse.streams.webhooks;

import dev.pmpulse.events.Topic;

/** What one webhook delivery becomes: an input record to write, or nothing PM Pulse measures. */
sealed interface Translation {
  /** An event for an input topic, keyed as the simulator keys it, stamped with its event time. */
  record Write<V>(Topic<String, V> topic, String key, V value, long timestampMs) implements Translation {}

  /**
   * A delivery acknowledged and counted, but not written.
   *
   * @param what the event (and action) ignored, e.g. {@code ping}, {@code pull_request.labeled}
   */
  record Ignored(String what) implements Translation {}
}
