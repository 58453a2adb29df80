package dev.pmpulse.demo.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
  private final DockerIgnore ignore = DockerIgnore.parse(List.of(
      "# comment",
      "**/target",
      "**/src/test",
      "*.md",
      "/docs/",
      "demo/src",
      "run-*",
      "keep/*",
      "!keep/this.txt"));

  @Test
  void aPatternExcludesWhatItMatchesAndEverythingUnderIt() {
    assertThat(ignore.excludes("target")).isTrue();
    assertThat(ignore.excludes("producer/target/lib/a.jar")).isTrue();
    assertThat(ignore.excludes("producer/src/test/java/A.java")).isTrue();
    assertThat(ignore.excludes("docs/full-stack.md")).isTrue();
    assertThat(ignore.excludes("demo/src/main/java/A.java")).isTrue();
    assertThat(ignore.excludes("run-demo")).isTrue();
    assertThat(ignore.excludes("README.md")).isTrue();
  }

  @Test
  void aPatternMatchesFromTheContextRootOnlyUnlessItStartsWithDoubleStar() {
    assertThat(ignore.excludes("benchmark/results/latest.md")).as("*.md is for the root").isFalse();
    assertThat(ignore.excludes("producer/src/main/java/A.java")).isFalse();
    assertThat(ignore.excludes("demo/pom.xml")).isFalse();
    assertThat(ignore.excludes("pom.xml")).isFalse();
    assertThat(ignore.excludes(".")).isFalse();
    assertThat(ignore.excludes("producer/run-demo")).isFalse();
  }

  @Test
  void theLastMatchingLineWinsSoAnExceptionBringsAFileBack() {
    assertThat(ignore.excludes("keep/other.txt")).isTrue();
    assertThat(ignore.excludes("keep/this.txt")).isFalse();
    assertThat(ignore.excludesAllUnder("keep")).as("an exception may bring back a file under it").isFalse();
    assertThat(ignore.excludesAllUnder("demo/src")).isFalse();
    assertThat(DockerIgnore.parse(List.of("demo/src")).excludesAllUnder("demo/src")).isTrue();
  }
}
