package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.reliability.Trend.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {
  @Test
  void fitsTheLineThroughExactPoints() {
    // y = 5 + 2x at x = 0, 1, 2, 3
    Trend t = Trend.fit(List.of(new Point(0, 5), new Point(1, 7), new Point(2, 9), new Point(3, 11)));
    assertThat(t.slope()).isCloseTo(2.0, within(1e-9));
    assertThat(t.intercept()).isCloseTo(5.0, within(1e-9));
    assertThat(t.growth(10, 20)).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void swingsAroundALevelHaveNoSlope() {
    // 10, 20, 20, 10: mean x 1.5, mean y 15; sxy = (-1.5)(-5) + (-0.5)(5) + (0.5)(5) + (1.5)(-5) = 0
    Trend flat = Trend.fit(List.of(new Point(0, 10), new Point(1, 20), new Point(2, 20), new Point(3, 10)));
    assertThat(flat.slope()).isCloseTo(0.0, within(1e-9));
    assertThat(flat.meanY()).isCloseTo(15.0, within(1e-9));
  }

  @Test
  void aRiseIsATrendOnlyWhenMaterialAndAboveTheNoise() {
    // 100, 110, 120, 130, 140 exactly: no noise, rise 40 over x 0..4
    List<Point> steady = List.of(new Point(0, 100), new Point(1, 110), new Point(2, 120), new Point(3, 130), new Point(4, 140));
    assertThat(Trend.fit(steady).grows(0, 4, 39)).isTrue();
    assertThat(Trend.fit(steady).grows(0, 4, 41)).isFalse();
    // 100, 160, 100, 160, 120: slope 4 (sxy = 40, sxx = 10), standard error 10.8: noise, not a trend
    List<Point> noisy = List.of(new Point(0, 100), new Point(1, 160), new Point(2, 100), new Point(3, 160), new Point(4, 120));
    Trend t = Trend.fit(noisy);
    assertThat(t.slope()).isCloseTo(4.0, within(1e-9));
    assertThat(t.slopeStandardError()).isCloseTo(Math.sqrt(3520.0 / 3 / 10), within(1e-9));
    assertThat(t.grows(0, 4, 1)).isFalse();
  }

  @Test
  void needsTwoDistinctXs() {
    assertThatThrownBy(() -> Trend.fit(List.of(new Point(1, 1)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Trend.fit(List.of(new Point(1, 1), new Point(1, 2))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
