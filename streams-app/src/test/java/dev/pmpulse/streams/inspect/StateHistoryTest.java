package dev.pmpulse.streams.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StateHistoryTest {
  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void keepsTheLatestChangesOldestFirst() {
    StateHistory history = new StateHistory(Clock.fixed(AT, ZoneOffset.UTC));
    history.onChange(State.REBALANCING, State.CREATED);
    history.onChange(State.RUNNING, State.REBALANCING);
    assertThat(history.changes()).containsExactly(
        new StateHistory.Change(State.CREATED, State.REBALANCING, AT),
        new StateHistory.Change(State.REBALANCING, State.RUNNING, AT));

    for (int i = 0; i < StateHistory.KEPT; i++) {
      history.onChange(i % 2 == 0 ? State.REBALANCING : State.RUNNING, i % 2 == 0 ? State.RUNNING : State.REBALANCING);
    }
    assertThat(history.changes()).hasSize(StateHistory.KEPT)
        .first().isEqualTo(new StateHistory.Change(State.RUNNING, State.REBALANCING, AT));
  }
}
