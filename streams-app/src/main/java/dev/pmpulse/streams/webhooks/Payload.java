package dev.pmpulse.streams.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import dev.pmpulse.streams.intake.RejectedRecordException;
import dev.pmpulse.streams.intake.Rejection;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook's JSON body, read by dotted paths ({@code pull_request.user.login}); a field the mapping
 * needs and does not find is a rejection that names the path, so the dead-letter topic says what
 * was wrong.
 */
final class Payload {
  private final JsonNode root;

  private Payload(JsonNode root) {
    this.root = root;
  }

  /** @throws RejectedRecordException ({@code unparseable}) unless {@code body} is a JSON object */
  static Payload parse(byte[] body) throws RejectedRecordException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new RejectedRecordException(new Rejection(Rejection.UNPARSEABLE, "not valid JSON"));
    }
    if (root == null || !root.isObject()) {
      throw new RejectedRecordException(new Rejection(Rejection.UNPARSEABLE, "not a JSON object"));
    }
    return new Payload(root);
  }

  JsonNode node(String path) {
    JsonNode node = root;
    for (String name : path.split("\\.")) {
      node = node.path(name);
    }
    return node;
  }

  boolean has(String path) {
    JsonNode node = node(path);
    return !node.isMissingNode() && !node.isNull();
  }

  /** The text at {@code path}, or null when it is absent, null or not text. */
  String text(String path) {
    JsonNode node = node(path);
    return node.isTextual() ? node.textValue() : null;
  }

  String requiredText(String path) throws RejectedRecordException {
    String text = text(path);
    if (text == null || text.isBlank()) {
      throw new RejectedRecordException(Rejection.missing(path));
    }
    return text;
  }

  int requiredInt(String path) throws RejectedRecordException {
    JsonNode node = node(path);
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new RejectedRecordException(has(path)
          ? Rejection.invalid("field '" + path + "' must be a whole number")
          : Rejection.missing(path));
    }
    return node.intValue();
  }

  boolean flag(String path) {
    return node(path).asBoolean(false);
  }

  /** An ISO-8601 time with an offset ({@code 2019-05-15T15:20:33Z}, {@code ...+02:00}). */
  Instant requiredInstant(String path) throws RejectedRecordException {
    String text = requiredText(path);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new RejectedRecordException(
          Rejection.invalid("field '" + path + "' is not an ISO-8601 time: " + abbreviate(text, 80)));
    }
  }

  /** The text {@code field} of every element of the array at {@code path} that has one. */
  List<String> texts(String path, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode element : node(path)) {
      JsonNode value = element.path(field);
      if (value.isTextual() && !value.textValue().isBlank()) {
        out.add(value.textValue());
      }
    }
    return out;
  }

  /** {@code text}, cut to at most {@code max} characters with "..." at the cut. */
  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
