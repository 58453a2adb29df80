package dev.pmpulse.streams.escalationresolution;

import dev.pmpulse.events.OpenEscalation;

/**
 * The three things the tracker can make of an event, each bound for its own topic: a change for
 * the KPI (keyed by severity), an update of the open-escalations topic (keyed by id), or a
 * rejection for the dead-letter topic.
 */
sealed interface TrackerOutput
    permits EscalationChange, TrackerOutput.OpenUpdate, TrackerOutput.Rejected {

  /** The new value of an escalation on the compacted topic; null (a tombstone) once resolved. */
  record OpenUpdate(OpenEscalation value) implements TrackerOutput {}

  /** The event's bytes; the reason travels in the record's headers. */
  record Rejected(byte[] raw) implements TrackerOutput {}
}
