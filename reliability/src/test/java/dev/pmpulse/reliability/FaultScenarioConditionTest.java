package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the fault scenarios run: on request, and always in CI unless asked not to. */
class FaultScenarioConditionTest {
  @ParameterizedTest(name = "reliability.suite={0}, CI={1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-,     -,     false",
        "-,     false, false",
        "-,     true,  true",
        "-,     TRUE,  true",
        "true,  -,     true",
        "false, true,  false",
        "true,  false, true",
      })
  void runsOnRequestAndInCi(String suiteProperty, String ciVariable, boolean expected) {
    assertThat(FaultScenario.Condition.enabled(suiteProperty, ciVariable)).isEqualTo(expected);
  }
}
