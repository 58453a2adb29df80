package dev.pmpulse.streams.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of a webhook: signs a body as HMAC-SHA256 and checks a sender's signature
 * against it in constant time. Its text never leaves this class: {@link #toString} is redacted, so
 * a settings record that holds one can be logged.
 */
public final class WebhookSecret {
  static final String REDACTED = "[redacted]";

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("empty");
    }
    this.key = key.clone();
  }

  /** The secret as typed (UTF-8, as GitHub and PagerDuty use it). */
  public static WebhookSecret of(String text) {
    return new WebhookSecret(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The secret in {@code file}, without the line break an editor or {@code echo} leaves at its
   * end; any other whitespace is part of the secret.
   *
   * @throws IllegalArgumentException naming {@code flag} when the file is missing, unreadable or
   *     empty (the message never holds the file's content)
   */
  public static WebhookSecret read(Path file, String flag) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(flag + ": " + (Files.exists(file) ? "not a file: " : "no such file: ") + file);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(flag + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    String trimmed = text.replaceAll("[\r\n]+$", "");
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(flag + ": " + file + " is empty");
    }
    return of(trimmed);
  }

  /** Lower-case hex of HMAC-SHA256 of {@code body} keyed with this secret. */
  public String sign(byte[] body) {
    return HexFormat.of().formatHex(mac(body));
  }

  /**
   * Whether any of {@code hexSignatures} is the signature of {@code body}. Each is compared in
   * constant time ({@link MessageDigest#isEqual}), so the time taken says nothing about how much of
   * a forged signature was right; one that is not hex matches nothing.
   */
  public boolean signedAny(byte[] body, List<String> hexSignatures) {
    byte[] expected = mac(body);
    boolean any = false;
    for (String hex : hexSignatures) {
      byte[] given = parseHex(hex);
      // No early exit: every candidate is compared, whichever matches.
      any |= given != null && MessageDigest.isEqual(expected, given);
    }
    return any;
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] parseHex(String hex) {
    if (hex == null || hex.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
