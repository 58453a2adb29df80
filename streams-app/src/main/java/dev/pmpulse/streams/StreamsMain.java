package dev.pmpulse.streams;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.TeamsFileException;
import dev.pmpulse.streams.webhooks.GitHubReplay;
import dev.pmpulse.streams.webhooks.RepositoryTeams;
import dev.pmpulse.streams.webhooks.WebhookSecret;
import dev.pmpulse.streams.webhooks.WebhookSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar pm-pulse-streams-app.jar}: runs the streams app until Ctrl-C. */
@Command(
    name = "pm-pulse-streams-app",
    mixinStandardHelpOptions = true,
    description = "Runs the PM Pulse topology against any Kafka cluster and serves /metrics.")
public final class StreamsMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(StreamsMain.class);

  @Option(names = "--bootstrap-servers", description = ClientSettings.BOOTSTRAP_SERVERS_HELP + ".")
  String bootstrapServers;

  @Option(names = "--config", description = "Client properties file (e.g. SASL_SSL settings), passed to Kafka untouched.")
  Path config;

  @Option(names = "--application-id", defaultValue = AppSettings.DEFAULT_APPLICATION_ID, description = "Kafka Streams application.id (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--state-dir", description = "State store directory (default: <tmp>/pm-pulse-streams).")
  Path stateDir;

  @Option(names = "--http-host", defaultValue = AppSettings.DEFAULT_HTTP_HOST, description = "HTTP bind address (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--http-port", defaultValue = "" + AppSettings.DEFAULT_HTTP_PORT, description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--advertised-url", description = "How other instances reach this one's HTTP API, http://host:port (default: the HTTP host and port).")
  String advertisedUrl;

  @Option(names = "--producer-url", description = "The producer's control URL as your browser reaches it; shows the dashboard's scenario switch.")
  String producerUrl;

  @Option(names = "--scenarios", split = ",", description = "Scenario names for the dashboard's switch (default: ${DEFAULT-VALUE}).",
      defaultValue = AppSettings.DEFAULT_SCENARIOS_CSV)
  List<String> scenarios;

  @Option(names = "--no-record-browser", negatable = false,
      description = "Hide the /kafka page's record browser, which shows the records' keys, values and headers.")
  boolean noRecordBrowser;

  @Option(names = "--teams", paramLabel = "FILE", description = "Teams file (YAML): calendars, repositories, members, "
      + "ignored logins and targets of each team; re-read when it changes (default: the four demo teams; see docs/teams.md).")
  Path teams;

  @Option(names = "--no-create-topics", negatable = false, description = "Do not create missing topics at start.")
  boolean noCreateTopics;

  @Option(names = "--github-webhook-secret-file", paramLabel = "FILE", description = "The GitHub webhook's secret (or env "
      + GITHUB_SECRET_ENV + "); turns on POST /webhooks/github on the webhook port.")
  Path githubSecretFile;

  @Option(names = "--pagerduty-webhook-secret-file", paramLabel = "FILE", description = "The PagerDuty v3 subscription's secret (or env "
      + PAGERDUTY_SECRET_ENV + "); turns on POST /webhooks/pagerduty on the webhook port.")
  Path pagerDutySecretFile;

  @Option(names = "--webhook-host", defaultValue = WebhookSettings.DEFAULT_HOST, description = "Webhook bind address (default: ${DEFAULT-VALUE}).")
  String webhookHost;

  @Option(names = "--webhook-port", description = "Webhook port, apart from --http-port; needs a webhook secret (default: " + WebhookSettings.DEFAULT_PORT + ").")
  Integer webhookPort;

  @Option(names = "--github-breaking-label", defaultValue = WebhookSettings.DEFAULT_BREAKING_LABEL, description = "Label that makes a merged PR a breaking API change (default: ${DEFAULT-VALUE}).")
  String breakingLabel;

  @Option(names = "--github-repository-team", paramLabel = "OWNER/REPO=TEAM", description = "The team of a repository's PRs (repeatable); "
      + "otherwise the teams file's repositories and patterns decide, and any other repository goes to '" + RepositoryTeams.UNASSIGNED + "'.")
  Map<String, String> repositoryTeams = new LinkedHashMap<>();

  @Option(names = "--github-replay", paramLabel = "DIR", description = "Once started, post the saved GitHub deliveries in DIR "
      + "(NAME.json + NAME.headers) to /webhooks/github, signed with the GitHub secret.")
  Path githubReplay;

  static final String GITHUB_SECRET_ENV = "PMPULSE_GITHUB_WEBHOOK_SECRET";
  static final String PAGERDUTY_SECRET_ENV = "PMPULSE_PAGERDUTY_WEBHOOK_SECRET";

  private final Map<String, String> env;
  private Properties kafka = new Properties();

  public StreamsMain() {
    this(System.getenv());
  }

  /** For tests and launchers: the environment ({@code PMPULSE_KAFKA_*}) to read. */
  public StreamsMain(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with one-line errors and exit code 2 for a bad flag or value. */
  public static CommandLine commandLine() {
    return commandLine(new StreamsMain());
  }

  public static CommandLine commandLine(StreamsMain main) {
    CommandLine cmd = new CommandLine(main);
    cmd.setParameterExceptionHandler(StreamsMain::badUsage);
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            return badUsage(new CommandLine.ParameterException(commandLine, e.getMessage()), new String[0]);
          }
          if (ClientSettings.isSettingsProblem(e)) {
            return badUsage(new CommandLine.ParameterException(commandLine,
                "Kafka client settings: " + ClientSettings.oneLine(e, main.kafka)), new String[0]);
          }
          throw e;
        });
    return cmd;
  }

  static int badUsage(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("pm-pulse-streams-app: " + e.getMessage() + " (see --help)");
    err.flush();
    return 2;
  }

  AppSettings settings() {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("--http-port: must be 0..65535, was " + httpPort);
    }
    if (applicationId.isBlank()) {
      throw new IllegalArgumentException("--application-id: must not be empty");
    }
    Properties kafka = ClientSettings.load(bootstrapServers, config, env);
    this.kafka = kafka;
    Path dir = stateDir != null ? stateDir : Path.of(System.getProperty("java.io.tmpdir"), "pm-pulse-streams");
    checkUrl("--advertised-url", advertisedUrl);
    checkUrl("--producer-url", producerUrl);
    for (String s : scenarios) {
      if (!s.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("--scenarios: names are letters, digits, '-' and '_', was '" + s + "'");
      }
    }
    if (teams != null) {
      checkTeams(teams);
    }
    return new AppSettings(kafka, applicationId, dir, httpHost, httpPort, !noCreateTopics, advertisedUrl, producerUrl, scenarios,
        teams, !noRecordBrowser, null);
  }

  /** The teams file is read now, so that a bad one stops the app before anything starts. */
  public static void checkTeams(Path file) {
    try {
      TeamDirectory.load(file);
    } catch (TeamsFileException e) {
      throw new IllegalArgumentException("--teams " + e.getMessage(), e);
    }
  }

  /** An http(s) URL with a host and nothing after the port but an optional path. */
  static void checkUrl(String flag, String value) {
    if (value == null) {
      return;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(flag + ": not a URL: " + value);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(flag + ": expected http://host:port, was " + value);
    }
  }

  /** The webhook settings; one line naming the flag (or variable) when one is wrong. */
  WebhookSettings webhookSettings() {
    WebhookSecret github = secret(githubSecretFile, "--github-webhook-secret-file", GITHUB_SECRET_ENV);
    WebhookSecret pagerDuty = secret(pagerDutySecretFile, "--pagerduty-webhook-secret-file", PAGERDUTY_SECRET_ENV);
    int port = webhookPort != null ? webhookPort : WebhookSettings.DEFAULT_PORT;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--webhook-port: must be 0..65535, was " + port);
    }
    if (webhookPort != null && github == null && pagerDuty == null) {
      throw new IllegalArgumentException("--webhook-port: the webhooks are off without --github-webhook-secret-file, "
          + "--pagerduty-webhook-secret-file, " + GITHUB_SECRET_ENV + " or " + PAGERDUTY_SECRET_ENV);
    }
    if (breakingLabel.isBlank()) {
      throw new IllegalArgumentException("--github-breaking-label: must not be empty");
    }
    repositoryTeams.forEach((repo, team) -> {
      if (!repo.matches("[^/\\s]+/[^/\\s]+") || team == null || team.isBlank()) {
        throw new IllegalArgumentException("--github-repository-team: expected OWNER/REPO=TEAM, was " + repo + "=" + team);
      }
    });
    if (githubReplay != null) {
      if (github == null) {
        throw new IllegalArgumentException("--github-replay: signs with the GitHub secret; set --github-webhook-secret-file or "
            + GITHUB_SECRET_ENV);
      }
      try {
        GitHubReplay.read(githubReplay);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--github-replay: " + e.getMessage());
      }
    }
    return new WebhookSettings(webhookHost, port, github, pagerDuty, breakingLabel, repositoryTeams);
  }

  /** The secret from the file, else from the environment, else null. */
  private WebhookSecret secret(Path file, String flag, String variable) {
    if (file != null) {
      return WebhookSecret.read(file, flag);
    }
    String value = env.get(variable);
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(variable + ": must not be empty");
    }
    return WebhookSecret.of(value);
  }

  @Override
  public Integer call() throws Exception {
    AppSettings settings = settings();
    WebhookSettings webhooks = webhookSettings();
    log.info("Kafka client settings:\n{}", ClientSettings.redacted(settings.kafka()));
    CountDownLatch stopped = new CountDownLatch(1);
    PmPulseApp app = new PmPulseApp(settings, webhooks, null);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "pmpulse-shutdown"));
    app.start();
    if (githubReplay != null) {
      replay(app, webhooks.github());
    }
    stopped.await();
    return 0;
  }

  private void replay(PmPulseApp app, WebhookSecret secret) throws IOException, InterruptedException {
    List<GitHubReplay.Result> results = new GitHubReplay(secret).replay(githubReplay, app.webhooks().endpoint("github"));
    results.stream().filter(r -> !r.accepted()).forEach(r -> log.warn("Replay of {}: HTTP {} {}", r.name(), r.status(), r.body()));
    log.info("Replayed {} GitHub deliveries from {}: {} accepted", results.size(), githubReplay,
        results.stream().filter(GitHubReplay.Result::accepted).count());
  }
}
