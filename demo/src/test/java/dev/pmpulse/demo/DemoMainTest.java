package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine(DemoMain demo) {
    CommandLine cmd = DemoMain.commandLine(demo);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd;
  }

  private int run(String... args) {
    return commandLine(new DemoMain()).execute(args);
  }

  @Test
  void anUnknownFlagIsOneLineAndExitCode2() {
    assertThat(run("--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("pm-pulse-demo: Unknown option: '--no-such-flag' (see --help)" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aBadValueIsOneLineAndExitCode2() {
    assertThat(run("--broker-port", "ninety")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--broker-port").contains("ninety");
  }

  @Test
  void anOutOfRangePortIsOneLineAndExitCode2() {
    assertThat(run("--http-port", "70000")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--http-port: must be 0..65535");
  }

  @Test
  void theProducersOwnChecksAreOneLineAndExitCode2() {
    assertThat(run("--speed", "0")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().startsWith("pm-pulse-demo: --speed: must be above 0");
  }

  @Test
  void aConfigFileWithoutAClusterIsRefused(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\n");
    assertThat(run("--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--config").contains("--bootstrap-servers");
  }

  @Test
  void aTakenBrokerPortIsNamedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(run("--broker-port", String.valueOf(port), "--http-port", "0", "--producer-http-port", "0", "--fault-port", "0"))
          .isEqualTo(1);
      assertThat(err.toString().lines())
          .singleElement()
          .asString()
          .contains("port " + port + " is in use")
          .contains("--broker-port")
          .contains("--bootstrap-servers 127.0.0.1:" + port);
    }
  }

  @Test
  void runsBrokerTopicsProducerAndStreamsAppUntilStoppedThenLeavesNothingBehind() throws Exception {
    Set<Thread> threadsBefore = nonDaemonThreads();
    PipedOutputStream console = new PipedOutputStream();
    DemoMain demo = new DemoMain(new PipedInputStream(console));
    CommandLine cmd = commandLine(demo);
    AtomicInteger exitCode = new AtomicInteger(-1);
    Thread main =
        new Thread(
            () -> exitCode.set(cmd.execute("--broker-port", "0", "--http-port", "0", "--producer-http-port", "0", "--fault-port", "0")),
            "demo-under-test");
    main.start();

    await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("Metrics") || !main.isAlive());
    assertThat(err.toString()).doesNotContain("pm-pulse-demo:");
    String banner = out.toString();
    String bootstrap = find(banner, "Kafka\\s+(127\\.0\\.0\\.1:\\d+)");
    String streamsHttp = find(banner, "Metrics\\s+(http://127\\.0\\.0\\.1:\\d+)/metrics");
    String producerHttp = find(banner, "(http://127\\.0\\.0\\.1:\\d+)/metrics  \\(producer\\)");
    assertThat(banner).contains("Topics         created ", "Console        " + DemoConsole.HINT);

    // Console commands switch the producer's scenario the way POST /scenarios/{name} does.
    console.write("s bad-deploy\ns bad-deploi\n".getBytes(StandardCharsets.UTF_8));
    console.flush();
    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Unknown scenario 'bad-deploi'"));
    assertThat(out.toString())
        .containsPattern("Scenario bad-deploy (from simulated|requested)")
        .contains("Unknown scenario 'bad-deploi'. Scenarios: 1 steady, 2 review-backlog, 3 breaking-change, "
            + "4 escalation-storm, 5 bad-deploy, 6 duplicate-delivery.");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(producerHttp + "/metrics"))
        .contains("pmpulse_producer_scenario_active{scenario=\"bad-deploy\"} 1.0")
        .contains("pmpulse_producer_scenario_switches_total{scenario=\"bad-deploy\"} 1.0"));

    assertThat(get(streamsHttp + "/metrics")).contains("kafka_stream");
    assertThat(get(producerHttp + "/metrics")).contains("kafka_producer");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      assertThat(admin.listTopics().names().get())
          .containsAll(Topics.all().stream().map(Topic::name).collect(Collectors.toSet()));
      // Events flow: the producer writes, and the streams app reads and commits its progress.
      await().atMost(Duration.ofSeconds(60)).until(() -> ConsumerLag.of(admin, "pm-pulse", 2_000).isPresent());
      assertThat(endOffsets(admin, Topics.PR_EVENTS.name())).isPositive();
    }

    demo.stop();
    // The streams app gives its threads up to 30 s to finish their last commit (PmPulseApp).
    main.join(Duration.ofSeconds(45).toMillis());
    assertThat(main.isAlive()).as("demo still running 45 s after stop").isFalse();
    assertThat(exitCode.get()).isZero();
    int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    assertThat(FreePort.isFree(port)).as("broker port released").isTrue();
    // A stream thread finishes its last commit after close() returns when the machine is busy;
    // it must still end on its own (the demo process exits in any case).
    await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(nonDaemonThreads()).as("threads left by the demo").isSubsetOf(threadsBefore));
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  private static long endOffsets(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest =
        admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
    return m.group(1);
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }
}
