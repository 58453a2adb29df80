package dev.pmpulse.producer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Flag defaults from the environment, the way container users configure things: {@code
 * PMPULSE_SPEED=60} stands for {@code --speed 60} unless the command line gives {@code --speed}.
 * The Kafka client settings have their own variables ({@code PMPULSE_KAFKA_*}, read by
 * ClientSettings), so {@code --bootstrap-servers} and {@code --config} take none here.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  static final String PREFIX = "PMPULSE_";
  private static final Set<String> KAFKA_FLAGS = Set.of("--bootstrap-servers", "--config");
  private static final Pattern FLAG = Pattern.compile("--[a-z][a-z0-9-]*");

  private final Map<String, String> env;

  EnvironmentDefaults(Map<String, String> env) {
    this.env = env;
  }

  /** The variable that sets this flag, e.g. {@code PMPULSE_BACKFILL_DAYS} for {@code --backfill-days}. */
  static Optional<String> variable(String flag) {
    if (!FLAG.matcher(flag).matches() || KAFKA_FLAGS.contains(flag) || flag.equals("--help")) {
      return Optional.empty();
    }
    return Optional.of(PREFIX + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp()) {
      return null;
    }
    // null leaves the flag's own default in force; so does an empty variable.
    return variable(option.longestName()).map(env::get).filter(v -> !v.isBlank()).orElse(null);
  }

  /**
   * Where a bad value came from, for an error message that names a flag: " (from PMPULSE_SPEED)"
   * when the environment set it and the command line did not; empty otherwise.
   */
  String origin(String message, String[] args) {
    Matcher m = FLAG.matcher(message);
    if (!m.find()) {
      return "";
    }
    String flag = m.group();
    boolean given = Arrays.stream(args).anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
    return variable(flag)
        .filter(name -> !given && env.containsKey(name) && !env.get(name).isBlank())
        .map(name -> " (from " + name + ")")
        .orElse("");
  }
}
