package dev.pmpulse.streams.slo;

import dev.pmpulse.events.Topic;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The full topology on a test driver, with topics opened by their registry entry. */
final class SloTestDriver implements AutoCloseable {
  /**
   * Every minute judged on its own samples, against the median of the last 60 minutes: the
   * settings the per-minute tests work out by hand (one sample per minute is enough to judge).
   */
  static final SloSettings PER_MINUTE =
      new SloSettings(java.time.Duration.ofSeconds(10), 50, 10, 50, 60, 10, 0.9999, 1);

  final TopologyTestDriver driver;

  SloTestDriver(MeterRegistry meters, Path stateDir) {
    this(meters, stateDir, SloSettings.DEFAULTS);
  }

  SloTestDriver(MeterRegistry meters, Path stateDir, SloSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "slo-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(PmPulseTopology.build(TopologySettings.defaults(meters).withSlo(settings)), props);
  }

  <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
