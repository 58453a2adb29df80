package dev.pmpulse.streams.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery guarantee against 99.99% (error budget 0.0001 of messages): bad = produced - delivered +
 * duplicates; burn = bad ratio over the window / 0.0001. Expected values worked out in each test.
 */
class DeliveryTopologyTest {
  private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
  private static final double EPS = 1e-6;

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private FullTopology topology;
  private TestInputTopic<String, DeliverySample> samples;
  private TestOutputTopic<String, DeliveryKpi> kpis;

  @BeforeEach
  void start() {
    topology = new FullTopology(stateDir, meters);
    samples = topology.input(Topics.DELIVERY_SAMPLES);
    kpis = topology.output(Topics.DELIVERY_KPI);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  /** A 10-second interval ending at {@code end}; returns the KPI it produced. */
  private DeliveryKpi send(Instant end, long produced, long delivered, long duplicates) {
    DeliverySample s =
        new DeliverySample(DeliverySample.VERSION, "c1", end.minusSeconds(10), end, produced, delivered, duplicates);
    samples.pipeInput("c1", s, end);
    List<DeliveryKpi> out = kpis.readValuesToList();
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void fastPageNeedsBothTheHourAndTheFiveMinutesAbove14_4() {
    // 10:01: 10,000,000 produced, all delivered: inside the 6 h window (10:01..16:00), outside 1 h.
    DeliveryKpi quiet = send(NOW.minus(Duration.ofMinutes(359)), 10_000_000, 10_000_000, 0);
    assertThat(quiet.burnRate6h()).isZero();
    assertThat(quiet.pageFast()).isFalse();
    // 16:00: 100,000 produced, 99,800 delivered: bad 200, ratio 0.002 -> burn 20 in 5m, 30m and 1h.
    DeliveryKpi kpi = send(NOW, 100_000, 99_800, 0);
    assertThat(kpi.burnRate5m()).isCloseTo(20, within(EPS));
    assertThat(kpi.burnRate30m()).isCloseTo(20, within(EPS));
    assertThat(kpi.burnRate1h()).isCloseTo(20, within(EPS));
    // 6 h: 200 / 10,100,000 = 1.980198e-5 -> burn 0.1980198.
    assertThat(kpi.burnRate6h()).isCloseTo(200.0 / 10_100_000 / 0.0001, within(EPS));
    assertThat(kpi.pageFast()).isTrue(); // 20 > 14.4 in 1h and 5m
    assertThat(kpi.pageSlow()).isFalse(); // 6h 0.198 < 6
    // 30 days: 10,100,000 produced, 10,099,800 delivered; budget left 1 - 1.980198e-5 / 1e-4.
    assertThat(kpi.produced()).isEqualTo(10_100_000);
    assertThat(kpi.delivered()).isEqualTo(10_099_800);
    assertThat(kpi.deliveryRatio()).isCloseTo(10_099_800.0 / 10_100_000, within(1e-12));
    assertThat(kpi.errorBudgetRemaining()).isCloseTo(1 - 0.1980198, within(EPS));
    assertThat(kpi.targetRatio()).isEqualTo(0.9999);
  }

  @Test
  void slowPageWithoutFastPage() {
    // 100,000 produced, 99,900 delivered: ratio 0.001 -> burn 10 in every window: > 6, not > 14.4.
    DeliveryKpi kpi = send(NOW, 100_000, 99_900, 0);
    assertThat(kpi.burnRate5m()).isCloseTo(10, within(EPS));
    assertThat(kpi.burnRate6h()).isCloseTo(10, within(EPS));
    assertThat(kpi.pageSlow()).isTrue();
    assertThat(kpi.pageFast()).isFalse();
  }

  @Test
  void aBurstThatIsOverDoesNotPage() {
    // 15:10: 100,000 produced, 98,000 delivered (bad 2,000); 16:00: 1,000,000 produced, all delivered.
    send(NOW.minus(Duration.ofMinutes(50)), 100_000, 98_000, 0);
    DeliveryKpi kpi = send(NOW, 1_000_000, 1_000_000, 0);
    // 1 h and 6 h: 2,000 / 1,100,000 = 0.0018182 -> burn 18.18; 5 m and 30 m: only 16:00 -> 0.
    assertThat(kpi.burnRate1h()).isCloseTo(18.181818, within(EPS));
    assertThat(kpi.burnRate6h()).isCloseTo(18.181818, within(EPS));
    assertThat(kpi.burnRate5m()).isZero();
    assertThat(kpi.burnRate30m()).isZero();
    assertThat(kpi.pageFast()).isFalse();
    assertThat(kpi.pageSlow()).isFalse();
  }

  @Test
  void duplicatesSpendTheBudgetAndOldSamplesCountOnlyForThirtyDays() {
    // 20 days ago: 1,000,000 produced, 999,950 delivered, 20 duplicates: bad 50 + 20 = 70.
    send(NOW.minus(Duration.ofDays(20)), 1_000_000, 999_950, 20);
    // Empty intervals move time on in steps: the intake refuses events more than 7 days ahead.
    send(NOW.minus(Duration.ofDays(14)), 0, 0, 0);
    send(NOW.minus(Duration.ofDays(7)), 0, 0, 0);
    // Now: 1,000,000 produced, all delivered once.
    DeliveryKpi kpi = send(NOW, 1_000_000, 1_000_000, 0);
    // 30 days: produced 2,000,000, delivered 1,999,950, duplicates 20, bad 70, ratio 3.5e-5.
    assertThat(kpi.produced()).isEqualTo(2_000_000);
    assertThat(kpi.duplicates()).isEqualTo(20);
    assertThat(kpi.deliveryRatio()).isCloseTo(0.999975, within(1e-12));
    assertThat(kpi.duplicateRatio()).isCloseTo(0.00001, within(1e-12));
    assertThat(kpi.errorBudgetRemaining()).isCloseTo(1 - 0.35, within(EPS));
    assertThat(kpi.burnRate6h()).isZero(); // the bad events are 20 days old

    // 7 hours ago (outside 6 h, inside 30 days): 1,000,000 produced, 999,990 delivered: bad 10.
    kpi = send(NOW.minus(Duration.ofHours(7)), 1_000_000, 999_990, 0);
    // bad 80 / 3,000,000 = 2.6667e-5 -> budget left 1 - 0.26667 = 0.73333; still no burn.
    assertThat(kpi.errorBudgetRemaining()).isCloseTo(1 - 80.0 / 3_000_000 / 0.0001, within(EPS));
    assertThat(kpi.burnRate6h()).isZero();

    // 31 days ago: outside the window, late, not counted.
    kpi = send(NOW.minus(Duration.ofDays(31)), 1_000, 0, 0);
    assertThat(kpi.produced()).isEqualTo(3_000_000);
    assertThat(meters.counter("pmpulse.late.records", "kpi", "delivery").count()).isEqualTo(1);

    // Eleven days on (in two steps), the sample
    // of 20 days ago is 31 days old and leaves the budget window: left are 1,000,000 (bad 0) +
    // 1,000,000 (bad 10) + 1,000 + 1,000 (bad 0) -> 10 / 2,002,000.
    send(NOW.plus(Duration.ofDays(6)), 1_000, 1_000, 0);
    kpi = send(NOW.plus(Duration.ofDays(11)), 1_000, 1_000, 0);
    assertThat(kpi.produced()).isEqualTo(2_002_000);
    assertThat(kpi.errorBudgetRemaining()).isCloseTo(1 - 10.0 / 2_002_000 / 0.0001, within(EPS));
  }

  @Test
  void overspentBudgetGoesNegative() {
    // bad 20 + 10 = 30 of 100,000 = 3e-4: three budgets' worth -> remaining 1 - 3 = -2, and a
    // burn of 3, which pages on neither condition.
    DeliveryKpi kpi = send(NOW, 100_000, 99_980, 10);
    assertThat(kpi.errorBudgetRemaining()).isCloseTo(-2, within(EPS));
    assertThat(kpi.burnRate5m()).isCloseTo(3, within(EPS));
    assertThat(kpi.pageFast()).isFalse();
    assertThat(kpi.pageSlow()).isFalse();
  }
}
