package dev.pmpulse.streams.rollouts;

import static dev.pmpulse.streams.slo.SloTestSettings.PER_MINUTE;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.slo.SloTestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * The full topology on a test driver, with rollouts told in minutes after {@link #T0}. Violations
 * come from real latency samples: one sample per cluster per minute, at 10 s into the minute, so a
 * minute closes (10 s grace) when the next minute's sample arrives. With the default SLO settings,
 * ten minutes at 10 ms make a baseline of 10 ms, a band of 11 ms and an incident line of 15 ms
 * (with {@link SloTestSettings#PER_MINUTE}, the SLO lines the stories work out by hand: every
 * minute judged on its own samples, a 10% band, a 50% incident margin, a baseline of the last 60
 * minutes).
 */
final class RolloutStory implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  final FullTopology topology;
  private final TestInputTopic<String, LatencySample> samples;
  private final TestInputTopic<String, RolloutEvent> rollouts;
  private final TestOutputTopic<String, RolloutDecision> decisions;
  private int seq;

  RolloutStory(MeterRegistry meters, Path stateDir) {
    this(meters, stateDir, Rollouts.DEFAULT_SOAK);
  }

  RolloutStory(MeterRegistry meters, Path stateDir, Duration soak) {
    topology = new FullTopology(stateDir, TopologySettings.defaults(meters).withSlo(PER_MINUTE).withRolloutSoak(soak));
    samples = topology.input(Topics.LATENCY_SAMPLES);
    rollouts = topology.input(Topics.ROLLOUT_EVENTS);
    decisions = topology.output(Topics.ROLLOUT_DECISIONS);
  }

  static Instant at(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  /** One sample of {@code ms} for {@code cluster} in each minute {@code from..to}, at 10 s into it. */
  RolloutStory latency(String cluster, int from, int to, double ms) {
    for (int n = from; n <= to; n++) {
      Instant t = at(n).plusSeconds(10);
      samples.pipeInput(cluster, new LatencySample(LatencySample.VERSION, cluster, "r", "produce", ms, t), t);
    }
    return this;
  }

  RolloutEvent stage(String flag, String cluster, int percent, int minute) {
    RolloutEvent e = new RolloutEvent(RolloutEvent.VERSION, "ro-" + (++seq), flag, cluster, percent, at(minute));
    send(e);
    return e;
  }

  void send(RolloutEvent e) {
    rollouts.pipeInput(e.key(), e, e.at());
  }

  List<RolloutDecision> decisions() {
    return decisions.readValuesToList();
  }

  @Override
  public void close() {
    topology.close();
  }
}
