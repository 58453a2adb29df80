package dev.pmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
