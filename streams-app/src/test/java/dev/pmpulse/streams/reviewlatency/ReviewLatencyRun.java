package dev.pmpulse.streams.reviewlatency;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/** The review latency tests' setup: the full topology, PR events in, KPI records out. */
final class ReviewLatencyRun implements AutoCloseable {
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final FullTopology topology;
  final TestInputTopic<String, PrEvent> prEvents;
  final TestOutputTopic<String, ReviewLatencyKpi> kpis;
  private final Map<String, ReviewLatencyKpi> latest = new HashMap<>();

  ReviewLatencyRun(Path stateDir) {
    topology = new FullTopology(stateDir, meters);
    prEvents = topology.input(Topics.PR_EVENTS);
    kpis = topology.output(Topics.REVIEW_LATENCY_KPI);
  }

  /** Each event with its event time as the record's timestamp. */
  void send(PrEvent... events) {
    for (PrEvent e : events) {
      prEvents.pipeInput(e.key(), e, e.at());
    }
  }

  /** The newest KPI record per team emitted so far (reads what the output topic holds). */
  Map<String, ReviewLatencyKpi> latestByTeam() {
    latest.putAll(kpis.readKeyValuesToMap());
    return latest;
  }

  @Override
  public void close() {
    topology.close();
  }
}
