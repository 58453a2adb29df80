package dev.pmpulse.streams.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.inspect.TopologyGraph.Kind;
import dev.pmpulse.streams.inspect.TopologyGraph.Node;
import dev.pmpulse.streams.inspect.TopologyGraph.StoreRef;
import dev.pmpulse.streams.inspect.TopologyGraph.TopicRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

class TopologyGraphTest {
  private static final Set<String> REGISTRY = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
  private static final Topology TOPOLOGY =
      PmPulseTopology.build(TopologySettings.defaults(new SimpleMeterRegistry()));
  private final TopologyGraph graph = TopologyGraph.of(TOPOLOGY.describe(), "app", REGISTRY);

  @Test
  void everySubTopologyOfTheDescriptionWithItsNodes() {
    var described = TOPOLOGY.describe();
    assertThat(graph.subTopologies()).hasSize(described.subtopologies().size() + described.globalStores().size());
    // Ids as Kafka Streams numbers them, the global store's first.
    assertThat(graph.subTopologies()).extracting(TopologyGraph.SubTopology::id)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, graph.subTopologies().size()).boxed().toList());
    int nodes = described.subtopologies().stream().mapToInt(s -> s.nodes().size()).sum() + 2 * described.globalStores().size();
    assertThat(graph.nodes()).hasSize(nodes).allSatisfy(n -> assertThat(n.area()).as(n.name()).isNotNull());
  }

  @Test
  void sourcesSinksAndProcessorsWithTheirTopicsStoresAndEdges() {
    Node read = node("read-pmpulse.pr-events");
    assertThat(read.kind()).isEqualTo(Kind.SOURCE);
    assertThat(read.topics()).containsExactly(new TopicRef("pmpulse.pr-events", false, "pmpulse.pr-events"));
    assertThat(read.next()).containsExactly("parse-pmpulse.pr-events");
    assertThat(read.area()).isEqualTo("INTAKE");

    // A repartition topic has the application id in front of the name the topology gives it.
    Node sink = node("review-outcomes-by-team-repartition-sink");
    assertThat(sink.kind()).isEqualTo(Kind.SINK);
    assertThat(sink.topics()).containsExactly(new TopicRef("app-review-outcomes-by-team-repartition", true, "review-outcomes-by-team-repartition"));
    int from = graph.subTopologyOf(sink.name());
    int to = graph.subTopologyOf("review-outcomes-by-team-repartition-source");
    assertThat(from).isNotEqualTo(to);
    assertThat(node("review-outcomes-by-team-repartition-source").topics())
        .containsExactly(new TopicRef("app-review-outcomes-by-team-repartition", true, "review-outcomes-by-team-repartition"));

    Node tracker = node("escalation-track");
    assertThat(tracker.kind()).isEqualTo(Kind.PROCESSOR);
    assertThat(tracker.stores()).containsExactly(new StoreRef("escalation-state", "app-escalation-state-changelog"));
    assertThat(tracker.className()).isEqualTo("dev.pmpulse.streams.escalationresolution.EscalationTracker");
    assertThat(tracker.sourceFile())
        .isEqualTo("streams-app/src/main/java/dev/pmpulse/streams/escalationresolution/EscalationTracker.java");
    assertThat(tracker.previous()).containsExactly("valid-pmpulse.escalation-events");

    assertThat(node("open-escalations-out").topics()).containsExactly(new TopicRef("pmpulse.open-escalations", false, "pmpulse.open-escalations"));
  }

  @Test
  void aSubTopologyListsTheAreasOfItsNodes() {
    TopologyGraph.SubTopology prs = sub(graph.subTopologyOf("read-pmpulse.pr-events"));
    assertThat(prs.areas()).containsExactly("INTAKE", "REVIEW_LATENCY", "API_STABILITY");
    assertThat(prs.global()).isFalse();
  }

  @Test
  void theTeamsGlobalStoreIsASubTopologyOfItsOwnWhoseTopicIsItsChangelog() {
    TopologyGraph.SubTopology teams = sub(graph.subTopologyOf("teams-in"));
    assertThat(teams.global()).isTrue();
    assertThat(teams.areas()).containsExactly("TEAMS");
    assertThat(node("teams-in").stores()).containsExactly(new StoreRef("teams", Topics.TEAMS.name()));
    assertThat(graph.role(Topics.TEAMS.name())).isEqualTo("input");
    assertThat(graph.role("app-escalation-state-changelog")).isEqualTo("changelog");
    assertThat(graph.role(Topics.OPEN_ESCALATIONS.name())).isEqualTo("output, read back");
    assertThat(graph.role(Topics.DEAD_LETTER.name())).isEqualTo("output");
    assertThat(graph.role("app-review-outcomes-by-team-repartition")).isEqualTo("repartition");
    assertThat(graph.role(Topics.PRODUCER_PROGRESS.name())).isEqualTo("not used by the app");
  }

  private TopologyGraph.SubTopology sub(int id) {
    return graph.subTopologies().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
  }

  private Node node(String name) {
    return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }
}
