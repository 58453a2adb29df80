package dev.pmpulse.streams.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.SoloProcessor;
import dev.pmpulse.streams.slo.SloSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once recovery of the delivery ledger, which keeps its buckets in memory: after any
 * record the store must hold them all (it is what the changelog holds when the record's offset is
 * committed). A restart here is a new processor on a new store filled with the old store's entries;
 * its KPIs must be exactly those of a run without the restart, over more than the 30-day budget
 * window so that expired buckets are part of it.
 */
class DeliveryLedgerRestoreTest {
  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

  @Test
  void restartAfterAnyRecordGivesTheSameKpis() {
    List<DeliverySample> samples = samples(new Random(3), 34);
    List<DeliveryKpi> uninterrupted = run().feed(samples).forwarded();
    // Hourly samples for 34 days per cluster: the 30-day window fills, then buckets expire.
    assertThat(uninterrupted).hasSize(samples.size());
    assertThat(uninterrupted.get(uninterrupted.size() - 1).produced())
        .as("30 days of the last cluster's hourly samples, not 34")
        .isLessThan(samples.stream().filter(s -> s.cluster().equals("eu-west-1")).mapToLong(DeliverySample::produced).sum());

    for (int restartAfter : new int[] {0, 1, 700, 1_440, 1_441, samples.size() - 1}) {
      SoloProcessor<DeliverySample, DeliveryKpi, DeliveryCounts> first = run().feed(samples.subList(0, restartAfter));
      SoloProcessor<DeliverySample, DeliveryKpi, DeliveryCounts> second = first.restarted().feed(samples.subList(restartAfter, samples.size()));
      List<DeliveryKpi> reported = new ArrayList<>(first.forwarded());
      reported.addAll(second.forwarded());
      assertThat(reported).as("restarted after %d samples", restartAfter).isEqualTo(uninterrupted);
    }
  }

  /** The ledger on its own store, fed as a stream task would. */
  private static SoloProcessor<DeliverySample, DeliveryKpi, DeliveryCounts> run() {
    return new SoloProcessor<>(
        DeliveryLedger.STORE, Json.serde(DeliveryCounts.class),
        () -> new DeliveryLedger(SloSettings.DEFAULTS, new SimpleMeterRegistry().counter("late")),
        DeliverySample::cluster, s -> s.intervalEnd().toEpochMilli());
  }

  /**
   * Two clusters, one sample each per hour (some a little late, some losing or duplicating
   * messages), for {@code days} days.
   */
  private static List<DeliverySample> samples(Random random, int days) {
    List<DeliverySample> out = new ArrayList<>();
    for (int hour = 0; hour < days * 24; hour++) {
      for (String cluster : List.of("us-east-1", "eu-west-1")) {
        Instant end = T0.plus(Duration.ofHours(hour)).minus(Duration.ofMinutes(random.nextInt(3) == 0 ? 7 : 0));
        long produced = 1_000 + random.nextInt(100);
        long lost = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
        long duplicates = random.nextInt(20) == 0 ? 1 : 0;
        out.add(new DeliverySample(DeliverySample.VERSION, cluster, end.minus(Duration.ofHours(1)), end, produced,
            produced - lost, duplicates));
      }
    }
    return out;
  }
}
