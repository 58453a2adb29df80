package dev.pmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.streams.webhooks.WebhookSecret;
import dev.pmpulse.streams.webhooks.WebhookSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StreamsMainTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = StreamsMain.commandLine();
    cmd.setErr(new PrintWriter(err));
    cmd.setOut(new PrintWriter(new StringWriter()));
    return cmd.execute(args);
  }

  @Test
  void unknownFlagIsOneLineAndExitCode2() {
    assertThat(run("--no-such-flag")).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("--no-such-flag");
  }

  @Test
  void badPortNamesTheFlag() {
    assertThat(run("--http-port", "70000")).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("--http-port");
  }

  @Test
  void notANumberNamesTheFlag() {
    assertThat(run("--http-port", "eighty")).isEqualTo(2);
    assertThat(err.toString()).contains("--http-port").contains("eighty");
  }

  @Test
  void missingConfigFileNamesTheFlag() {
    assertThat(run("--config", "does-not-exist.properties")).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("--config").contains("does-not-exist.properties");
  }

  @Test
  void urlFlagsMustBeHttpUrls() {
    assertThat(run("--producer-url", "javascript:alert(1)")).isEqualTo(2);
    assertThat(err.toString()).contains("--producer-url");
    assertThat(run("--advertised-url", "not a url")).isEqualTo(2);
    assertThat(err.toString()).contains("--advertised-url");
  }

  @Test
  void scenarioNamesAreRestricted() {
    assertThat(run("--scenarios", "steady,<b>")).isEqualTo(2);
    assertThat(err.toString()).contains("--scenarios");
  }

  @Test
  void webhooksAreOffWithoutASecretAndOnWithOne(@TempDir Path dir) throws Exception {
    StreamsMain off = new StreamsMain(Map.of());
    new CommandLine(off).parseArgs();
    assertThat(off.webhookSettings().enabled()).isFalse();

    Path secret = Files.writeString(dir.resolve("github.secret"), "It's a Secret to Everybody\n");
    StreamsMain on = new StreamsMain(Map.of("PMPULSE_PAGERDUTY_WEBHOOK_SECRET", "pd"));
    new CommandLine(on).parseArgs("--github-webhook-secret-file", secret.toString(),
        "--github-repository-team", "acme/kafka-streams=streams", "--github-breaking-label", "semver-major");
    WebhookSettings settings = on.webhookSettings();
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.github().sign("Hello, World!".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertThat(settings.pagerDuty()).isEqualTo(WebhookSecret.of("pd"));
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(8090);
    assertThat(settings.repositoryTeams()).containsExactly(Map.entry("acme/kafka-streams", "streams"));
    assertThat(settings.breakingLabel()).isEqualTo("semver-major");
  }

  @Test
  void theRecordBrowserIsOnUnlessSwitchedOff() {
    StreamsMain on = new StreamsMain(java.util.Map.of());
    StreamsMain.commandLine(on).parseArgs();
    assertThat(on.settings().recordBrowser()).isTrue();
    StreamsMain off = new StreamsMain(java.util.Map.of());
    StreamsMain.commandLine(off).parseArgs("--no-record-browser");
    assertThat(off.settings().recordBrowser()).isFalse();
    assertThat(off.settings().faultControlUrl()).as("no fault controls in a standalone app").isNull();
  }
}
