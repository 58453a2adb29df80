package dev.pmpulse.streams.publishlatency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.Json;
import dev.pmpulse.streams.slo.SloSettings;
import dev.pmpulse.streams.stats.DurationSketch;
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
 * Exactly-once recovery of the SLO evaluator: after any minute the store must hold the whole
 * state (the baseline minutes, the window of thin minutes, the lines' states), as the changelog
 * does when the minute's offset is committed. A restart here is a new processor on a new store filled with the old
 * store's entries (what a restore from the changelog does); its judgements must come out exactly
 * as without the restart.
 */
class SloEvaluatorRestoreTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  // Thin minutes are judged over a window of earlier ones, and the baseline needs 10 minutes:
  // both are state the evaluator carries from one minute to the next.
  private static final SloSettings SETTINGS = SloSettings.DEFAULTS.withMinSamples(60);

  @Test
  void restartAfterAnyMinuteGivesTheSameJudgements() {
    List<MinuteP99> minutes = minutes(new Random(11), 80);
    List<String> uninterrupted = new Run().feed(minutes).judged;
    assertThat(uninterrupted).hasSize(minutes.size());
    // The fixture crosses every line both ways, so the comparison covers the violations too.
    assertThat(String.join("\n", uninterrupted)).contains(
        "\"kind\":\"crossed\"", "\"kind\":\"recovered\"", "\"level\":\"band\"", "\"level\":\"incident\"");

    for (int restartAfter : new int[] {0, 1, 9, 10, 11, 37, 79}) {
      Run first = new Run().feed(minutes.subList(0, restartAfter));
      Run second = first.restarted().feed(minutes.subList(restartAfter, minutes.size()));
      List<String> judged = new ArrayList<>(first.judged);
      judged.addAll(second.judged);
      assertThat(judged).as("restarted after minute %d", restartAfter).isEqualTo(uninterrupted);
    }
  }

  /** One processor on its own in-memory store, fed minute by minute as a stream task would. */
  private static final class Run {
    final MockProcessorContext<String, SloEvaluation> context = new MockProcessorContext<>();
    final KeyValueStore<String, SloState> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SloEvaluator.STORE), Serdes.String(), Json.serde(SloState.class))
            .withLoggingDisabled()
            .build();
    final SloEvaluator processor = new SloEvaluator(SETTINGS);
    final List<String> judged = new ArrayList<>();

    Run() {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
      processor.init(context);
    }

    Run feed(List<MinuteP99> minutes) {
      for (MinuteP99 m : minutes) {
        processor.process(new Record<>(m.cluster(), m, m.minute().toEpochMilli()));
        // Records compare by value: the KPI and its violations, as JSON.
        context.forwarded().forEach(f -> judged.add(Json.write(f.record().value())));
        context.resetForwards();
      }
      return this;
    }

    /** A new processor whose store holds what this one's store holds now. */
    Run restarted() {
      Run next = new Run();
      try (KeyValueIterator<String, SloState> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, SloState> kv = it.next();
          next.store.put(kv.key, kv.value);
        }
      }
      next.processor.init(next.context);
      return next;
    }
  }

  /**
   * Two clusters' closed minutes, in order: 20 to 90 samples each (some under the 60 a minute is
   * judged alone with), around 30 ms with a slow stretch at 60-90 ms in the middle.
   */
  private static List<MinuteP99> minutes(Random random, int perCluster) {
    List<MinuteP99> out = new ArrayList<>();
    for (int i = 0; i < perCluster; i++) {
      for (String cluster : List.of("us-east-1", "eu-west-1")) {
        double center = i >= 30 && i < 45 ? 60 + random.nextInt(30) : 30;
        DurationSketch sketch = DurationSketch.empty();
        int n = 20 + random.nextInt(71);
        for (int s = 0; s < n; s++) {
          sketch.add(Math.max(0.001, center + random.nextGaussian() * 5) / 1000.0);
        }
        out.add(new MinuteP99(cluster, T0.plusSeconds(60L * i), sketch.count(), sketch.quantile(0.99) * 1000, sketch.toBytes()));
      }
    }
    return out;
  }
}
