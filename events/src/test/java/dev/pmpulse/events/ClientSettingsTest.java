package dev.pmpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {
  @TempDir Path dir;

  @Test
  void laterSourcesWin() throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=from-file:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";\n");
    Map<String, String> env = Map.of("PMPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "UNRELATED", "x");

    Properties props = ClientSettings.load(null, file, env);
    assertThat(props.getProperty("bootstrap.servers")).isEqualTo("from-file:9092");
    assertThat(props.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(props.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(props).doesNotContainKey("unrelated");

    assertThat(ClientSettings.load("flag:9093", file, env).getProperty("bootstrap.servers")).isEqualTo("flag:9093");
    assertThat(ClientSettings.load(null, null, Map.of()).getProperty("bootstrap.servers")).isEqualTo("localhost:9092");
  }

  @Test
  void secretsAreRedactedWhenPrinted() {
    Properties props = new Properties();
    props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";");
    props.put("ssl.truststore.password", "changeit");
    props.put("ssl.key.password", "k3y");
    props.put("bootstrap.servers", "broker:9092");
    String printed = ClientSettings.redacted(props);
    assertThat(printed).doesNotContain("hunter2", "changeit", "k3y").contains("bootstrap.servers=broker:9092")
        .contains("sasl.jaas.config=[redacted]");
  }

  @Test
  void missingFileNamesTheFlag() {
    assertThatThrownBy(() -> ClientSettings.load(null, dir.resolve("nope.properties"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--config:");
  }
}
