package dev.pmpulse.events;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

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
  /** The help of an entry point's {@code --bootstrap-servers}, whose value {@link #load} takes. */
  public static final String BOOTSTRAP_SERVERS_HELP = "Kafka bootstrap servers (default: " + DEFAULT_BOOTSTRAP_SERVERS
      + ", or the --config file's bootstrap.servers, or " + ENV_PREFIX + "BOOTSTRAP_SERVERS)";
  private static final Pattern SECRET =
      Pattern.compile("(?i).*(password|secret|jaas|token|credential|user\\.info|\\.key$).*");
  static final String REDACTED = "[redacted]";
  /** The settings the Kafka clients know, to check a value's type and range before any client starts. */
  private static final List<ConfigDef> CLIENT_CONFIGS =
      List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef());

  private ClientSettings() {}

  /**
   * @param bootstrapServers from the command line, or null
   * @param configFile a client properties file, or null
   * @throws IllegalArgumentException in one line naming the setting (and where it came from) when
   *     the file cannot be read or a value is not one the Kafka clients accept; a secret's value is
   *     never part of the message
   */
  public static Properties load(String bootstrapServers, Path configFile, Map<String, String> env) {
    Properties props = new Properties();
    Map<String, String> origin = new HashMap<>();
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
      props.stringPropertyNames().forEach(key -> origin.put(key, "--config " + configFile));
    }
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
            String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            props.put(key, value);
            origin.put(key, name);
          }
        });
    if (bootstrapServers != null) {
      if (bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("--bootstrap-servers: must not be empty");
      }
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      origin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "--bootstrap-servers");
    }
    checkValues(props, origin);
    checkSasl(props);
    return props;
  }

  /**
   * SASL with a username and password needs them in {@code sasl.jaas.config} (or a JAAS file the
   * JVM is given); without either the clients fail at start with a message that names neither.
   */
  private static void checkSasl(Properties props) {
    String protocol = props.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "").strip().toUpperCase(Locale.ROOT);
    String mechanism = props.getProperty("sasl.mechanism", "GSSAPI").strip().toUpperCase(Locale.ROOT);
    boolean needsPassword = mechanism.equals("PLAIN") || mechanism.startsWith("SCRAM-");
    if (protocol.startsWith("SASL_") && needsPassword && props.getProperty("sasl.jaas.config", "").isBlank()
        && System.getProperty("java.security.auth.login.config") == null) {
      throw new IllegalArgumentException(
          "sasl.jaas.config: required with security.protocol=" + protocol + " and sasl.mechanism=" + mechanism);
    }
  }

  /** Each setting a Kafka client knows must parse as its type and pass its validator. */
  private static void checkValues(Properties props, Map<String, String> origin) {
    for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
      String value = props.getProperty(key);
      for (ConfigDef def : CLIENT_CONFIGS) {
        ConfigDef.ConfigKey known = def.configKeys().get(key);
        if (known == null) {
          continue;
        }
        try {
          Object parsed = ConfigDef.parseType(key, value.strip(), known.type);
          if (known.validator != null) {
            known.validator.ensureValid(key, parsed);
          }
        } catch (ConfigException e) {
          String where = origin.getOrDefault(key, "default");
          String why = isSecret(key) ? "not a valid value" : oneLine(e.getMessage());
          throw new IllegalArgumentException(where + ": " + key + ": " + why);
        }
        break;
      }
    }
  }

  /**
   * Whether {@code e} is the Kafka clients refusing their settings (a bad combination the value
   * check cannot see, such as SASL without a JAAS entry), rather than a failure at run time.
   */
  public static boolean isSettingsProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException
          || (t instanceof org.apache.kafka.common.KafkaException
              && String.valueOf(t.getMessage()).matches("Failed to (construct kafka|create new KafkaAdminClient).*"))) {
        return true;
      }
    }
    return false;
  }

  /** {@code e} and its causes in one line, with the value of every secret setting of {@code props} blanked out. */
  public static String oneLine(Throwable e, Properties props) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (!line.toString().contains(message)) {
        line.append(line.length() == 0 ? "" : ": ").append(message);
      }
    }
    String text = oneLine(line.toString());
    for (String key : props.stringPropertyNames()) {
      String value = props.getProperty(key);
      if (isSecret(key) && value != null && !value.isBlank()) {
        text = text.replace(value.strip(), REDACTED);
      }
    }
    return text;
  }

  private static String oneLine(String text) {
    return text == null ? "invalid" : text.replaceAll("\\s+", " ").strip();
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
