package dev.pmpulse.streams;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Everything the streams app needs to run, however it is started (command line, demo, tests).
 *
 * @param kafka client settings (bootstrap servers, security), passed to Kafka Streams untouched
 * @param httpPort 0 picks a free port
 * @param createTopics create the registry's missing topics at start
 */
public record AppSettings(
    Properties kafka,
    String applicationId,
    Path stateDir,
    String httpHost,
    int httpPort,
    boolean createTopics) {
  public static final String DEFAULT_APPLICATION_ID = "pm-pulse";
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8080;
}
