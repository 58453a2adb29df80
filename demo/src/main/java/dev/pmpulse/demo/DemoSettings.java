package dev.pmpulse.demo;

import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.producer.ProducerSettings;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the demo changes in each app's settings: the user's flags for the producer, a short
 * consumer session for the streams app on the demo's own broker.
 */
final class DemoSettings {
  private DemoSettings() {}

  /**
   * The producer's settings: its defaults, with what the user gave on the command line.
   *
   * @throws IllegalArgumentException starting with the flag at fault
   */
  static ProducerSettings producer(Properties kafka, DemoRun.Options options) {
    ProducerSettings settings =
        ProducerSettings.defaults(kafka).withHttp(ProducerSettings.DEFAULT_HTTP_HOST, options.producerHttpPort());
    if (options.speed() != null) {
      settings = settings.withSpeed(options.speed());
    }
    if (options.start() != null) {
      settings = settings.withStart(options.start());
    }
    settings = settings.withBackfillDays(
        options.backfillDays() != null ? options.backfillDays() : ProducerSettings.DEFAULT_BACKFILL_DAYS);
    if (options.seed() != null) {
      settings = settings.withSeed(options.seed());
    }
    if (options.maxSamplesPerSecond() != null) {
      settings = settings.withSamples(settings.latencySamplesPerMinute(), options.maxSamplesPerSecond());
    }
    if (options.teams() != null) {
      settings = settings.withTeams(TeamDirectory.load(options.teams()));
    }
    return settings;
  }

  /**
   * The streams app's client settings on the demo's own broker: a stream thread that dies does not
   * leave the consumer group, so its partitions move to its replacement only once the group
   * coordinator has missed its heartbeats for {@code session.timeout.ms}. Kafka's default is 45 s;
   * 6 s (the least a broker accepts by default) lets the crash control show a recovery in seconds.
   * A cluster of the user's keeps Kafka's default: it may not accept less.
   *
   * <p>A heartbeat every 500 ms (Kafka's default is 3 s): a stream thread learns from its heartbeat
   * that another member started a rebalance, and the rebalance waits for it. At the first start
   * there is always a second one, as the consumers see the repartition topics the first one
   * created; with 2 s heartbeats it waited up to 2 s for the second thread.
   */
  static Properties embeddedAppKafka(Properties kafka) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
    props.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "500");
    return props;
  }
}
