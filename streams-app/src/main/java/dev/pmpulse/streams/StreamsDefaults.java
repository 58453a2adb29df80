package dev.pmpulse.streams;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Kafka Streams settings PM Pulse runs with, and why: each default here gives way to a client
 * setting of the user's (a client properties file or {@code PMPULSE_KAFKA_*}).
 */
public final class StreamsDefaults {
  private StreamsDefaults() {}

  /**
   * Kafka Streams settings: exactly-once, event time, {@link #defaultStreamThreads} stream threads
   * and a commit every {@link #DEFAULT_COMMIT_INTERVAL_MS} ms unless the client settings say
   * otherwise, our client settings on top.
   */
  public static Properties properties(AppSettings settings) {
    return properties(settings, null);
  }

  /**
   * @param advertised this instance's HTTP address ({@code host:port}) for interactive queries, or
   *     null
   */
  public static Properties properties(AppSettings settings, HostInfo advertised) {
    Properties props = new Properties();
    props.putAll(settings.kafka());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    // Repartition and changelog topics carry event times too, which in the demo run ahead of the
    // broker's clock (see Topic#newTopic).
    props.put(
        StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG), Long.toString(Long.MAX_VALUE));
    // More stream threads than cores pays under exactly-once: a thread committing waits on broker
    // round trips (offsets into the transaction, then the commit), and its core is idle meanwhile.
    // In the reliability suite's load scenario one thread fell behind and two kept up (RELIABILITY.md,
    // "Findings"). A client properties file or PMPULSE_KAFKA_NUM_STREAM_THREADS sets it otherwise.
    props.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(defaultStreamThreads()));
    // A KPI update is readable (read_committed) only once its transaction commits, and a review
    // crosses two exactly-once hops (input, repartition by team): the commit interval is most of
    // its latency. Half Kafka Streams' 100 ms cut the p99 of ./run-benchmark well below its goal
    // at no cost in throughput (BENCHMARKS.md, "Against the goal", has the pair of runs).
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(DEFAULT_COMMIT_INTERVAL_MS));
    internalTopicRetries(props);
    if (advertised != null) {
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
    }
    return props;
  }

  /**
   * At a first start Kafka Streams 4.4 creates the internal topics and then waits, between checks,
   * {@code retry.backoff.ms} (100 ms by default) for each to be ready, and finds one more ready per
   * check: this topology's 40-odd internal topics held its first start for seconds (BENCHMARKS.md,
   * "Time to a full dashboard"). The partition assignor reads the setting from the main consumer's
   * settings, so that consumer gets a short one (its retries still back off exponentially, up to
   * {@code retry.backoff.max.ms}); the other clients keep theirs. A setting of the user's wins.
   */
  private static void internalTopicRetries(Properties props) {
    String mainConsumer = StreamsConfig.mainConsumerPrefix(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
    if (props.containsKey(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG)
        || props.containsKey(StreamsConfig.consumerPrefix(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG))) {
      return;
    }
    props.putIfAbsent(mainConsumer, Long.toString(INTERNAL_TOPIC_RETRY_BACKOFF_MS));
  }

  /** Kafka Streams' wait between checks of its internal topics at a first start. */
  static final long INTERNAL_TOPIC_RETRY_BACKOFF_MS = 10;

  /** How often each stream thread commits its transaction, unless the client settings say otherwise. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 50;

  /** One stream thread per core, and at least two. */
  public static int defaultStreamThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }
}
