package dev.pmpulse.demo.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.pmpulse.demo.testing.ExternalTools;
import dev.pmpulse.demo.testing.NodeTools;
import dev.pmpulse.producer.ProducerMain;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml, without a Docker engine: checked against the Compose Specification schema
 * plus its cross-references (see dashboards/tools/check-compose.mjs). The images it builds are
 * checked by {@link DockerImageBuildTest}.
 */
class ComposeFileTest {
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

  private final Path root = ExternalTools.repoRoot();

  @Test
  void composeFileFitsTheSpecificationAndItsReferencesResolve() {
    ExternalTools.Result result = NodeTools.node("check-compose.mjs", root.resolve("docker-compose.yml").toString());
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void aBrokenComposeFileIsRejectedWithEveryProblemNamed(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\n");
    Path compose = Files.writeString(dir.resolve("compose.yml"), """
        services:
          app:
            build: { context: app }
            restart_policy: always
            ports: ["8080:8080", "127.0.0.1:${APP_PORT}:8081"]
            depends_on:
              db: { condition: service_healthy }
              web: { condition: service_started }
            volumes:
              - data:/data
              - ./missing.yml:/etc/app.yml:ro
          web:
            image: nginx:latest
            build: { context: nowhere }
          db:
            image: postgres
        """);
    ExternalTools.Result result = NodeTools.node("check-compose.mjs", compose.toString());
    assertThat(result.ok()).isFalse();
    assertThat(result.output())
        .contains("'restart_policy'") // not a service key
        .contains("services.app.depends_on.db: waits for service_healthy but 'db' has no healthcheck")
        .contains("named volume 'data' is not declared")
        .contains("bind-mounted './missing.yml' does not exist")
        .contains("services.web.build.context: no directory nowhere")
        .contains("services.db.image: 'postgres' is not pinned")
        .contains("${APP_PORT} has no default")
        .contains("services.app.ports: '8080:8080' is published on every interface")
        .contains("services.web: no restart policy")
        .contains("services.db: no healthcheck");
  }

  @Test
  void anUnknownDependencyIsRejected(@TempDir Path dir) throws IOException {
    Path compose = Files.writeString(dir.resolve("compose.yml"), """
        services:
          app:
            image: busybox:1.37.0
            depends_on: [kafka]
        """);
    ExternalTools.Result result = NodeTools.node("check-compose.mjs", compose.toString());
    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("services.app.depends_on: no service 'kafka'");
  }

  @Test
  void theProducersSettingsDefaultToItsOwnDefaults() throws IOException {
    JsonNode env = compose().at("/services/producer/environment");
    assertThat(defaultOf(env.path("PMPULSE_SPEED").asText())).isEqualTo(format(ProducerSettings.DEFAULT_SPEED));
    assertThat(defaultOf(env.path("PMPULSE_SCENARIO").asText())).isEqualTo(Scenario.STEADY.label());
    assertThat(defaultOf(env.path("PMPULSE_SEED").asText())).isEqualTo(Long.toString(ProducerSettings.DEFAULT_SEED));

    StringWriter help = new StringWriter();
    ProducerMain.commandLine(new ProducerMain(Map.of(), Clock.systemUTC())).setOut(new PrintWriter(help)).execute("--help");
    for (String name : iterable(env.fieldNames())) {
      assertThat(name).as("a producer setting").startsWith("PMPULSE_");
      String flag = "--" + name.substring("PMPULSE_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      assertThat(help.toString()).as("%s sets the producer's %s", name, flag).contains(flag + "=");
    }
  }

  @Test
  void hostAddressesFollowTheirPortVariables() throws IOException {
    JsonNode services = compose().path("services");
    // Kafka tells clients where to connect: on the host, that is the published port.
    String kafkaPort = variableIn(services.at("/kafka/ports/0").asText());
    assertThat(services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
        .contains("HOST://localhost:${" + kafkaPort + ":-");
    // The dashboard page's scenario buttons reach the producer where the host publishes it.
    String producerPort = variableIn(services.at("/producer/ports/0").asText());
    assertThat(services.at("/streams-app/command").toString())
        .contains("\"--producer-url\",\"http://localhost:${" + producerPort + ":-");
    assertThat(List.of("kafka", "streams-app", "producer", "prometheus", "grafana"))
        .allSatisfy(s -> assertThat(services.at("/" + s + "/ports/0").asText()).matches("127\\.0\\.0\\.1:\\$\\{[A-Z_]+_PORT:-\\d+}:\\d+"));
  }

  /** The runtime images have bash and no HTTP client: their healthchecks talk HTTP over /dev/tcp. */
  @ParameterizedTest
  @ValueSource(strings = {"producer", "streams-app"})
  void theHealthcheckPassesOn200AndFailsOtherwise(String service) throws IOException {
    Path bash = ExternalTools.assumeToolOrFailInCi("bash", "apt-get install -y bash");
    JsonNode svc = compose().path("services").path(service);
    List<String> test = new ArrayList<>();
    svc.at("/healthcheck/test").forEach(n -> test.add(n.asText()));
    assertThat(test.subList(0, 3)).containsExactly("CMD", "bash", "-c");
    Matcher port = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)").matcher(test.get(3));
    assertThat(port.find()).as("the healthcheck asks 127.0.0.1 over /dev/tcp: %s", test.get(3)).isTrue();
    assertThat(svc.at("/ports/0").asText()).as("it asks the port the service listens on").endsWith(":" + port.group(1));

    AtomicInteger status = new AtomicInteger(200);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.start();
    try {
      String probe = test.get(3).replace("/dev/tcp/127.0.0.1/" + port.group(1), "/dev/tcp/127.0.0.1/" + server.getAddress().getPort());
      assertThat(ExternalTools.run(root, Duration.ofSeconds(30), List.of(bash.toString(), "-c", probe)).exitCode())
          .as("on 200").isZero();
      status.set(503);
      assertThat(ExternalTools.run(root, Duration.ofSeconds(30), List.of(bash.toString(), "-c", probe)).exitCode())
          .as("on 503").isNotZero();
    } finally {
      server.stop(0);
    }
  }

  private JsonNode compose() throws IOException {
    return new YAMLMapper().readTree(root.resolve("docker-compose.yml").toFile());
  }

  private static String defaultOf(String value) {
    Matcher m = DEFAULTED.matcher(value);
    assertThat(m.matches()).as("'%s' is ${NAME:-default}", value).isTrue();
    return m.group(2);
  }

  private static String variableIn(String value) {
    Matcher m = DEFAULTED.matcher(value);
    assertThat(m.find()).as("'%s' has a ${NAME:-default}", value).isTrue();
    return m.group(1);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
