package dev.pmpulse.streams.rollouts;

import static dev.pmpulse.streams.rollouts.RolloutStory.at;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * The rollout piece alone on a test driver, fed judged minutes written by hand, so a test chooses
 * exactly in which order stages and minutes reach the judge. Every minute has a baseline of 10 ms, a
 * band of 11 ms and an incident line of 15 ms; its verdict holds from the end of the minute.
 */
final class JudgeStory implements AutoCloseable {
  static final double BASELINE_MS = 10;
  static final double BAND_MS = 11;
  static final double INCIDENT_MS = 15;
  private static final String STAGES = "test.rollout-stages";
  private static final String MINUTES = "test.judged-minutes";

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, RolloutEvent> stages;
  private final TestInputTopic<String, PublishLatencyKpi> minutes;
  private final TestOutputTopic<String, RolloutDecision> decisions;
  private int seq;

  JudgeStory(Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    new Rollouts(Rollouts.DEFAULT_SOAK)
        .build(
            builder,
            builder.stream(STAGES, Consumed.with(Topics.ROLLOUT_EVENTS.keySerde(), Topics.ROLLOUT_EVENTS.valueSerde())),
            builder.stream(
                MINUTES, Consumed.with(Topics.PUBLISH_LATENCY_KPI.keySerde(), Topics.PUBLISH_LATENCY_KPI.valueSerde())),
            new SimpleMeterRegistry());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollout-judge-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(builder.build(), props);
    stages =
        driver.createInputTopic(
            STAGES, Topics.ROLLOUT_EVENTS.keySerde().serializer(), Topics.ROLLOUT_EVENTS.valueSerde().serializer());
    minutes =
        driver.createInputTopic(
            MINUTES,
            Topics.PUBLISH_LATENCY_KPI.keySerde().serializer(),
            Topics.PUBLISH_LATENCY_KPI.valueSerde().serializer());
    decisions =
        driver.createOutputTopic(
            Topics.ROLLOUT_DECISIONS.name(),
            Topics.ROLLOUT_DECISIONS.keySerde().deserializer(),
            Topics.ROLLOUT_DECISIONS.valueSerde().deserializer());
  }

  void stage(String flag, String cluster, int percent, int minute) {
    RolloutEvent e = new RolloutEvent(RolloutEvent.VERSION, "ro-" + (++seq), flag, cluster, percent, at(minute));
    stages.pipeInput(e.key(), e, e.at());
  }

  /** Minutes {@code from..to} of {@code cluster} judged at {@code p99Ms}, each timed at its end. */
  JudgeStory minutes(String cluster, int from, int to, double p99Ms) {
    for (int n = from; n <= to; n++) {
      PublishLatencyKpi kpi =
          new PublishLatencyKpi(
              PublishLatencyKpi.VERSION, cluster, at(n), 100, p99Ms, BASELINE_MS, 50, BAND_MS, INCIDENT_MS, false,
              p99Ms > BAND_MS, p99Ms > INCIDENT_MS);
      minutes.pipeInput(cluster, kpi, at(n + 1));
    }
    return this;
  }

  List<RolloutDecision> decisions() {
    return decisions.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
