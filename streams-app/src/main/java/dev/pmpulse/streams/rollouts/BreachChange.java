package dev.pmpulse.streams.rollouts;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.SloViolation.Level;
import java.time.Instant;

/**
 * A change of a cluster's band or incident breach state, timed at the end of the judged minute
 * that caused it (when that minute's p99 is known).
 *
 * @param crossing the crossing that started the current breach (it outlives a band-to-incident
 *     escalation), null when not breached
 */
record BreachChange(Instant at, boolean band, boolean incident, Crossing crossing) {
  static final BreachChange NONE = new BreachChange(Instant.EPOCH, false, false, null);

  /** A line crossed: which one, in which minute, and the p99 judged against it. */
  record Crossing(Level level, Instant minute, double p99Ms, double thresholdMs) {
    String describe(String cluster) {
      return level.tag() + " line of " + cluster + " crossed in minute " + minute + " (p99 " + p99Ms + " ms > "
          + thresholdMs + " ms)";
    }
  }

  boolean breached() {
    return band || incident;
  }

  /**
   * The state after {@code minute}, or null when the minute changes neither line. Band before
   * incident when both cross together: the band lies below, so it is the line crossed first.
   */
  BreachChange after(PublishLatencyKpi minute) {
    if (minute.bandBreached() == band && minute.incidentBreached() == incident) {
      return null;
    }
    boolean next = minute.bandBreached() || minute.incidentBreached();
    Crossing c = null;
    if (next && breached()) {
      c = crossing;
    } else if (next) {
      c = minute.bandBreached()
          ? new Crossing(Level.BAND, minute.minute(), minute.p99Ms(), minute.bandMs())
          : new Crossing(Level.INCIDENT, minute.minute(), minute.p99Ms(), minute.incidentMs());
    }
    return new BreachChange(
        RolloutSignal.judgedAt(minute), minute.bandBreached(), minute.incidentBreached(), c);
  }
}
