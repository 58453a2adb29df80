package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardRunTest {
  @Test
  void theDemosJvmOptionsOrThoseTheUserGives() {
    assertThat(DashboardRun.demoJavaOptions(Map.of())).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(DashboardRun.demoJavaOptions(Map.of("DEMO_JAVA_OPTS", "  -Xmx1g   -XX:+UseSerialGC ")))
        .containsExactly("-Xmx1g", "-XX:+UseSerialGC");
    assertThat(DashboardRun.demoJavaOptions(Map.of("DEMO_JAVA_OPTS", ""))).isEmpty();
  }

  @Test
  void theFullDashboardIsItsLastTileOrNeverReached() {
    Map<String, Double> tiles = Map.of("review-mean", 9.5, "p99", 12.25, "burn", 11.0);
    assertThat(new DashboardRun.Result(1, 2, 3, 4, 5, 6, tiles, true).full()).isEqualTo(12.25);
    assertThat(new DashboardRun.Result(1, 2, 3, 4, 5, 6, tiles, false).full()).isNaN();
  }
}
