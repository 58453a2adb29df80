package dev.pmpulse.streams.publishlatency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.streams.SoloProcessor;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once recovery of the minute aggregator: after any record, the store must hold the whole
 * state, because that is what the changelog holds when the record's offset is committed. A
 * restart here is a new processor on a new store filled with the old store's entries (what a
 * restore from the changelog does); its minutes must come out exactly as without the restart.
 */
class MinuteP99RestoreTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(10);

  @Test
  void restartAfterAnyRecordGivesTheSameMinutes() {
    List<LatencySample> samples = samples(new Random(5), 3_000);
    List<MinuteP99> uninterrupted = run().feed(samples).forwarded();

    for (int restartAfter : new int[] {0, 1, 499, 1_000, 1_001, 2_222}) {
      SoloProcessor<LatencySample, MinuteP99, byte[]> first = run().feed(samples.subList(0, restartAfter));
      SoloProcessor<LatencySample, MinuteP99, byte[]> second = first.restarted().feed(samples.subList(restartAfter, samples.size()));
      List<MinuteP99> closed = new ArrayList<>(first.forwarded());
      closed.addAll(second.forwarded());
      assertSameMinutes(closed, uninterrupted);
    }
  }

  @Test
  void minutesAreThoseOfASketchOfTheirSamples() {
    List<LatencySample> samples = samples(new Random(9), 2_000);
    List<MinuteP99> closed = run().feed(samples).forwarded();
    assertThat(closed).isNotEmpty();
    for (MinuteP99 m : closed) {
      DurationSketch expected = DurationSketch.empty();
      samples.stream()
          .filter(s -> s.cluster().equals(m.cluster()))
          .filter(s -> !s.at().isBefore(m.minute()) && s.at().isBefore(m.minute().plusSeconds(60)))
          .forEach(s -> expected.add(s.latencyMs() / 1000.0));
      assertThat(m.count()).isEqualTo(expected.count());
      assertThat(m.p99Ms()).isEqualTo(expected.quantile(0.99) * 1000);
      assertThat(m.sketch()).isEqualTo(expected.toBytes());
    }
  }

  @Test
  void restoresMinutesStoredInTheEarlierSketchFormat() {
    // What the store held before the histogram format: the minute's DDSketch bytes.
    DurationSketch before = DurationSketch.empty().add(0.010).add(0.020).add(0.030);
    SoloProcessor<LatencySample, MinuteP99, byte[]> run = run();
    long minute = T0.toEpochMilli();
    run.store().put(MinuteP99Aggregator.key("eu-1", minute), before.toBytes());
    run = run.restarted();
    run.feed(List.of(sample("eu-1", T0.plusSeconds(50), 40), sample("eu-1", T0.plusSeconds(200), 5)));

    DurationSketch expected = DurationSketch.empty().add(0.010).add(0.020).add(0.030).add(0.040);
    assertThat(run.forwarded()).hasSize(1);
    assertThat(run.forwarded().get(0).count()).isEqualTo(4);
    assertThat(run.forwarded().get(0).sketch()).isEqualTo(expected.toBytes());
  }

  /** The aggregator on its own store, fed as a stream task would. */
  private static SoloProcessor<LatencySample, MinuteP99, byte[]> run() {
    return new SoloProcessor<>(
        MinuteP99Aggregator.STORE, Serdes.ByteArray(),
        () -> new MinuteP99Aggregator(GRACE, new SimpleMeterRegistry().counter("late")),
        LatencySample::cluster, s -> s.at().toEpochMilli());
  }

  /** Two clusters, interleaved, over a few minutes, slightly out of order. */
  private static List<LatencySample> samples(Random random, int n) {
    List<LatencySample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long seconds = Math.max(0, i / 10 - random.nextInt(3));
      String cluster = random.nextBoolean() ? "us-east-1" : "eu-west-1";
      out.add(sample(cluster, T0.plusSeconds(seconds), Math.exp(random.nextGaussian() + 3)));
    }
    return out;
  }

  private static LatencySample sample(String cluster, Instant at, double ms) {
    return new LatencySample(LatencySample.VERSION, cluster, "region", "produce", ms, at);
  }

  private static void assertSameMinutes(List<MinuteP99> actual, List<MinuteP99> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      MinuteP99 a = actual.get(i);
      MinuteP99 e = expected.get(i);
      assertThat(a.cluster()).isEqualTo(e.cluster());
      assertThat(a.minute()).isEqualTo(e.minute());
      assertThat(a.count()).isEqualTo(e.count());
      assertThat(a.p99Ms()).isEqualTo(e.p99Ms());
      assertThat(a.sketch()).isEqualTo(e.sketch());
    }
  }
}
