package dev.pmpulse.streams;

import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.dailyupdate.DailyUpdateText;
import dev.pmpulse.streams.http.DashboardConfig;
import dev.pmpulse.streams.http.ChartLibrary;
import dev.pmpulse.streams.http.DashboardPages;
import dev.pmpulse.streams.http.HttpApi;
import dev.pmpulse.streams.http.KafkaPage;
import dev.pmpulse.streams.http.QueryEndpoints;
import dev.pmpulse.streams.http.ReportEndpoint;
import dev.pmpulse.streams.http.TrendEndpoints;
import dev.pmpulse.streams.inspect.ProcessedRecords;
import dev.pmpulse.streams.inspect.RecordBrowser;
import dev.pmpulse.streams.inspect.StateHistory;
import dev.pmpulse.streams.inspect.StreamsRuntime;
import dev.pmpulse.streams.inspect.TopicStats;
import dev.pmpulse.streams.inspect.TopologyGraph;
import dev.pmpulse.streams.query.KafkaStoreQueries;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.trends.KpiTrends;
import dev.pmpulse.streams.query.StoreUnavailableException;
import dev.pmpulse.streams.teams.TeamsFileWatcher;
import dev.pmpulse.streams.teams.TeamsTopic;
import dev.pmpulse.streams.webhooks.WebhookServer;
import dev.pmpulse.streams.webhooks.WebhookSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running streams app: Kafka Streams with the PM Pulse topology, plus its HTTP endpoints. */
public final class PmPulseApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PmPulseApp.class);

  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final AppSettings settings;
  private final WebhookSettings webhookSettings;
  /** Kafka's own clients unless the embedder brings others (the demo, to inject faults). */
  private final KafkaClientSupplier clients;
  private final StateHistory stateHistory = new StateHistory();
  private final AtomicLong threadsReplaced = new AtomicLong();
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;
  private JvmGcMetrics gcMetrics;
  private HttpApi http;
  private ReportEndpoint report;
  private Admin pageAdmin;
  private TeamsFileWatcher teams;
  private WebhookServer webhooks;

  public PmPulseApp(AppSettings settings) {
    this(settings, WebhookSettings.OFF, null);
  }

  /**
   * @param webhooks where GitHub and PagerDuty post, when a secret is set ({@link WebhookSettings#OFF}: nowhere)
   * @param clients the Kafka clients Kafka Streams is to use, or null for Kafka's own; the demo
   *     wraps them to crash stream threads on demand, and nothing else should need to
   */
  public PmPulseApp(AppSettings settings, WebhookSettings webhooks, KafkaClientSupplier clients) {
    this.settings = settings;
    this.webhookSettings = webhooks;
    this.clients = clients;
  }

  public void start() throws IOException {
    if (settings.createTopics()) {
      createTopics();
    }
    // Before the topology starts, so that its global store holds the file's teams from the first event.
    teams = TeamsFileWatcher.start(settings.teamsFile(), new TeamsTopic(settings.kafka()));
    new JvmMemoryMetrics().bindTo(meters);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(meters);
    // HTTP first: with port 0 the port is known only once bound, and Kafka Streams must be told
    // it (application.server) so the other instances can forward queries here.
    http = new HttpApi(settings.httpHost(), settings.httpPort(), meters, this::state);
    HostInfo self = advertised(settings, http.port());
    DashboardConfig dashboard = new DashboardConfig(settings.producerUrl(), settings.scenarios());
    new QueryEndpoints(new KafkaStoreQueries(() -> streams, self), KpiViews.stores(), PmPulseTopology.PRS, dashboard)
        .register(http);
    new TrendEndpoints(new KafkaStoreQueries(() -> streams, self), KpiTrends.ALL).register(http);
    new DashboardPages(dashboard).register(http);
    new ChartLibrary().register(http);
    report = new ReportEndpoint(new KafkaStoreQueries(() -> streams, self));
    report.register(http);
    TopologySettings topologySettings = TopologySettings.defaults(meters).withTeams(teams.get());
    Topology topology = PmPulseTopology.build(topologySettings);
    Properties props = StreamsDefaults.properties(settings, self);
    registerKafkaPage(topology, props, self, topologySettings.processed());
    streams = clients == null ? new KafkaStreams(topology, props) : new KafkaStreams(topology, props, clients);
    // A processing error must not stop the app: log it and replace the thread, which resumes
    // from the last committed offsets (exactly-once: the failed transaction is aborted).
    streams.setUncaughtExceptionHandler(
        e -> {
          threadsReplaced.incrementAndGet();
          log.error("Stream thread failed; replacing it", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(stateHistory);
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    streams.start();
    http.start();
    log.info("Streams app '{}' started; HTTP on http://{}:{}/", settings.applicationId(), settings.httpHost(), http.port());
    if (webhookSettings.enabled()) {
      webhooks = WebhookServer.start(webhookSettings, settings.kafka(), meters, teams());
    }
  }

  /** The {@code /kafka} page: the topology, topics, records, transactions and instances. */
  private void registerKafkaPage(Topology topology, Properties streamsProps, HostInfo self, ProcessedRecords processed) {
    Set<String> registry = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
    TopologyGraph graph = TopologyGraph.of(topology.describe(), settings.applicationId(), registry);
    Properties adminProps = new Properties();
    adminProps.putAll(settings.kafka());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-kafka-page");
    // The page asks every two seconds at most; a broker that is away must not hold its answers long.
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    pageAdmin = Admin.create(adminProps);
    StreamsRuntime runtime = new StreamsRuntime(
        () -> streams, streamsProps, graph, processed, stateHistory, threadsReplaced::get, self);
    new KafkaPage(
            new KafkaPage.Settings(settings.recordBrowser(), settings.faultControlUrl()),
            graph,
            runtime,
            new TopicStats(pageAdmin, settings.applicationId(), registry, graph::role),
            settings.recordBrowser() ? new RecordBrowser(settings.kafka()) : null)
        .register(http);
  }

  /** The advertised URL if given; else the HTTP host (this machine's name if it is a wildcard). */
  static HostInfo advertised(AppSettings settings, int boundPort) {
    if (settings.advertisedUrl() != null) {
      URI uri = URI.create(settings.advertisedUrl());
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      return new HostInfo(uri.getHost(), port);
    }
    String host = settings.httpHost();
    try {
      if (InetAddress.getByName(host).isAnyLocalAddress()) {
        host = InetAddress.getLocalHost().getCanonicalHostName();
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException("cannot work out this instance's address; set --advertised-url", e);
    }
    return new HostInfo(host, boundPort);
  }

  private void createTopics() {
    try (Admin admin = Admin.create(settings.kafka())) {
      List<String> created = Topics.createMissing(admin);
      if (!created.isEmpty()) {
        log.info("Created topics {}", created);
      }
    } catch (ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot reach Kafka to create topics: " + e.getMessage(), e);
    }
  }

  /**
   * The team directory as of the teams file's last valid content (it changes while the app runs),
   * for code outside the topology that maps repositories to teams.
   */
  public Supplier<TeamDirectory> teams() {
    return () -> teams == null ? TeamDirectory.defaults() : teams.get();
  }

  public KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The streams client's state changes since start. */
  public StateHistory stateHistory() {
    return stateHistory;
  }

  /** Stream threads that failed and were replaced since start. */
  public long threadsReplaced() {
    return threadsReplaced.get();
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  public int httpPort() {
    return http.port();
  }

  /** The webhook endpoints, or null when no webhook secret is set. */
  public WebhookServer webhooks() {
    return webhooks;
  }

  /**
   * The latest end-of-day update as Markdown, or one line saying why there is none (before the
   * first simulated midnight, or while the app is not ready).
   */
  public String latestDailyUpdateMarkdown() {
    if (report == null) {
      return "The streams app is not started.\n";
    }
    try {
      return report.latest().map(DailyUpdateText::markdown).orElse(ReportEndpoint.NO_UPDATE_YET);
    } catch (StoreUnavailableException | IOException e) {
      return "The daily update cannot be read right now (the app is starting or rebalancing); try again.\n";
    }
  }

  /** Input records handled so far: accepted by a KPI plus dead-lettered. */
  public long recordsProcessed() {
    double accepted = meters.find("pmpulse.accepted.records").counters().stream().mapToDouble(Counter::count).sum();
    double rejected = meters.find("pmpulse.dead.letter.records").counters().stream().mapToDouble(Counter::count).sum();
    return (long) (accepted + rejected);
  }

  @Override
  public void close() {
    if (webhooks != null) {
      webhooks.close();
    }
    if (teams != null) {
      teams.close();
    }
    if (http != null) {
      http.stop();
    }
    if (streams != null) {
      // Long enough for every stream thread to finish its last commit on a busy machine: a thread
      // still committing when close() gives up goes on alone (in the demo, against a broker about
      // to stop), and a task not closed cleanly has its state wiped under exactly-once and restored
      // from the changelogs at the next start. A clean close returns as soon as the threads end.
      streams.close(CLOSE_TIMEOUT);
    }
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    if (pageAdmin != null) {
      pageAdmin.close(Duration.ofSeconds(2));
    }
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    meters.close();
  }
}
