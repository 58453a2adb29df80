package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.demo.testing.HeadlessChromium;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.PmPulseApp;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.query.KpiView;
import dev.pmpulse.streams.query.KpiViews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /kafka} page on a running demo (embedded broker, streams app, producer and the fault
 * controls, as {@code ./run-demo} starts them; fewer latency samples, to be light), loaded by
 * headless Chromium. One demo for every test here: starting one is most of the time they take.
 * In this order: the page first, while the app works through the demo's history; the crash once it
 * has, as its KPIs must stand still before it; the broker restart last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaPageTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  /** How soon after the crash the app must run every task again: a deadline, not a measurement. */
  private static final Duration RUNNING_AGAIN_WITHIN = Duration.ofSeconds(15);
  /** A Monday, after the demo's four weeks of history. */
  private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
  /** Two latency samples per cluster and simulated minute at the default speed: a light load. */
  private static final int SAMPLES_PER_SECOND = 360;
  private static final int LAST = 50;

  private static final Pattern NODE =
      Pattern.compile("<g class=\"node [^\"]*\" transform=\"[^\"]*\" data-node=\"([^\"]+)\" data-subtopology=\"(\\d+)\"");
  private static final Pattern BUSY_NODE = Pattern.compile("<g class=\"node [^\"]*busy[^\"]*\"");

  @TempDir static Path temp;
  private static DemoRun demo;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startDemo() throws Exception {
    HeadlessChromium.assumeInstalledOrFailInCi();
    demo = new DemoRun(new DemoRun.Options(null, null, 0, 0, 0, 0, null, START, null, null, SAMPLES_PER_SECOND, null));
    demo.start();
    await("the app RUNNING and the producer live",
        () -> demo.app().state() == KafkaStreams.State.RUNNING && demo.producer().isLive());
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  @Order(1)
  void theGraphShowsEveryNodeOfEverySubTopologyWithLiveRates() throws Exception {
    TopologyDescription described =
        PmPulseTopology.build(TopologySettings.defaults(new SimpleMeterRegistry())).describe();
    Map<String, Integer> expected = new TreeMap<>();
    described.subtopologies().forEach(s -> s.nodes().forEach(n -> expected.put(n.name(), s.id())));
    described.globalStores().forEach(g -> {
      expected.put(g.source().name(), g.id());
      expected.put(g.processor().name(), g.id());
    });
    // Rates need two looks some time apart: the page's first look then has one to compare with.
    await("a rate on the latency samples' parser", () ->
        status().at("/nodeRates/parse-pmpulse.latency-samples").asDouble() > 0);

    String dom = chromium("/kafka");
    Map<String, Integer> drawn = new TreeMap<>();
    Matcher m = NODE.matcher(dom);
    while (m.find()) {
      drawn.put(m.group(1), Integer.valueOf(m.group(2)));
    }
    assertThat(drawn).as("nodes drawn, with their sub-topology").isEqualTo(expected);
    assertThat(new HashSet<>(drawn.values())).hasSize(described.subtopologies().size() + described.globalStores().size());
    assertThat(BUSY_NODE.matcher(dom).find()).as("a node with a rate above 0").isTrue();
    assertThat(dom).contains("data-topic=\"pm-pulse-review-outcomes-by-team-repartition\"")
        .containsPattern("<section id=\"faults\" class=\"panel faults\">") // the demo's controls, shown
        .doesNotContain(demo.bootstrapServers());
  }

  @Test
  @Order(2)
  void aTopicShowsItsPartitionsOffsetsAndTheAppsLag() throws Exception {
    String topic = Topics.PR_EVENTS.name();
    await("the app's committed offsets on every partition of " + topic, () -> {
      for (JsonNode t : Json.MAPPER.readTree(get("/api/kafka/topics").body()).get("topics")) {
        if (t.get("name").asText().equals(topic)) {
          List<JsonNode> partitions = new ArrayList<>();
          t.get("byPartition").forEach(partitions::add);
          return partitions.size() == Topics.PR_EVENTS.partitions() && partitions.stream().allMatch(p -> p.hasNonNull("lag"));
        }
      }
      return false;
    });

    String dom = chromium("/kafka?topic=" + topic);
    Matcher row = Pattern.compile("<tr class=\"topic-row open\" data-topic=\"" + Pattern.quote(topic)
        + "\">.*?<td class=\"role\">input</td><td>(\\d+)</td><td>delete</td>").matcher(dom);
    assertThat(row.find()).as("the row of %s", topic).isTrue();
    assertThat(Integer.parseInt(row.group(1))).isEqualTo(Topics.PR_EVENTS.partitions());

    // Each partition: start, end, last stable, committed, lag, and the lag is what the other cells say.
    Matcher partition = Pattern.compile("<tr><td>(\\d+)</td><td>([\\d,]+)</td><td>([\\d,]+)</td>"
        + "<td>([\\d,]+)</td><td>([\\d,]+)</td><td(?: class=\"bad\")?>([\\d,]+)</td>").matcher(dom);
    Set<Integer> seen = new HashSet<>();
    while (partition.find()) {
      long end = number(partition.group(3));
      long stable = number(partition.group(4));
      long committed = number(partition.group(5));
      assertThat(end).isGreaterThanOrEqualTo(stable);
      assertThat(stable).isGreaterThan(0).isGreaterThanOrEqualTo(committed);
      assertThat(number(partition.group(6))).isEqualTo(stable - committed);
      seen.add(Integer.parseInt(partition.group(1)));
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(dom).containsPattern("<div class=\"tile-value\" id=\"lag-value\">[\\d,]+</div>");
  }

  @Test
  @Order(3)
  void theRecordBrowserShowsATombstoneOnOpenEscalationsOnceAnEscalationIsResolved() throws Exception {
    String topic = Topics.OPEN_ESCALATIONS.name();
    // Read independently of the page: the newest tombstone of a key that was open before.
    ConsumerRecord<String, String> resolved = null;
    for (int p = 0; p < Topics.OPEN_ESCALATIONS.partitions() && resolved == null; p++) {
      List<ConsumerRecord<String, String>> records = readAll(topic, p);
      Set<String> opened = new HashSet<>();
      for (int i = 0; i < records.size(); i++) {
        ConsumerRecord<String, String> r = records.get(i);
        if (r.value() != null) {
          opened.add(r.key());
        } else if (opened.contains(r.key()) && i >= records.size() - LAST / 2) {
          resolved = r;
        }
      }
    }
    assertThat(resolved).as("a resolution among the last records of %s", topic).isNotNull();

    String dom = chromium("/kafka?browse=" + topic + "&partition=" + resolved.partition() + "&limit=" + LAST);
    assertThat(dom).containsPattern("<tr class=\"tombstone-row\" data-offset=\"" + resolved.offset() + "\">"
        + ".*?<td class=\"key\">" + Pattern.quote(resolved.key()) + "</td><td class=\"value\">"
        + "<span class=\"badge tombstone\">tombstone</span>");
    assertThat(dom).contains("read_committed");
  }

  @Test
  @Order(4)
  void aBadRecordLandsOnTheDeadLetterTopicWithItsReason() throws Exception {
    assertThat(post("bad-record", null).statusCode()).as("without the header").isEqualTo(403);
    assertThat(post("bad-record", "http://elsewhere.example").statusCode()).as("from another site").isEqualTo(403);
    assertThat(post("bad-record", "http://127.0.0.1:" + demo.app().httpPort()).statusCode()).isEqualTo(202);
    FaultReport report = finished("bad-record");
    assertThat(report.ok()).as("%s", report.steps()).isTrue();
    FaultReport.DeadLetter dead = report.deadLetter();
    assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTER.name());
    assertThat(dead.headers()).contains(new FaultReport.Header("pmpulse.reason", "unparseable"),
        new FaultReport.Header("pmpulse.source.topic", Topics.PR_EVENTS.name()));

    String dom = chromium("/kafka?browse=" + dead.topic() + "&partition=" + dead.partition() + "&limit=10");
    assertThat(dom).containsPattern("<tr data-offset=\"" + dead.offset() + "\">.*?"
        + "<div class=\"header reason\"><span class=\"header-key\">pmpulse.reason</span><span> = unparseable</span></div>");
  }

  @Test
  @Order(5)
  void theCrashLeavesEveryKpiValueEqualAndTheAppRunningAgain() throws Exception {
    PmPulseApp app = demo.app();
    long replaced = app.threadsReplaced();
    int threads = app.streams().metadataForLocalThreads().size();
    await("every task assigned", () -> activeTasks() > 0 && allThreadsRunning());
    int tasks = activeTasks();

    assertThat(post("crash", "http://127.0.0.1:" + app.httpPort()).statusCode()).isEqualTo(202);
    await("the stream threads to crash", () -> app.threadsReplaced() >= replaced + threads);
    Awaitility.await("RUNNING again with all " + tasks + " tasks").atMost(RUNNING_AGAIN_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> app.state() == KafkaStreams.State.RUNNING && allThreadsRunning() && activeTasks() == tasks);

    FaultReport report = finished("crash");
    assertThat(report.ok()).as("%s", report.steps()).isTrue();
    JsonNode before = report.before();
    JsonNode after = report.after();
    // Every view of /api/kpis, as the dashboard reads them, with values to compare.
    assertThat(before.size()).isEqualTo(KpiViews.ALL.size());
    for (KpiView<?> view : KpiViews.ALL) {
      assertThat(after.get(view.name())).as(view.name()).isEqualTo(before.get(view.name()));
    }
    for (String fed : List.of("review-latency", "escalation-resolution", "api-stability", "publish-latency", "delivery")) {
      assertThat(before.get(fed).size()).as(fed).isPositive();
    }
    assertThat(report.comparison().equal()).isTrue();

    // The producer goes on from where it stopped.
    Instant paused = demo.producer().simulatedNow();
    await("the producer to go on", () -> demo.producer().simulatedNow().isAfter(paused));
  }

  /** Last: the broker is away for a few seconds, which the other tests need not see. */
  @Test
  @Order(6)
  void aBrokerRestartTakesTheAppThroughItsStatesAndBackToRunning() throws Exception {
    long processed = demo.app().recordsProcessed();
    assertThat(post("broker-restart", "http://127.0.0.1:" + demo.app().httpPort()).statusCode()).isEqualTo(202);
    FaultReport report = finished("broker-restart");
    assertThat(report.ok()).as("%s", report.steps()).isTrue();
    assertThat(report.steps()).extracting(FaultReport.Step::text)
        .anyMatch(t -> t.startsWith("Broker stopped in"))
        .anyMatch(t -> t.startsWith("Broker ready in"));
    assertThat(report.steps()).extracting(FaultReport.Step::text)
        .anyMatch(t -> t.startsWith("RUNNING with all") && t.contains("processing again"));
    // The KPIs go on: the app processes what the producer sends after the restart. (It may
    // rebalance once more meanwhile, as members that missed heartbeats rejoin.)
    long after = demo.app().recordsProcessed();
    assertThat(after).isGreaterThan(processed);
    await("RUNNING and processing after the restart",
        () -> demo.app().state() == KafkaStreams.State.RUNNING && demo.app().recordsProcessed() > after);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private static FaultReport finished(String kind) {
    await(kind + " to finish", () -> {
      FaultReport r = demo.faults().latest();
      return r != null && r.kind().equals(kind) && r.ok() != null && demo.faults().running() == null;
    });
    return demo.faults().latest();
  }

  private static int activeTasks() {
    return demo.app().streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }

  private static boolean allThreadsRunning() {
    return demo.app().streams().metadataForLocalThreads().stream().allMatch(t -> t.threadState().equals("RUNNING"));
  }

  private static List<ConsumerRecord<String, String>> readAll(String topic, int partition) {
    Properties props = new Properties();
    props.putAll(demo.kafka());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", ""));
  }

  private static String base() {
    return "http://127.0.0.1:" + demo.app().httpPort();
  }

  private static JsonNode status() throws IOException, InterruptedException {
    return Json.MAPPER.readTree(get("/api/kafka/status").body());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a fault the way the page does; {@code origin} null sends no header at all, as a plain form would. */
  private static HttpResponse<String> post(String fault, String origin) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.faultUrl() + "/faults/" + fault))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (origin != null) {
      request.header("Origin", origin).header(FaultEndpoint.HEADER, fault);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String chromium(String pathAndQuery) throws IOException, InterruptedException {
    return HeadlessChromium.run(temp, "--dump-dom", base() + pathAndQuery, "1400,2000", 6000);
  }

  private static void await(String what, Callable<Boolean> check) {
    Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(check);
  }
}
