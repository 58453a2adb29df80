package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProducerMainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final TestClock wall = new TestClock(Instant.parse("2026-05-06T12:00:00Z")); // a Wednesday
  private final ProducerMain main = new ProducerMain(Map.of(), wall);
  private final CommandLine cmd =
      ProducerMain.commandLine(main).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

  @Test
  void unknownFlagIsOneLineAndExitCodeTwo() {
    assertThat(cmd.execute("--no-such-flag")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--no-such-flag");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void negativeSpeedNamesTheFlag() {
    assertThat(cmd.execute("--speed", "-1")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--speed").contains("-1");
  }

  @Test
  void unparseableSpeedNamesTheFlag() {
    assertThat(cmd.execute("--speed", "fast")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--speed");
  }

  @Test
  void missingConfigFileNamesTheFlag() {
    Path missing = dir.resolve("client.properties");
    assertThat(cmd.execute("--config", missing.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--config").contains("client.properties");
  }

  @Test
  void startThatIsNotAnInstantNamesTheFlag() {
    assertThat(cmd.execute("--start", "yesterday")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--start").contains("yesterday");
  }

  @Test
  void outOfRangeValuesNameTheirFlags() {
    assertThat(cmd.execute("--backfill-days", "-2")).isEqualTo(2);
    assertThat(cmd.execute("--rate-multiplier", "0")).isEqualTo(2);
    assertThat(cmd.execute("--http-port", "70000")).isEqualTo(2);
    assertThat(err.toString().lines())
        .hasSize(3)
        .satisfiesExactly(
            l -> assertThat(l).contains("--backfill-days"),
            l -> assertThat(l).contains("--rate-multiplier"),
            l -> assertThat(l).contains("--http-port"));
  }

  @Test
  void scenarioNamesAreCheckedAndReachTheSettings() {
    assertThat(cmd.execute("--scenario", "latency-spike")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("--scenario", "latency-spike", "bad-deploy", "duplicate-delivery");
    cmd.parseArgs("--scenario", "bad-deploy");
    assertThat(main.settings().scenario()).isEqualTo(Scenario.BAD_DEPLOY);
  }

  @Test
  void sampleRateFlagsAreCheckedAndCapTheRateAtHighSpeed() {
    assertThat(cmd.execute("--latency-samples-per-minute", "0")).isEqualTo(2);
    assertThat(cmd.execute("--max-samples-per-second", "-5")).isEqualTo(2);
    assertThat(err.toString().lines()).satisfiesExactly(
        l -> assertThat(l).contains("--latency-samples-per-minute"),
        l -> assertThat(l).contains("--max-samples-per-second"));

    cmd.parseArgs();
    assertThat(main.settings().latencySamplesPerMinute()).isEqualTo(2000);
    assertThat(main.settings().maxSamplesPerSecond()).isEqualTo(3000);
    assertThat(main.settings().effectiveSamplesPerMinute()).isEqualTo(16);
    cmd.parseArgs("--speed", "60", "--latency-samples-per-minute", "500", "--max-samples-per-second", "100000");
    assertThat(main.settings().effectiveSamplesPerMinute()).isEqualTo(500);
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--speed", "--start", "--backfill-days", "--seed", "--rate-multiplier", "--config",
            "--bootstrap-servers", "--http-host", "--http-port", "--scenario", "--latency-samples-per-minute",
            "--max-samples-per-second", "review-backlog");
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("Kafka bootstrap servers (default: localhost:9092,", "(PMPULSE_SPEED=60 for --speed 60)");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void defaultsStartAtTheBeginningOfTheWeek() {
    cmd.parseArgs();
    ProducerSettings settings = main.settings();
    assertThat(settings.start()).isEqualTo(Instant.parse("2026-05-04T00:00:00Z"));
    assertThat(settings.speed()).isEqualTo(3600);
    assertThat(settings.backfillDays()).isEqualTo(28);
    assertThat(settings.seed()).isEqualTo(42);
    assertThat(settings.rateMultiplier()).isEqualTo(1.0);
    assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
    assertThat(settings.httpPort()).isEqualTo(8081);
    assertThat(settings.scenario()).isEqualTo(Scenario.STEADY);
    assertThat(settings.kafka()).containsEntry("bootstrap.servers", "localhost:9092");
  }

  @Test
  void flagsAndTheClientPropertiesFileReachTheSettings() throws Exception {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbootstrap.servers=from-file:9092\n"
        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";\n");
    cmd.parseArgs("--config", config.toString(), "--bootstrap-servers", "broker:9093", "--speed", "60",
        "--start", "2026-03-02T09:00:00+01:00", "--backfill-days", "3", "--seed", "7", "--rate-multiplier", "2.5",
        "--http-host", "0.0.0.0", "--http-port", "0");
    ProducerSettings settings = main.settings();
    assertThat(settings.kafka())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("bootstrap.servers", "broker:9093");
    assertThat(settings.start()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(settings.speed()).isEqualTo(60);
    assertThat(settings.backfillDays()).isEqualTo(3);
    assertThat(settings.seed()).isEqualTo(7);
    assertThat(settings.rateMultiplier()).isEqualTo(2.5);
    assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
    assertThat(settings.httpPort()).isZero();
  }

  @Test
  void environmentVariablesSetFlagsTheCommandLineDoesNotGive() {
    ProducerMain fromEnv = new ProducerMain(
        Map.of("PMPULSE_SPEED", "60", "PMPULSE_SCENARIO", "bad-deploy", "PMPULSE_SEED", "7",
            "PMPULSE_BACKFILL_DAYS", "3", "PMPULSE_HTTP_HOST", "0.0.0.0", "PMPULSE_RATE_MULTIPLIER", " "),
        wall);
    CommandLine envCmd = ProducerMain.commandLine(fromEnv);

    envCmd.parseArgs("--seed", "9");
    ProducerSettings settings = fromEnv.settings();

    assertThat(settings.speed()).isEqualTo(60);
    assertThat(settings.scenario()).isEqualTo(Scenario.BAD_DEPLOY);
    assertThat(settings.seed()).as("the command line wins").isEqualTo(9);
    assertThat(settings.backfillDays()).isEqualTo(3);
    assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
    assertThat(settings.rateMultiplier()).as("a blank variable leaves the default").isEqualTo(1.0);
    assertThat(settings.httpPort()).as("no variable, the flag's default").isEqualTo(8081);
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheVariable() {
    for (Map<String, String> env : java.util.List.of(
        Map.of("PMPULSE_SPEED", "fast"), Map.of("PMPULSE_SPEED", "-1"), Map.of("PMPULSE_SCENARIO", "nope"))) {
      StringWriter envErr = new StringWriter();
      CommandLine envCmd = ProducerMain.commandLine(new ProducerMain(env, wall)).setErr(new PrintWriter(envErr));

      assertThat(envCmd.execute()).as("exit code for %s", env).isEqualTo(2);
      String variable = env.keySet().iterator().next();
      assertThat(envErr.toString().lines()).singleElement().asString()
          .contains("--" + variable.substring("PMPULSE_".length()).toLowerCase(java.util.Locale.ROOT))
          .contains("(from " + variable + ")");
    }
  }

  @Test
  void theKafkaFlagsTakeNoVariableOfTheirOwn() {
    assertThat(EnvironmentDefaults.variable("--bootstrap-servers")).isEmpty();
    assertThat(EnvironmentDefaults.variable("--config")).isEmpty();
    assertThat(EnvironmentDefaults.variable("--help")).isEmpty();
    assertThat(EnvironmentDefaults.variable("--max-samples-per-second")).contains("PMPULSE_MAX_SAMPLES_PER_SECOND");
    // An invalid flag given on the command line is not blamed on the environment.
    StringWriter envErr = new StringWriter();
    CommandLine envCmd = ProducerMain.commandLine(new ProducerMain(Map.of("PMPULSE_SPEED", "60"), wall))
        .setErr(new PrintWriter(envErr));
    assertThat(envCmd.execute("--speed", "0")).isEqualTo(2);
    assertThat(envErr.toString()).contains("--speed").doesNotContain("PMPULSE_SPEED");
  }
}
