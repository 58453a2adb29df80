package dev.pmpulse.events;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Kafka client settings for the producer and the streams app, from (later wins): the defaults, a
 * client properties file ({@code --config}, e.g. SASL_SSL settings for a managed cluster, passed
 * to the clients untouched), environment variables {@code PMPULSE_KAFKA_<KEY>} (the way container
 * users configure things: {@code PMPULSE_KAFKA_SASL_MECHANISM=PLAIN} sets {@code sasl.mechanism}),
 * and {@code --bootstrap-servers}.
 */
public final class ClientSettings {
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String ENV_PREFIX = "PMPULSE_KAFKA_";
  private static final Pattern SECRET =
      Pattern.compile("(?i).*(password|secret|jaas|token|credential|user\\.info|\\.key$).*");
  static final String REDACTED = "[redacted]";

  private ClientSettings() {}

  /**
   * @param bootstrapServers from the command line, or null
   * @param configFile a client properties file, or null
   * @throws IllegalArgumentException naming the setting when the file cannot be read
   */
  public static Properties load(String bootstrapServers, Path configFile, Map<String, String> env) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw new IllegalArgumentException("--config: no such file: " + configFile);
      }
      try (Reader reader = Files.newBufferedReader(configFile)) {
        props.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("--config: cannot read " + configFile + ": " + e.getMessage());
      }
    }
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
            props.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    if (bootstrapServers != null) {
      if (bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("--bootstrap-servers: must not be empty");
      }
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    return props;
  }

  public static boolean isSecret(String key) {
    return SECRET.matcher(key).matches();
  }

  /** The settings sorted by key, one {@code key=value} a line, secrets replaced by {@value #REDACTED}. */
  public static String redacted(Properties props) {
    Map<String, String> sorted = new TreeMap<>();
    props.forEach((k, v) -> sorted.put(k.toString(), isSecret(k.toString()) ? REDACTED : String.valueOf(v)));
    StringBuilder out = new StringBuilder();
    sorted.forEach((k, v) -> out.append("  ").append(k).append('=').append(v).append('\n'));
    return out.toString();
  }
}
