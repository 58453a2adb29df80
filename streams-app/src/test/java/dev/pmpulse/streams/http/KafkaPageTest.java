package dev.pmpulse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.PmPulseTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.inspect.StateHistory;
import dev.pmpulse.streams.inspect.StreamsRuntime;
import dev.pmpulse.streams.inspect.TopologyGraph;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /kafka} page's files and the parts of its API that need no broker, over real HTTP: the
 * topology, the record browser switched off, and the fault controls' origin in the page's policy.
 * The parts that ask Kafka are tested on a running demo (the demo module's KafkaPageTest).
 */
class KafkaPageTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpApi http;

  private HttpApi serve(KafkaPage.Settings settings) throws Exception {
    TopologySettings topology = TopologySettings.defaults(new SimpleMeterRegistry());
    Set<String> registry = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
    TopologyGraph graph = TopologyGraph.of(PmPulseTopology.build(topology).describe(), "app", registry);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    StreamsRuntime runtime = new StreamsRuntime(() -> null, props, graph, topology.processed(), new StateHistory(), () -> 0,
        new HostInfo("127.0.0.1", 1));
    http = new HttpApi("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> KafkaStreams.State.RUNNING);
    // No broker here: the topics and the browser are never asked in these tests.
    new KafkaPage(settings, graph, runtime, null, null).register(http);
    http.start();
    return http;
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.stop();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageItsScriptAndNothingElseUnderKafka() throws Exception {
    serve(new KafkaPage.Settings(true, null));
    HttpResponse<String> page = get("/kafka");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"/kafka.js\" defer></script>", "id=\"subtopologies\"");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    assertThat(get("/kafka.js").body()).contains("textContent").doesNotContain("innerHTML");
    assertThat(get("/kafka/other").statusCode()).isEqualTo(404);
    assertThat(get("/kafkaesque").statusCode()).isEqualTo(404);
  }

  @Test
  void theTopologyHasEverySubTopologyWithEachNodesClass() throws Exception {
    serve(new KafkaPage.Settings(true, null));
    JsonNode topology = Json.MAPPER.readTree(get("/api/kafka/topology").body());
    assertThat(topology.get("subTopologies")).hasSizeGreaterThan(10);
    JsonNode first = topology.at("/subTopologies/0/nodes");
    assertThat(first).allSatisfy(n -> assertThat(n.get("className").asText()).startsWith("dev.pmpulse.streams."));
    assertThat(topology.at("/areas/ESCALATION_RESOLUTION").asText()).isEqualTo("Escalation resolution");
  }

  @Test
  void theRecordBrowserCanBeSwitchedOff() throws Exception {
    serve(new KafkaPage.Settings(false, null));
    assertThat(Json.MAPPER.readTree(get("/api/kafka/config").body()).get("recordBrowser").asBoolean()).isFalse();
    HttpResponse<String> records = get("/api/kafka/records?topic=pmpulse.pr-events&partition=0");
    assertThat(records.statusCode()).isEqualTo(404);
    assertThat(records.body()).contains("--no-record-browser");
  }

  @Test
  void thePageMayTalkToTheDemosFaultControlsOnlyWhenGivenTheirUrl() throws Exception {
    serve(new KafkaPage.Settings(true, "http://127.0.0.1:8082"));
    assertThat(get("/kafka").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).endsWith("; connect-src 'self' http://127.0.0.1:8082"));
    assertThat(Json.MAPPER.readTree(get("/api/kafka/config").body()).get("faultControlUrl").asText())
        .isEqualTo("http://127.0.0.1:8082");
  }

  @Test
  void theStatusBeforeTheStreamsClientExists() throws Exception {
    serve(new KafkaPage.Settings(true, null));
    JsonNode status = Json.MAPPER.readTree(get("/api/kafka/status").body());
    assertThat(status.get("state").asText()).isEqualTo("CREATED");
    assertThat(status.get("processingGuarantee").asText()).isEqualTo("exactly_once_v2");
    assertThat(status.at("/readers/0/isolationLevel").asText()).isEqualTo("read_committed");
    assertThat(status.get("nodeRates").get("parse-pmpulse.pr-events").asDouble()).isZero();
  }
}
