package dev.pmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** application.server is what the other instances use to forward queries here. */
class AdvertisedAddressTest {
  private static AppSettings settings(String httpHost, String advertisedUrl) {
    return new AppSettings(new Properties(), "app", Path.of("state"), httpHost, 0, false, advertisedUrl, null, List.of(), null, true, null);
  }

  @Test
  void defaultsToTheHttpHostAndTheBoundPort() {
    assertThat(PmPulseApp.advertised(settings("127.0.0.1", null), 41234)).isEqualTo(new HostInfo("127.0.0.1", 41234));
  }

  @Test
  void anAdvertisedUrlWins() {
    assertThat(PmPulseApp.advertised(settings("0.0.0.0", "http://streams-app-2:8080"), 41234))
        .isEqualTo(new HostInfo("streams-app-2", 8080));
  }

  @Test
  void aWildcardBindIsNotAdvertised() {
    assertThat(PmPulseApp.advertised(settings("0.0.0.0", null), 41234).host()).isNotEqualTo("0.0.0.0");
  }

  @Test
  void theAddressIsTheApplicationServer() {
    Properties props = StreamsDefaults.properties(settings("127.0.0.1", null), new HostInfo("127.0.0.1", 41234));
    assertThat(props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("127.0.0.1:41234");
  }
}
