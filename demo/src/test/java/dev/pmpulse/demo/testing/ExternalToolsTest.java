package dev.pmpulse.demo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {
  @Test
  void aMissingToolSkipsOnADeveloperMachineAndFailsInCi() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    assertThatThrownBy(() -> ExternalTools.assumeToolOrFailInCi("pmpulse-no-such-tool", "apt-get install nothing"))
        .isInstanceOf(ci ? AssertionFailedError.class : TestAbortedException.class)
        .hasMessageContaining("'pmpulse-no-such-tool' is not on PATH")
        .hasMessageContaining("apt-get install nothing");
  }

  @Test
  void aToolOnPathIsFound() {
    assertThat(ExternalTools.assumeToolOrFailInCi("java", "a JDK")).isExecutable();
  }
}
