package dev.pmpulse.streams.webhooks;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One POST as received: its headers (names in any case) and its body, byte for byte, which is what
 * a signature covers.
 */
record WebhookRequest(Map<String, String> headers, byte[] body) {
  WebhookRequest {
    headers =
        headers.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
  }

  /** The header's value, or null; names are compared without regard to case, as HTTP does. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
