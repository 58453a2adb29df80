package dev.pmpulse.demo.scenarios;

import dev.pmpulse.events.Topic;
import dev.pmpulse.producer.ClusterSamples;
import dev.pmpulse.producer.Emission;
import dev.pmpulse.producer.Scenario;
import dev.pmpulse.producer.ScenarioState;
import dev.pmpulse.producer.TeamRoster;
import dev.pmpulse.producer.Workload;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * The producer's real workload (fixed seed) piped through the real topology on a test driver, with
 * scenario switches at chosen simulated instants, the way the demo runs them: {@link
 * Workload#switchScenario} is the call behind {@code POST /scenarios/{name}}.
 *
 * <p>Only the input topics a test names are fed: each KPI reads its own inputs, so leaving out the
 * others changes nothing it computes and keeps the test fast. Latency samples come at the demo's
 * effective rate ({@link #DEMO_SAMPLES_PER_MINUTE}), which is also what the streams app sees there.
 */
final class ScenarioRun implements AutoCloseable {
  static final long SEED = 42;
  /** At the demo's default speed (3600) and sample cap (3000 a wall second): 16 per cluster per minute. */
  static final int DEMO_SAMPLES_PER_MINUTE =
      ClusterSamples.samplesPerMinute(
          ClusterSamples.DEFAULT_SAMPLES_PER_MINUTE, ClusterSamples.DEFAULT_MAX_SAMPLES_PER_SECOND, 3600);

  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Workload workload;
  private final Predicate<Emission<?>> fed;
  private final FullTopology topology;
  private final Map<String, TestInputTopic<String, Object>> inputs = new HashMap<>();

  /**
   * @param origin where the workload starts (steady)
   * @param fed the records to feed (see {@link #topics}); the workload's others are left out
   */
  ScenarioRun(Path stateDir, Instant origin, Predicate<Emission<?>> fed) {
    this.workload = new Workload(TeamRoster.defaults(), SEED, 1.0, DEMO_SAMPLES_PER_MINUTE, origin);
    this.fed = fed;
    this.topology = new FullTopology(stateDir, meters);
  }

  /** Feeds the records of these input topics. */
  @SafeVarargs
  static Predicate<Emission<?>> topics(Topic<String, ?>... topics) {
    Set<String> names = new HashSet<>();
    for (Topic<String, ?> topic : topics) {
      names.add(topic.name());
    }
    return e -> names.contains(e.topic().name());
  }

  /** Feeds every record of the workload up to {@code until}. */
  ScenarioRun runUntil(Instant until) {
    workload.advanceTo(until, this::pipe);
    return this;
  }

  /** Switches the workload the way the producer's control endpoint does, from where it has run to. */
  ScenarioState switchTo(Scenario scenario) {
    return workload.switchScenario(scenario);
  }

  <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return topology.output(topic);
  }

  @SuppressWarnings("unchecked")
  private void pipe(Emission<?> e) {
    if (!fed.test(e)) {
      return;
    }
    TestInputTopic<String, Object> input =
        inputs.computeIfAbsent(
            e.topic().name(),
            name -> topology.input((Topic<String, Object>) e.topic()));
    input.pipeInput(e.key(), e.value(), e.at());
  }

  /** The value of a gauge or counter the topology registered, by its Micrometer name and tags. */
  double meter(String name, String... tags) {
    Meter meter = meters.get(name).tags(tags).meter();
    return meter.measure().iterator().next().getValue();
  }

  @Override
  public void close() {
    topology.close();
  }
}
