package dev.pmpulse.streams.inspect;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * How many records each processor node of the topology has processed since start, summed over its
 * tasks: what the {@code /kafka} page shows as each node's rate.
 *
 * <p>Why count here rather than read Kafka Streams' metrics: its processor-node {@code process-rate}
 * is recorded for source nodes only (Kafka 4.4), and only at {@code metrics.recording.level=DEBUG},
 * which also times every state store call. A {@link ProcessedRecordCounter} wrapped around every
 * processor (Kafka Streams' processor wrapper, KIP-1112) counts every node at the default level for
 * the price of one counter increment per record and node. Sources and sinks are not processors:
 * their rates come from Kafka Streams' per-topic metrics ({@code records-consumed-total},
 * {@code records-produced-total}), recorded at the default level.
 */
public final class ProcessedRecords {
  /** Where {@link ProcessedRecordCounter#configure} finds the tally in the topology's settings. */
  static final String CONFIG = "pmpulse.processed.records";

  private final Map<String, LongAdder> byNode = new ConcurrentHashMap<>();

  /** The settings a {@code StreamsBuilder} needs so that every processor it adds is counted here. */
  public TopologyConfig topologyConfig() {
    Properties overrides = new Properties();
    overrides.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, ProcessedRecordCounter.class);
    overrides.put(CONFIG, this);
    // The application id and servers are the running app's, given to KafkaStreams; a topology
    // config only needs them to exist, and reads nothing else from here but the overrides.
    Properties required = new Properties();
    required.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology");
    required.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyConfig(null, new StreamsConfig(required), overrides);
  }

  LongAdder counter(String node) {
    return byNode.computeIfAbsent(node, n -> new LongAdder());
  }

  /** Records processed so far, by processor node name: every processor of the topology, 0 if none yet. */
  public Map<String, Long> snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    byNode.forEach((node, count) -> counts.put(node, count.sum()));
    return counts;
  }
}
