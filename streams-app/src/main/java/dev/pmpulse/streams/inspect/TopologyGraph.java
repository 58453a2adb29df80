package dev.pmpulse.streams.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topology as {@code Topology#describe()} tells it, with the real names of the internal topics
 * (Kafka Streams prefixes them with the application id) and each node's place in the code from
 * the {@link ProcessorCatalog}: what the {@code /kafka} page draws.
 *
 * @param subTopologies in Kafka Streams' order; a task id {@code 3_1} is sub-topology 3, partition 1
 */
public record TopologyGraph(List<SubTopology> subTopologies) {
  public enum Kind {
    SOURCE,
    PROCESSOR,
    SINK
  }

  /**
   * A topic a source reads or a sink writes; internal topics are the app's repartition topics.
   *
   * @param described the name in {@code Topology#describe()}: without the application id
   */
  public record TopicRef(String name, boolean internal, String described) {}

  /** A state store and the changelog topic Kafka Streams restores it from. */
  public record StoreRef(String name, String changelog) {}

  /**
   * @param area the {@link ProcessorCatalog.Area} name; null (with the other catalog fields) when
   *     the catalog has no entry, which a test rules out for the app's own topology
   */
  public record Node(
      String name,
      Kind kind,
      List<TopicRef> topics,
      List<StoreRef> stores,
      List<String> next,
      List<String> previous,
      String area,
      String className,
      String sourceFile,
      String what) {}

  /**
   * @param areas the areas of its nodes, in {@link ProcessorCatalog.Area} order
   * @param global a global store's: no tasks, every instance reads all of its topic
   */
  public record SubTopology(int id, List<Node> nodes, List<String> areas, boolean global) {}

  /**
   * @param applicationId the prefix of the app's internal topic names
   * @param externalTopics the registry's topic names; any other topic in the description is one of
   *     the app's repartition topics
   */
  public static TopologyGraph of(TopologyDescription description, String applicationId, Set<String> externalTopics) {
    List<SubTopology> subs = new ArrayList<>();
    for (TopologyDescription.GlobalStore store : description.globalStores()) {
      // Its source topic is its changelog: Kafka Streams restores a global store by reading it.
      String topic = store.source().topicSet().iterator().next();
      subs.add(subTopology(store.id(), List.of(store.source(), store.processor()), applicationId, externalTopics, topic, true));
    }
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      subs.add(subTopology(sub.id(), List.copyOf(sub.nodes()), applicationId, externalTopics, null, false));
    }
    subs.sort(Comparator.comparingInt(SubTopology::id));
    return new TopologyGraph(subs);
  }

  private static SubTopology subTopology(
      int id, List<TopologyDescription.Node> described, String applicationId, Set<String> externalTopics,
      String globalChangelog, boolean global) {
    List<Node> nodes = new ArrayList<>();
    Set<ProcessorCatalog.Area> areas = new TreeSet<>();
    for (TopologyDescription.Node n : described) {
      Kind kind;
      List<TopicRef> topics = new ArrayList<>();
      List<StoreRef> stores = new ArrayList<>();
      if (n instanceof TopologyDescription.Source source) {
        kind = Kind.SOURCE;
        source.topicSet().stream().sorted().forEach(t -> topics.add(topic(t, applicationId, externalTopics)));
      } else if (n instanceof TopologyDescription.Sink sink) {
        kind = Kind.SINK;
        if (sink.topic() != null) {
          topics.add(topic(sink.topic(), applicationId, externalTopics));
        }
      } else {
        kind = Kind.PROCESSOR;
        ((TopologyDescription.Processor) n).stores().stream().sorted().forEach(s -> stores.add(
            new StoreRef(s, globalChangelog != null ? globalChangelog : applicationId + "-" + s + "-changelog")));
      }
      var entry = ProcessorCatalog.of(n.name());
      entry.ifPresent(e -> areas.add(e.area()));
      nodes.add(new Node(
          n.name(),
          kind,
          topics,
          stores,
          n.successors().stream().map(TopologyDescription.Node::name).sorted().toList(),
          n.predecessors().stream().map(TopologyDescription.Node::name).sorted().toList(),
          entry.map(e -> e.area().name()).orElse(null),
          entry.map(ProcessorCatalog.Entry::className).orElse(null),
          entry.map(ProcessorCatalog.Entry::sourceFile).orElse(null),
          entry.map(ProcessorCatalog.Entry::what).orElse(null)));
    }
    nodes.sort(Comparator.comparing(Node::name));
    return new SubTopology(id, nodes, areas.stream().map(Enum::name).toList(), global);
  }

  private static TopicRef topic(String name, String applicationId, Set<String> externalTopics) {
    return externalTopics.contains(name)
        ? new TopicRef(name, false, name)
        : new TopicRef(applicationId + "-" + name, true, name);
  }

  /**
   * What a topic is to the app: {@code input} (read only, into a global store too), {@code output} (written only), {@code
   * output, read back} (a KPI topic the app also reads as a view), {@code repartition}, {@code
   * changelog} (a state store's), or {@code not used by the app}.
   */
  public String role(String topic) {
    boolean read = false;
    boolean written = false;
    boolean internal = false;
    boolean changelog = false;
    for (Node n : nodes()) {
      for (TopicRef t : n.topics()) {
        if (t.name().equals(topic)) {
          read |= n.kind() == Kind.SOURCE;
          written |= n.kind() == Kind.SINK;
          internal |= t.internal();
        }
      }
      changelog |= n.stores().stream().anyMatch(s -> s.changelog().equals(topic));
    }
    if (internal) {
      return "repartition";
    }
    if (read && written) {
      return "output, read back";
    }
    // A global store's topic is read into the store, and is its changelog too: an input.
    return read ? "input" : written ? "output" : changelog ? "changelog" : "not used by the app";
  }

  /** Every node, of every sub-topology. */
  public List<Node> nodes() {
    return subTopologies.stream().flatMap(s -> s.nodes().stream()).toList();
  }

  /** The sub-topology a node belongs to, by node name; -1 if none. */
  public int subTopologyOf(String node) {
    return subTopologies.stream()
        .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(node)))
        .mapToInt(SubTopology::id)
        .findFirst()
        .orElse(-1);
  }
}
