package dev.pmpulse.streams.inspect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The streams client's state changes, the latest {@link #KEPT}: what the {@code /kafka} page shows
 * when a stream thread crashes or the broker goes away (RUNNING, REBALANCING, RUNNING again).
 * Registered as the client's state listener.
 */
public final class StateHistory implements KafkaStreams.StateListener {
  static final int KEPT = 30;

  /** One change of state, at a wall-clock instant. */
  public record Change(KafkaStreams.State from, KafkaStreams.State to, Instant at) {}

  private final Clock clock;
  private final Deque<Change> changes = new ArrayDeque<>();

  public StateHistory() {
    this(Clock.systemUTC());
  }

  StateHistory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    changes.addLast(new Change(oldState, newState, clock.instant()));
    while (changes.size() > KEPT) {
      changes.removeFirst();
    }
  }

  /** Oldest first. */
  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }
}
