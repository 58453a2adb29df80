package dev.pmpulse.streams.publishlatency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.Json;
import dev.pmpulse.streams.SoloProcessor;
import dev.pmpulse.streams.slo.SloSettings;
import dev.pmpulse.streams.stats.DurationSketch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    List<String> uninterrupted = judged(run().feed(minutes));
    assertThat(uninterrupted).hasSize(minutes.size());
    // The fixture crosses every line both ways, so the comparison covers the violations too.
    assertThat(String.join("\n", uninterrupted)).contains(
        "\"kind\":\"crossed\"", "\"kind\":\"recovered\"", "\"level\":\"band\"", "\"level\":\"incident\"");

    for (int restartAfter : new int[] {0, 1, 9, 10, 11, 37, 79}) {
      SoloProcessor<MinuteP99, SloEvaluation, SloState> first = run().feed(minutes.subList(0, restartAfter));
      SoloProcessor<MinuteP99, SloEvaluation, SloState> second = first.restarted().feed(minutes.subList(restartAfter, minutes.size()));
      List<String> judged = new ArrayList<>(judged(first));
      judged.addAll(judged(second));
      assertThat(judged).as("restarted after minute %d", restartAfter).isEqualTo(uninterrupted);
    }
  }

  /** The evaluator on its own store, fed as a stream task would. */
  private static SoloProcessor<MinuteP99, SloEvaluation, SloState> run() {
    return new SoloProcessor<>(
        SloEvaluator.STORE, Json.serde(SloState.class), () -> new SloEvaluator(SETTINGS),
        MinuteP99::cluster, m -> m.minute().toEpochMilli());
  }

  /** Each judgement (the KPI and its violations) as JSON: records compare by value. */
  private static List<String> judged(SoloProcessor<MinuteP99, SloEvaluation, SloState> run) {
    return run.forwarded().stream().map(Json::write).toList();
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
