package dev.pmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Stream threads (one per core and at least two), the commit interval (50 ms) and Kafka Streams'
 * internal-topic checks (10 ms, through the main consumer's retry backoff) by default; the user's settings win.
 */
class StreamsDefaultsTest {
  private static Properties streamsProperties(Properties kafka) {
    return StreamsDefaults.properties(
        new AppSettings(kafka, "app", Path.of("state"), "127.0.0.1", 0, false, null, null, List.of(), null, true, null));
  }

  @Test
  void oneThreadPerCoreAndAtLeastTwo() {
    int expected = Math.max(2, Runtime.getRuntime().availableProcessors());
    assertThat(streamsProperties(new Properties()).getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
        .isEqualTo(Integer.toString(expected));
  }

  @Test
  void aConfiguredThreadCountWins() {
    Properties kafka = new Properties();
    kafka.setProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    assertThat(streamsProperties(kafka).getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("1");
  }

  @Test
  void commitsEvery50MsByDefault() {
    assertThat(streamsProperties(new Properties()).getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("50");
  }

  @Test
  void aConfiguredCommitIntervalWins() {
    Properties kafka = new Properties();
    kafka.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    assertThat(streamsProperties(kafka).getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("200");
  }

  @Test
  void theMainConsumerWhoseSettingsTheAssignorReadsRetriesAfter10MsAndNoOtherClientDoes() {
    StreamsConfig config = new StreamsConfig(withBootstrap(new Properties()));
    assertThat(config.getMainConsumerConfigs("app", "c", 0)).containsEntry(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "10");
    assertThat(config.getRestoreConsumerConfigs("c")).doesNotContainKey(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
    assertThat(config.getGlobalConsumerConfigs("c")).doesNotContainKey(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
    assertThat(config.getProducerConfigs("c")).doesNotContainKey(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
    assertThat(config.getAdminConfigs("c")).doesNotContainKey(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
  }

  @Test
  void aConfiguredRetryBackoffWins() {
    Properties kafka = new Properties();
    kafka.setProperty(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "250");
    StreamsConfig config = new StreamsConfig(withBootstrap(kafka));
    assertThat(config.getMainConsumerConfigs("app", "c", 0)).containsEntry(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "250");
    Properties consumerOnly = new Properties();
    consumerOnly.setProperty(StreamsConfig.consumerPrefix(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG), "300");
    assertThat(new StreamsConfig(withBootstrap(consumerOnly)).getMainConsumerConfigs("app", "c", 0))
        .containsEntry(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "300");
  }

  private static Properties withBootstrap(Properties kafka) {
    kafka.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    return streamsProperties(kafka);
  }
}
