package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusLineTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void ratesAreOverTheTimeSinceThePreviousSample() {
    StatusLine status = new StatusLine();
    Instant sim = Instant.parse("2026-03-02T09:00:00Z");
    assertThat(status.next(new StatusLine.Sample(0, sim, 100, 40, OptionalLong.empty())))
        .isEqualTo("sim 2026-03-02 09:00 UTC | produced - ev/s | processed - rec/s | lag -");
    // 2 s later: 3,000 more sent (1,500/s), 2,500 more processed (1,250/s), 540 behind.
    assertThat(status.next(new StatusLine.Sample(2 * SECOND, sim.plusSeconds(7200), 3_100, 2_540, OptionalLong.of(540))))
        .isEqualTo("sim 2026-03-02 11:00 UTC | produced 1,500 ev/s | processed 1,250 rec/s | lag 540");
    // Half a second later: 0.5 s of nothing new.
    assertThat(status.next(new StatusLine.Sample(2 * SECOND + SECOND / 2, sim.plusSeconds(9000), 3_100, 2_540, OptionalLong.of(0))))
        .isEqualTo("sim 2026-03-02 11:30 UTC | produced 0 ev/s | processed 0 rec/s | lag 0");
  }

  @Test
  void withoutAProducerTheProducerColumnsSayUnknown() {
    StatusLine status = new StatusLine();
    status.next(new StatusLine.Sample(0, null, -1, 0, OptionalLong.empty()));
    assertThat(status.next(new StatusLine.Sample(SECOND, null, -1, 10, OptionalLong.of(1_234_567))))
        .isEqualTo("sim - | produced - ev/s | processed 10 rec/s | lag 1,234,567");
  }
}
