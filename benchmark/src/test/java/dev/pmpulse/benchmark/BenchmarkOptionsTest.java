package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class BenchmarkOptionsTest {
  @Test
  void theStateScalePhaseRunsOneTenAndAHundredTimesByDefaultAndWritesItsOwnFile() {
    BenchmarkOptions options = parse("--state-scale");
    options.validate();
    assertThat(options.scales()).containsExactly(1, 10, 100);
    assertThat(options.results()).isEqualTo(Path.of("benchmark/results/state-scale.md"));
    assertThat(options.commandLine()).contains("--state-scale").doesNotContain("--scales");
    assertThat(parse().results()).isEqualTo(Path.of("benchmark/results/latest.md"));
  }

  @Test
  void scalesAreReadAndWrittenBackIntoTheCommand() {
    BenchmarkOptions options = parse("--state-scale", "--scales", "1, 5,20");
    options.validate();
    assertThat(options.scales()).containsExactly(1, 5, 20);
    assertThat(options.commandLine()).containsSubsequence("--state-scale", "--scales", "1, 5,20");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--state-scale --scales 1,x      | --scales must be whole numbers",
      "--state-scale --scales 10,1     | --scales must be ascending",
      "--state-scale --scales 1,1      | --scales must be ascending",
      "--state-scale --scales 0,10     | --scales: each must be from 1 to 1000, not 0",
      "--state-scale --scales 1,1001   | --scales: each must be from 1 to 1000, not 1001",
      "--state-scale --scales 1,,10    | --scales must be whole numbers",
      "--scales 1,10                   | --scales needs --state-scale",
      "--state-scale --dashboard       | --state-scale and --dashboard exclude each other"})
  void aBadValueIsOneLineNamingTheFlagAndExitCode2(String args, String message) {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchmarkMain()).setErr(new PrintWriter(err)).execute(args.trim().split("\\s+"));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElse("")).contains(message);
  }

  private static BenchmarkOptions parse(String... args) {
    BenchmarkMain main = new BenchmarkMain();
    new CommandLine(main).parseArgs(args);
    return main.options;
  }
}
