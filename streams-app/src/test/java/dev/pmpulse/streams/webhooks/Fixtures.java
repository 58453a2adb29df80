package dev.pmpulse.streams.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pmpulse.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The saved payloads of src/test/resources/webhooks (ORIGIN.md there says where each is from). */
final class Fixtures {
  static final WebhookSecret GITHUB_SECRET = WebhookSecret.of("It's a Secret to Everybody");
  /** go-pagerduty's public test secret, which signs its example body. */
  static final WebhookSecret PAGERDUTY_SECRET =
      WebhookSecret.of("lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK");

  private Fixtures() {}

  /** The bytes of {@code webhooks/<path>}, as saved. */
  static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/webhooks/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as a JSON tree, to change a field in a test. */
  static ObjectNode tree(String path) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(bytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(ObjectNode tree) {
    return Json.write(tree).getBytes(StandardCharsets.UTF_8);
  }

  /** A GitHub delivery of {@code body}, signed with {@link #GITHUB_SECRET}. */
  static WebhookRequest github(String event, String delivery, byte[] body) {
    return new WebhookRequest(
        Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
            "X-Hub-Signature-256", "sha256=" + GITHUB_SECRET.sign(body), "Content-Type", "application/json"),
        body);
  }

  /** The GitHub fixture {@code github/<file>}, whose event is the file name's first part. */
  static WebhookRequest github(String file, String delivery) {
    return github(file.substring(0, file.indexOf('.')), delivery, bytes("github/" + file));
  }

  /** A PagerDuty delivery of {@code body}, signed with {@link #PAGERDUTY_SECRET}. */
  static WebhookRequest pagerDuty(String webhookId, byte[] body) {
    return new WebhookRequest(
        Map.of("X-Webhook-Id", webhookId, "X-PagerDuty-Signature", "v1=" + PAGERDUTY_SECRET.sign(body),
            "Content-Type", "application/json"),
        body);
  }
}
