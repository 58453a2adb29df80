package dev.pmpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.reviewlatency.PrReview;
import dev.pmpulse.streams.reviewlatency.ReviewLatency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KPI views hold the latest KPI value per team, read from the KPI topic the topology writes. */
class KpiViewsTopologyTest {
  private static final double HOUR = 3600;

  @TempDir Path stateDir;
  private FullTopology topology;
  private TestInputTopic<String, PrEvent> prEvents;
  private TestOutputTopic<String, ReviewLatencyKpi> kpis;
  private int seq;

  @BeforeEach
  void start() {
    topology = new FullTopology(stateDir, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    prEvents = topology.input(Topics.PR_EVENTS);
    kpis = topology.output(Topics.REVIEW_LATENCY_KPI);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  /** A PR of {@code team} asking {@code bo} for review at {@code requested}, approved at {@code approved} (local times). */
  private void reviewedPr(String team, String zone, int number, String requested, String approved) {
    PrEvent opened = event(PrEvent.Type.OPENED, team, zone, number, "ana", List.of("bo"), null, requested);
    PrEvent review = event(PrEvent.Type.REVIEW_SUBMITTED, team, zone, number, "bo", List.of(), PrEvent.ReviewState.APPROVED, approved);
    for (PrEvent e : List.of(opened, review)) {
      prEvents.pipeInput(e.key(), e, e.at());
    }
  }

  private PrEvent event(
      PrEvent.Type type, String team, String zone, int number, String actor, List<String> reviewers,
      PrEvent.ReviewState state, String local) {
    return new PrEvent(
        PrEvent.VERSION, "e" + (++seq), type, "acme/" + team, number, team, "ana", actor, reviewers, List.of(), state,
        List.of(), LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant());
  }

  private KeyValueStore<String, ReviewLatencyKpi> view() {
    return topology.driver().getKeyValueStore(KpiViews.ALL.get(0).storeName());
  }

  /**
   * A task takes its records in timestamp order across all its input partitions. A sub-topology
   * that read two KPI topics would make the newest values of one (publish latency, live from the
   * start) wait behind the whole history of the other (review latency's backfill) at every start.
   */
  @Test
  void everyKpiTopicIsReadInASubTopologyOfItsOwn() {
    TopologyDescription described =
        PmPulseTopology.build(TopologySettings.defaults(new SimpleMeterRegistry())).describe();
    Set<String> viewTopics = KpiViews.ALL.stream().map(v -> v.topic().name()).collect(Collectors.toSet());
    Map<Integer, Set<String>> read = new TreeMap<>();
    for (TopologyDescription.Subtopology sub : described.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          source.topicSet().stream().filter(viewTopics::contains)
              .forEach(t -> read.computeIfAbsent(sub.id(), k -> new TreeSet<>()).add(t));
        }
      }
    }
    assertThat(read.values().stream().flatMap(Set::stream).toList()).containsExactlyInAnyOrderElementsOf(viewTopics);
    assertThat(read).allSatisfy((sub, topics) -> assertThat(topics).as("sub-topology " + sub).hasSize(1));
  }

  @Test
  void viewHoldsTheLatestValuePerTeam() {
    // streams (Los Angeles): 09:00 -> 11:00 = 2 h, then 09:00 -> 15:00 = 6 h; mean 4 h.
    // connect (Berlin, 08:30-17:00): 09:00 -> 12:00 = 3 h. all: (2 + 3 + 6) / 3 h.
    reviewedPr("streams", "America/Los_Angeles", 1, "2026-11-23T09:00", "2026-11-23T11:00");
    reviewedPr("connect", "Europe/Berlin", 2, "2026-11-23T09:00", "2026-11-23T12:00");
    assertThat(view().get("streams").last7Days().count()).isEqualTo(1);

    reviewedPr("streams", "America/Los_Angeles", 3, "2026-11-24T09:00", "2026-11-24T15:00");

    assertThat(view().get("streams").last7Days().count()).isEqualTo(2);
    assertThat(view().get("streams").last7Days().meanSeconds()).isEqualTo(4 * HOUR);
    assertThat(view().get("connect").last7Days().meanSeconds()).isEqualTo(3 * HOUR);
    assertThat(view().get(ReviewLatencyKpi.ALL_TEAMS).last7Days().count()).isEqualTo(3);
    assertThat(view().get(ReviewLatencyKpi.ALL_TEAMS).last7Days().meanSeconds()).isCloseTo(11 * HOUR / 3, within(1e-6));
    assertThat(view().get("platform")).isNull();

    // The view is exactly the newest record per key on the KPI topic.
    Map<String, ReviewLatencyKpi> newestOnTopic = kpis.readKeyValuesToMap();
    assertThat(newestOnTopic).containsOnlyKeys("streams", "connect", ReviewLatencyKpi.ALL_TEAMS);
    newestOnTopic.forEach((team, kpi) -> assertThat(view().get(team)).isEqualTo(kpi));
  }

  @Test
  void prStateIsQueryableByRepoAndNumber() {
    PrEvent opened = event(PrEvent.Type.OPENED, "streams", "UTC", 7, "ana", List.of("bo"), null, "2026-11-23T10:00");
    prEvents.pipeInput(opened.key(), opened, opened.at());

    KeyValueStore<String, PrReview> prs = topology.driver().getKeyValueStore(ReviewLatency.PR_STATE_STORE);
    PrReview pr = prs.get(PrEvent.key("acme/streams", 7));
    assertThat(pr.team()).isEqualTo("streams");
    assertThat(pr.waitingSince()).isEqualTo(opened.at());
    assertThat(pr.measured()).isFalse();
    assertThat(PmPulseTopology.PRS.store()).isEqualTo(ReviewLatency.PR_STATE_STORE);
  }

  @Test
  void everyViewReadsARegisteredTopicIntoItsOwnStore() {
    assertThat(KpiViews.ALL).allSatisfy(v -> assertThat(Topics.all()).contains(v.topic()));
    assertThat(KpiViews.stores().stream().map(QueryableStore::store)).doesNotHaveDuplicates();
    assertThat(KpiViews.stores().stream().map(QueryableStore::view)).doesNotHaveDuplicates().doesNotContain(PmPulseTopology.PRS.view());
  }
}
