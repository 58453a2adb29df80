package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the suite compares two runs' daily updates: no gap, the same last day; the first may differ. */
class DayGapsTest {
  @Test
  void aLaterFirstDayIsAcceptedAGapOrAnotherLastDayIsNot() {
    Set<String> expected = Set.of("2026-11-24", "2026-11-25", "2026-11-26");
    assertThat(CommittedOutput.dayGaps(expected, expected)).isEmpty();
    assertThat(CommittedOutput.dayGaps(expected, Set.of("2026-11-25", "2026-11-26"))).isEmpty();
    assertThat(CommittedOutput.dayGaps(expected, Set.of("2026-11-24", "2026-11-26")))
        .containsExactly("daily updates: no update for 2026-11-25 (a gap)");
    assertThat(CommittedOutput.dayGaps(expected, Set.of("2026-11-24", "2026-11-25")))
        .containsExactly("daily updates: last date 2026-11-25 but expected 2026-11-26",
            "daily updates: no update for 2026-11-26 (a gap)");
    assertThat(CommittedOutput.dayGaps(expected, Set.of())).hasSize(1);
  }
}
