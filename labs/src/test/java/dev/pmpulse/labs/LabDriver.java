package dev.pmpulse.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A lab's topology on a {@link TopologyTestDriver}: no broker, event time from the records. */
public final class LabDriver {
  private LabDriver() {}

  public static TopologyTestDriver of(Topology topology) {
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("pmpulse-labs-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "labs");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // A fresh state directory each time, gone once the driver is closed: a lab's check leaves nothing behind.
    return new TopologyTestDriver(topology, props) {
      @Override
      public void close() {
        try {
          super.close();
        } finally {
          try {
            Utils.delete(stateDir.toFile());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }

  /** The topology that {@code build} puts on a new builder. */
  public static Topology built(Consumer<StreamsBuilder> build) {
    StreamsBuilder builder = new StreamsBuilder();
    build.accept(builder);
    return builder.build();
  }
}
