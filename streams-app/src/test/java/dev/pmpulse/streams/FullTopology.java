package dev.pmpulse.streams;

import dev.pmpulse.events.Team;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.query.KpiView;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole PM Pulse topology, as the app builds it, on a {@link TopologyTestDriver}, with topics
 * opened by their registry entry: the one setup of every test that runs the real topology (the
 * KPI tests here and the demo's scenario tests). The settings' teams are on the teams topic from the
 * start, as the app writes them; a test changes one by writing to {@code input(Topics.TEAMS)}.
 * Close it after each test.
 */
public final class FullTopology implements AutoCloseable {
  private final TopologySettings settings;
  private final TopologyTestDriver driver;

  /** With the app's settings. */
  public FullTopology(Path stateDir, MeterRegistry meters) {
    this(stateDir, TopologySettings.defaults(meters));
  }

  public FullTopology(Path stateDir, TopologySettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pm-pulse-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.settings = settings;
    this.driver = new TopologyTestDriver(PmPulseTopology.build(settings), props);
    // As the app does at start: the teams file's teams on the teams topic.
    TestInputTopic<String, Team> teams = input(Topics.TEAMS);
    settings.teams().teams().forEach(team -> teams.pipeInput(team.name(), team, Instant.EPOCH));
  }

  public <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** The topic's input as text, for records its contract cannot express (bad JSON, unknown values). */
  public TestInputTopic<String, String> textInput(Topic<String, ?> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), new StringSerializer());
  }

  /** The topic's input as bytes, for records that are not even text. */
  public TestInputTopic<String, byte[]> bytesInput(Topic<String, ?> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer());
  }

  public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** The value a KPI view holds for {@code key} now; null if none. */
  public <V> V view(KpiView<V> view, String key) {
    return driver.<String, V>getKeyValueStore(view.storeName()).get(key);
  }

  /** For stores, wall-clock time and anything else the topics do not show. */
  public TopologyTestDriver driver() {
    return driver;
  }

  public MeterRegistry meters() {
    return settings.meters();
  }

  @Override
  public void close() {
    driver.close();
  }
}
