package dev.pmpulse.streams;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Everything the streams app needs to run, however it is started (command line, demo, tests).
 *
 * @param kafka client settings (bootstrap servers, security), passed to Kafka Streams untouched
 * @param httpPort 0 picks a free port
 * @param createTopics create the registry's missing topics at start
 * @param advertisedUrl how the other instances reach this one's HTTP API ({@code
 *     http://host:port}); null: the HTTP host and the port actually bound
 * @param producerUrl the producer's control URL as the dashboard's browser reaches it; null hides
 *     the dashboard's scenario switch
 * @param scenarios the producer's scenario names, one switch button each
 * @param teamsFile the teams file, watched for changes while the app runs; null: the shipped one
 * @param recordBrowser whether the {@code /kafka} page may show records (keys, values, headers)
 * @param faultControlUrl the demo's fault controls as the page's browser reaches them; null hides
 *     the page's fault buttons. Only the demo sets it: a standalone app has no fault controls.
 */
public record AppSettings(
    Properties kafka,
    String applicationId,
    Path stateDir,
    String httpHost,
    int httpPort,
    boolean createTopics,
    String advertisedUrl,
    String producerUrl,
    List<String> scenarios,
    Path teamsFile,
    boolean recordBrowser,
    String faultControlUrl) {
  public static final String DEFAULT_APPLICATION_ID = "pm-pulse";
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8080;
  /** The producer's scenarios (its {@code GET /scenarios} lists them). */
  public static final String DEFAULT_SCENARIOS_CSV =
      "steady,review-backlog,breaking-change,escalation-storm,bad-deploy,duplicate-delivery";

  public static final List<String> DEFAULT_SCENARIOS = List.of(DEFAULT_SCENARIOS_CSV.split(","));

  public AppSettings {
    scenarios = scenarios == null ? DEFAULT_SCENARIOS : List.copyOf(scenarios);
  }

  public AppSettings withTeamsFile(Path teamsFile) {
    return new AppSettings(kafka, applicationId, stateDir, httpHost, httpPort, createTopics, advertisedUrl, producerUrl,
        scenarios, teamsFile, recordBrowser, faultControlUrl);
  }

  /** With the {@code /kafka} page's record browser on or off, and the demo's fault controls or none. */
  public AppSettings withKafkaPage(boolean recordBrowser, String faultControlUrl) {
    return new AppSettings(kafka, applicationId, stateDir, httpHost, httpPort, createTopics, advertisedUrl, producerUrl,
        scenarios, teamsFile, recordBrowser, faultControlUrl);
  }

  /**
   * Settings without a dashboard scenario switch, advertising the HTTP host and bound port, with the
   * shipped teams, the record browser on and no fault controls.
   */
  public AppSettings(
      Properties kafka, String applicationId, Path stateDir, String httpHost, int httpPort, boolean createTopics) {
    this(kafka, applicationId, stateDir, httpHost, httpPort, createTopics, null, null, DEFAULT_SCENARIOS, null, true, null);
  }
}
