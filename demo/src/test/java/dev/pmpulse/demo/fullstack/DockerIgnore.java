package dev.pmpulse.demo.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's .dockerignore, with Docker's rules: one pattern a line ({@code *}, {@code ?},
 * {@code **} for any number of directories), {@code !} for an exception, the last matching line
 * wins, and a pattern that matches a directory excludes everything in it. Character classes
 * ({@code [a-z]}) are not supported: this repository's file does not use them.
 */
final class DockerIgnore {
  private record Rule(Pattern pattern, boolean exception) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** The context's .dockerignore; nothing is excluded without one. */
  static DockerIgnore of(Path context) {
    Path file = context.resolve(".dockerignore");
    try {
      return parse(Files.isRegularFile(file) ? Files.readAllLines(file) : List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DockerIgnore parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String line : lines) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      boolean exception = p.startsWith("!");
      p = exception ? p.substring(1).strip() : p;
      p = p.replaceAll("^/+", "").replaceAll("/+$", "");
      rules.add(new Rule(Pattern.compile(regex(p)), exception));
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /** Whether Docker leaves this path (relative to the context, '/'-separated) out of the context. */
  boolean excludes(String path) {
    String clean = path.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
    if (clean.isEmpty() || clean.equals(".")) {
      return false;
    }
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesItOrAParent(rule.pattern(), clean)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  /** Whether nothing under this directory can be in the context (no exception could bring it back). */
  boolean excludesAllUnder(String dir) {
    return excludes(dir) && rules.stream().noneMatch(Rule::exception);
  }

  private static boolean matchesItOrAParent(Pattern pattern, String path) {
    String candidate = path;
    while (true) {
      if (pattern.matcher(candidate).matches()) {
        return true;
      }
      int slash = candidate.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      candidate = candidate.substring(0, slash);
    }
  }

  private static String regex(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (pattern.startsWith("**/", i)) {
        re.append("(?:.*/)?");
        i += 2;
      } else if (pattern.startsWith("**", i)) {
        re.append(".*");
        i += 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
