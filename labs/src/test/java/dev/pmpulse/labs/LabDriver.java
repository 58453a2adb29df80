package dev.pmpulse.labs;

import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A lab's topology on a {@link TopologyTestDriver}: no broker, event time from the records. */
public final class LabDriver {
  private LabDriver() {}

  public static TopologyTestDriver of(Topology topology) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "labs");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // In memory and in a fresh directory each time: a lab's check leaves nothing behind.
    props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/pmpulse-labs-" + System.nanoTime());
    return new TopologyTestDriver(topology, props);
  }

  /** The topology that {@code build} puts on a new builder. */
  public static Topology built(Consumer<StreamsBuilder> build) {
    StreamsBuilder builder = new StreamsBuilder();
    build.accept(builder);
    return builder.build();
  }
}
