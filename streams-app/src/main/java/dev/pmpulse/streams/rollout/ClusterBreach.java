package dev.pmpulse.streams.rollout;

import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.SloViolation.Kind;
import dev.pmpulse.events.SloViolation.Level;
import java.time.Instant;

/**
 * A cluster's band and incident breach state as its violations last said, with the time of the
 * latest change ({@code at}, the end of that violation's minute) and the crossing that started the
 * current breach ({@code crossing}, null when not breached).
 */
record ClusterBreach(boolean band, boolean incident, Instant at, SloViolation crossing) {
  static final ClusterBreach NONE = new ClusterBreach(false, false, Instant.EPOCH, null);

  boolean breached() {
    return band || incident;
  }

  ClusterBreach apply(SloViolation v) {
    boolean on = v.kind() == Kind.CROSSED;
    boolean nextBand = v.level() == Level.BAND ? on : band;
    boolean nextIncident = v.level() == Level.INCIDENT ? on : incident;
    SloViolation nextCrossing = !(nextBand || nextIncident) ? null : breached() ? crossing : v;
    return new ClusterBreach(nextBand, nextIncident, RolloutSignal.timeOf(v), nextCrossing);
  }
}
