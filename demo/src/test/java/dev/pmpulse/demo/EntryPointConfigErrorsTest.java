package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pmpulse.producer.ProducerMain;
import dev.pmpulse.streams.StreamsMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Issue 8, bad config: every command-line and client-settings error of every entry point (streams
 * app, producer, demo) is one line on stderr that names the setting, and exit code 2. In the
 * arguments, {@code FILE} is a client properties file holding the row's text, {@code MISSING} a
 * file that does not exist and {@code DIR} a directory.
 */
class EntryPointConfigErrorsTest {
  private static final String CLUSTER = "127.0.0.1:1"; // nothing listens there: nothing may get that far

  @TempDir Path dir;

  static Stream<Arguments> badInputs() {
    List<Arguments> rows = new ArrayList<>();
    for (String entry : List.of("streams", "producer", "demo")) {
      String[] cluster = {"--bootstrap-servers", CLUSTER};
      rows.add(row(entry, "--no-such-flag", Map.of(), null, "--no-such-flag"));
      rows.add(row(entry, "--http-port", Map.of(), null, "--http-port", "eighty"));
      rows.add(row(entry, "--http-port", Map.of(), null, "--http-port", "70000"));
      rows.add(row(entry, "--config", Map.of(), null, cat(cluster, "--config", "MISSING")));
      rows.add(row(entry, "--config", Map.of(), null, cat(cluster, "--config", "DIR")));
      rows.add(row(entry, "--config", Map.of(), "key=\\uZZZZ\n", cat(cluster, "--config", "FILE")));
      rows.add(row(entry, "linger.ms", Map.of(), "linger.ms=soon\n", cat(cluster, "--config", "FILE")));
      rows.add(row(entry, "security.protocol", Map.of(), "security.protocol=SASL_NOPE\n", cat(cluster, "--config", "FILE")));
      rows.add(row(entry, "request.timeout.ms", Map.of(), "request.timeout.ms=-5\n", cat(cluster, "--config", "FILE")));
      rows.add(row(entry, "sasl.jaas.config", Map.of(), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n",
          cat(cluster, "--config", "FILE")));
      rows.add(row(entry, "PMPULSE_KAFKA_ACKS", Map.of("PMPULSE_KAFKA_ACKS", "maybe"), null, cluster));
      rows.add(row(entry, "PMPULSE_KAFKA_MAX_BLOCK_MS", Map.of("PMPULSE_KAFKA_MAX_BLOCK_MS", "1e9x"), null, cluster));
      // Issue 18: a bad teams file names the flag, the file, the team and the field.
      rows.add(row(entry, "--teams MISSING: no such file", Map.of(), null, "--teams", "MISSING"));
      rows.add(row(entry, "--teams FILE: team 'connect': workingHours", Map.of(),
          "teams:\n  connect:\n    zone: Europe/Berlin\n    workingHours: 9-5\n", "--teams", "FILE"));
      rows.add(row(entry, "--teams FILE: team 'ops': holidays.country", Map.of(),
          "teams:\n  ops:\n    zone: UTC\n    holidays: {country: XX}\n", "--teams", "FILE"));
    }
    rows.add(row("streams", "--bootstrap-servers", Map.of(), null, "--bootstrap-servers", ""));
    rows.add(row("streams", "--advertised-url", Map.of(), null, "--advertised-url", "ftp://host:1"));
    rows.add(row("streams", "--application-id", Map.of(), null, "--application-id", " "));
    rows.add(row("streams", "--scenarios", Map.of(), null, "--scenarios", "a b"));
    rows.add(row("producer", "--speed", Map.of(), null, "--speed", "0"));
    rows.add(row("producer", "--speed", Map.of(), null, "--speed", "fast"));
    rows.add(row("producer", "--start", Map.of(), null, "--start", "yesterday"));
    rows.add(row("producer", "--backfill-days", Map.of(), null, "--backfill-days", "-1"));
    rows.add(row("producer", "--seed", Map.of(), null, "--seed", "x"));
    rows.add(row("producer", "--scenario", Map.of(), null, "--scenario", "nope"));
    rows.add(row("producer", "--rate-multiplier", Map.of(), null, "--rate-multiplier", "1000"));
    rows.add(row("producer", "--max-samples-per-second", Map.of(), null, "--max-samples-per-second", "0"));
    rows.add(row("demo", "--broker-port", Map.of(), null, "--broker-port", "70000"));
    rows.add(row("demo", "--config", Map.of(), "linger.ms=5\n", "--config", "FILE")); // without a cluster
    rows.add(row("demo", "--start", Map.of(), null, "--start", "yesterday"));
    rows.add(row("demo", "--speed", Map.of(), null, "--speed", "-1"));
    rows.add(row("demo", "--backfill-days", Map.of(), null, "--backfill-days", "x"));
    return rows.stream();
  }

  private static Arguments row(String entry, String names, Map<String, String> env, String file, String... args) {
    return Arguments.of(entry, names, env, file, List.of(args));
  }

  private static String[] cat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0} {4} {2} -> names {1}")
  @MethodSource("badInputs")
  void namesTheSettingInOneLineAndExits2(
      String entry, String names, Map<String, String> env, String file, List<String> args) throws Exception {
    Path config = dir.resolve("client.properties");
    if (file != null) {
      Files.writeString(config, file);
    }
    String[] argv = args.stream()
        .map(a -> switch (a) {
          case "FILE" -> config.toString();
          case "MISSING" -> dir.resolve("missing.properties").toString();
          case "DIR" -> dir.toString();
          default -> a;
        })
        .toArray(String[]::new);
    CommandLine cmd = switch (entry) {
      case "streams" -> StreamsMain.commandLine(new StreamsMain(env));
      case "producer" -> ProducerMain.commandLine(new ProducerMain(env, Clock.systemUTC()));
      default -> DemoMain.commandLine(new DemoMain(env, null));
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));

    // A guard, not a measure: an input that slipped through would start the app and never return.
    int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cmd.execute(argv));

    assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(2);
    assertThat(err.toString().lines().toList()).as("stderr").hasSize(1);
    String named = names.replace("FILE", config.toString()).replace("MISSING", dir.resolve("missing.properties").toString());
    assertThat(err.toString()).contains(named).startsWith(cmd.getCommandName() + ": ");
    assertThat(out.toString()).isEmpty();
  }
}
