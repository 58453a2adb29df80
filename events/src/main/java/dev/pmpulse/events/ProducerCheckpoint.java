package dev.pmpulse.events;

import java.time.Instant;
import java.util.List;

/**
 * Where a producer run got to, written in the same Kafka transaction as the events it covers, so
 * a restarted producer knows exactly which events are already on the topics.
 *
 * @param v contract version, {@value #VERSION} for this shape
 * @param run the run's identity: the settings that decide its events (seed, start, ...)
 * @param upTo every event of the run at or before this simulated instant is on the topics, and
 *     none after it
 * @param events how many events that is
 * @param switches the scenario switches applied so far, in order, with the simulated instant of
 *     each: with the run's settings they decide every event
 */
public record ProducerCheckpoint(int v, String run, Instant upTo, long events, List<ScenarioSwitch> switches) {
  public static final int VERSION = 1;

  public ProducerCheckpoint {
    switches = List.copyOf(switches);
  }

  /** A scenario switch, by the scenario's name, at a simulated instant. */
  public record ScenarioSwitch(String scenario, Instant at) {}
}
