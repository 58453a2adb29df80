package dev.pmpulse.streams.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.slo.SloSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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
    List<DeliveryKpi> uninterrupted = new Run().feed(samples).reported;
    // Hourly samples for 34 days per cluster: the 30-day window fills, then buckets expire.
    assertThat(uninterrupted).hasSize(samples.size());
    assertThat(uninterrupted.get(uninterrupted.size() - 1).produced())
        .as("30 days of the last cluster's hourly samples, not 34")
        .isLessThan(samples.stream().filter(s -> s.cluster().equals("eu-west-1")).mapToLong(DeliverySample::produced).sum());

    for (int restartAfter : new int[] {0, 1, 700, 1_440, 1_441, samples.size() - 1}) {
      Run first = new Run().feed(samples.subList(0, restartAfter));
      Run second = first.restarted().feed(samples.subList(restartAfter, samples.size()));
      List<DeliveryKpi> reported = new ArrayList<>(first.reported);
      reported.addAll(second.reported);
      assertThat(reported).as("restarted after %d samples", restartAfter).isEqualTo(uninterrupted);
    }
  }

  /** One processor on its own in-memory store, fed record by record as a stream task would. */
  private static final class Run {
    final MockProcessorContext<String, DeliveryKpi> context = new MockProcessorContext<>();
    final KeyValueStore<String, DeliveryCounts> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(DeliveryLedger.STORE), Serdes.String(), Json.serde(DeliveryCounts.class))
            .withLoggingDisabled()
            .build();
    final DeliveryLedger processor = new DeliveryLedger(SloSettings.DEFAULTS, new SimpleMeterRegistry().counter("late"));
    final List<DeliveryKpi> reported = new ArrayList<>();
    long streamTime = -1;

    Run() {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
      processor.init(context);
    }

    Run feed(List<DeliverySample> samples) {
      for (DeliverySample s : samples) {
        streamTime = Math.max(streamTime, s.intervalEnd().toEpochMilli());
        context.setCurrentStreamTimeMs(streamTime);
        processor.process(new Record<>(s.cluster(), s, s.intervalEnd().toEpochMilli()));
        context.forwarded().forEach(f -> reported.add(f.record().value()));
        context.resetForwards();
      }
      return this;
    }

    /** A new processor whose store holds what this one's store holds now. */
    Run restarted() {
      Run next = new Run();
      try (KeyValueIterator<String, DeliveryCounts> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, DeliveryCounts> kv = it.next();
          next.store.put(kv.key, kv.value);
        }
      }
      next.processor.init(next.context);
      next.streamTime = streamTime;
      return next;
    }
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
