package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardRunTest {
  @Test
  void theDemosJvmOptionsOrThoseTheUserGives() {
    assertThat(DashboardRun.demoJavaOptions(Map.of())).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx512m");
    assertThat(DashboardRun.demoJavaOptions(Map.of("DEMO_JAVA_OPTS", "  -Xmx1g   -XX:+UseSerialGC ")))
        .containsExactly("-Xmx1g", "-XX:+UseSerialGC");
    assertThat(DashboardRun.demoJavaOptions(Map.of("DEMO_JAVA_OPTS", " "))).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx512m");
  }

  @Test
  void theDefaultIsTheOneRunDemoStartsItsJvmWith() throws IOException {
    String script = Files.readString(Path.of("..", "run-demo"));
    Matcher exec = Pattern.compile("exec java \\$\\{DEMO_JAVA_OPTS:-([^}]*)}").matcher(script);
    assertThat(exec.find()).as("run-demo starts java with ${DEMO_JAVA_OPTS:-...}").isTrue();
    assertThat(exec.group(1)).isEqualTo(DashboardRun.DEMO_JAVA_OPTS_DEFAULT);
  }

  @Test
  void theFullDashboardIsItsLastTileOrNeverReached() {
    Map<String, Double> tiles = Map.of("review-mean", 9.5, "p99", 12.25, "burn", 11.0);
    assertThat(new DashboardRun.Result(1, 2, 3, 4, 5, 6, tiles, true).full()).isEqualTo(12.25);
    assertThat(new DashboardRun.Result(1, 2, 3, 4, 5, 6, tiles, false).full()).isNaN();
  }
}
