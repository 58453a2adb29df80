package dev.pmpulse.events;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A team's repository entry: {@code owner/name}, or a pattern in which {@code *} stands for any
 * characters but {@code /} ({@code acme/*}, {@code acme/streams-*}). Compared ignoring case, as
 * code hosts compare repository names.
 */
final class RepositoryPattern {
  /** What an entry may hold: an owner and a name, of letters, digits, {@code . _ -} and {@code *}. */
  static final Pattern VALID = Pattern.compile("[A-Za-z0-9._*-]+/[A-Za-z0-9._*-]+");

  private RepositoryPattern() {}

  static boolean isPattern(String entry) {
    return entry.indexOf('*') >= 0;
  }

  static boolean matches(String pattern, String ownerSlashName) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append("[^/]*");
      }
      regex.append(Pattern.quote(part));
    }
    return ownerSlashName.toLowerCase(Locale.ROOT).matches(regex.toString());
  }
}
