package dev.pmpulse.streams.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretTest {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  /** GitHub's documented test vector ("Validating webhook deliveries", docs.github.com). */
  @Test
  void signsGitHubsDocumentedExample() {
    WebhookSecret secret = WebhookSecret.of("It's a Secret to Everybody");
    assertThat(secret.sign(HELLO)).isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertThat(secret.signedAny(HELLO, List.of("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))).isTrue();
  }

  @Test
  void aSignatureOfAnotherBodyOrSecretOrNotHexMatchesNothing() {
    WebhookSecret secret = WebhookSecret.of("It's a Secret to Everybody");
    String right = secret.sign(HELLO);
    assertThat(secret.signedAny("Hello, World?".getBytes(StandardCharsets.UTF_8), List.of(right))).isFalse();
    assertThat(WebhookSecret.of("It's a secret to everybody").signedAny(HELLO, List.of(right))).isFalse();
    assertThat(secret.signedAny(HELLO, List.of(right.substring(2)))).as("short").isFalse();
    assertThat(secret.signedAny(HELLO, List.of("zz" + right.substring(2)))).as("not hex").isFalse();
    assertThat(secret.signedAny(HELLO, List.of())).isFalse();
    assertThat(secret.signedAny(HELLO, List.of(right.toUpperCase()))).as("hex in capitals is the same number").isTrue();
  }

  @Test
  void anyOfSeveralSignaturesMayMatch() {
    WebhookSecret secret = WebhookSecret.of("It's a Secret to Everybody");
    assertThat(secret.signedAny(HELLO, List.of("0".repeat(64), secret.sign(HELLO)))).isTrue();
  }

  @Test
  void aSecretFileLosesItsFinalLineBreakOnly(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "It's a Secret to Everybody\n");
    assertThat(WebhookSecret.read(file, "--flag").sign(HELLO))
        .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    Path spaced = Files.writeString(dir.resolve("spaced"), " It's a Secret to Everybody\r\n");
    assertThat(WebhookSecret.read(spaced, "--flag").sign(HELLO))
        .isNotEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void aMissingOrEmptyFileNamesTheFlagAndNeverTheContent(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> WebhookSecret.read(dir.resolve("nope"), "--github-webhook-secret-file"))
        .hasMessageContaining("--github-webhook-secret-file").hasMessageContaining("no such file");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> WebhookSecret.read(empty, "--github-webhook-secret-file"))
        .hasMessageContaining("--github-webhook-secret-file").hasMessageContaining("empty");
  }

  @Test
  void neverShowsItself() {
    WebhookSecret secret = WebhookSecret.of("hunter2-S3CRET");
    assertThat(secret.toString()).isEqualTo("[redacted]");
    WebhookSettings settings = new WebhookSettings("127.0.0.1", 0, secret, secret, "breaking-change", Map.of());
    assertThat(settings.toString()).doesNotContain("hunter2").contains("[redacted]");
  }
}
