package dev.pmpulse.streams.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The catalog of the {@code /kafka} page cannot drift from the code: every node of the real
 * topology has an entry, every entry covers at least one node, and names a class and a source file
 * that exist.
 */
class ProcessorCatalogTest {
  private static final TopologyDescription APP =
      PmPulseTopology.build(TopologySettings.defaults(new SimpleMeterRegistry())).describe();

  /** Every node, the global stores' included. */
  private static List<String> nodes() {
    List<String> nodes = new ArrayList<>();
    APP.subtopologies().forEach(s -> s.nodes().forEach(n -> nodes.add(n.name())));
    APP.globalStores().forEach(g -> {
      nodes.add(g.source().name());
      nodes.add(g.processor().name());
    });
    return nodes;
  }

  @Test
  void everyNodeOfTheAppsTopologyHasAnEntry() {
    assertThat(nodes()).hasSizeGreaterThan(100);
    assertThat(nodes()).as("nodes with no entry in ProcessorCatalog")
        .filteredOn(node -> ProcessorCatalog.of(node).isEmpty())
        .isEmpty();
  }

  @Test
  void everyEntryCoversANode() {
    assertThat(ProcessorCatalog.entries()).as("entries that match no node of the topology")
        .filteredOn(e -> nodes().stream().noneMatch(node -> e.names().matcher(node).matches()))
        .isEmpty();
  }

  @Test
  void everyEntryNamesAClassAndSourceFileThatExist() throws Exception {
    for (ProcessorCatalog.Entry e : ProcessorCatalog.entries()) {
      Class.forName(e.className());
      // Tests run in the module's directory; the path is from the repository's root.
      assertThat(Path.of("..").resolve(e.sourceFile())).as(e.names().pattern()).exists();
    }
  }

  @Test
  void aNodeMatchesByItsWholeName() {
    assertThat(ProcessorCatalog.of("parse-pmpulse.pr-events")).map(ProcessorCatalog.Entry::className)
        .hasValue("dev.pmpulse.streams.intake.ParseProcessor");
    assertThat(ProcessorCatalog.of("parse-pmpulse.pr-events-extra")).isEmpty();
    assertThat(ProcessorCatalog.of("KSTREAM-MAPVALUES-0000000042")).isEmpty();
  }

  @Test
  void everyAreaHasEntries() {
    for (ProcessorCatalog.Area area : ProcessorCatalog.Area.values()) {
      assertThat(ProcessorCatalog.entries()).as(area.label()).anyMatch(e -> e.area() == area);
    }
    assertThat(Files.exists(Path.of("src/main/java/dev/pmpulse/streams/inspect/ProcessorCatalog.java"))).isTrue();
  }
}
