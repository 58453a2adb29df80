package dev.pmpulse.benchmark;

import dev.pmpulse.streams.StreamsDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags of {@code ./run-benchmark}: checked before anything starts (a value out of range is one
 * line naming its flag, exit 2), and written back into the results as the command that repeats the
 * run.
 */
final class BenchmarkOptions {
  static final String RESULTS = "benchmark/results/latest.md";
  static final String STATE_SCALE_RESULTS = "benchmark/results/state-scale.md";
  static final String DEFAULT_SCALES = "1,10,100";
  /** The largest multiple of the demo's history --scales takes: 1000x is some 10 million events. */
  static final int MAX_SCALE = 1000;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--events", defaultValue = "600000", description = "Input events for the throughput phases (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds of (a)-(c), each over --events new events; the ratio reported is their median (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup-events", defaultValue = "100000", description = "Events each app processes at its first start, before (a); then both restart and are timed (default: ${DEFAULT-VALUE}; 0 times the first start instead).")
  int warmupEvents;

  @Option(names = "--seed", defaultValue = "42", description = "Input seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--samples-per-cluster-minute", defaultValue = "2000", description = "Latency samples per cluster per simulated minute; 6 clusters (default: ${DEFAULT-VALUE}).")
  int samplesPerClusterMinute;

  @Option(names = "--rate", defaultValue = "5000", description = "Input events per second in the latency phase (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--latency-seconds", defaultValue = "30", description = "Measured seconds of the latency phase, after the warm-up (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--warmup-seconds", defaultValue = "5", description = "Unmeasured seconds at the start of the latency phase (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--stream-threads", description = "Stream threads of both apps, (b) and (c) (default: the streams app's, one per core and at least two).")
  Integer streamThreads;

  @Option(names = "--commit-interval-ms", description = "Commit interval of every Kafka Streams app here, and of the plain consumer (default: the streams app's, " + StreamsDefaults.DEFAULT_COMMIT_INTERVAL_MS + " ms).")
  Integer commitIntervalMs;

  @Option(names = "--no-profile", description = "Do not record the full-topology phase with JFR.")
  boolean noProfile;

  @Option(names = "--dashboard", description = "Only the time to a full dashboard: what ./run-demo starts, until every tile has a value.")
  boolean dashboardOnly;

  @Option(names = "--no-dashboard", description = "Skip the time to a full dashboard (the first phase otherwise, while the JVM is fresh).")
  boolean noDashboard;

  @Option(names = "--state-scale", description = "Only the state-scale phase: throughput and restore time of the full topology on S times the demo's history, for each S of --scales.")
  boolean stateScale;

  @Option(names = "--scales", defaultValue = DEFAULT_SCALES, description = "The state-scale phase's multiples of the demo's history, ascending; ratios are against the first (default: ${DEFAULT-VALUE}).")
  String scales;

  @Option(names = "--results", description = "Where to write the results (default: " + RESULTS + "; with --state-scale, " + STATE_SCALE_RESULTS + ").")
  Path results;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  /** Fails, naming the flag, when a value is out of range. */
  void validate() {
    requireAtLeast("--events", events, 1);
    requireAtLeast("--rounds", rounds, 1);
    requireAtLeast("--warmup-events", warmupEvents, 0);
    requireAtLeast("--rate", rate, 1);
    requireAtLeast("--latency-seconds", latencySeconds, 1);
    requireAtLeast("--warmup-seconds", warmupSeconds, 0);
    requireAtLeast("--samples-per-cluster-minute", samplesPerClusterMinute, 1);
    if (streamThreads != null) {
      requireAtLeast("--stream-threads", streamThreads, 1);
    }
    if (commitIntervalMs != null) {
      requireAtLeast("--commit-interval-ms", commitIntervalMs, 1);
    }
    if (dashboardOnly && noDashboard) {
      throw new ParameterException(command.commandLine(), "--dashboard and --no-dashboard exclude each other");
    }
    if (stateScale && dashboardOnly) {
      throw new ParameterException(command.commandLine(), "--state-scale and --dashboard exclude each other");
    }
    if (!stateScale && command.commandLine().getParseResult().hasMatchedOption("--scales")) {
      throw new ParameterException(command.commandLine(), "--scales needs --state-scale");
    }
    scales();
  }

  /** Where the results go: --results, else the phase's own file, so a state-scale run keeps the last full run's. */
  Path results() {
    return results != null ? results : Path.of(stateScale ? STATE_SCALE_RESULTS : RESULTS);
  }

  /** The multiples of --scales: whole numbers from 1 to {@value #MAX_SCALE}, ascending. */
  List<Integer> scales() {
    List<Integer> out = new ArrayList<>();
    for (String part : scales.split(",", -1)) {
      int scale;
      try {
        scale = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new ParameterException(command.commandLine(), "--scales must be whole numbers separated by commas (1,10,100), not '" + scales + "'");
      }
      if (scale < 1 || scale > MAX_SCALE) {
        throw new ParameterException(command.commandLine(), "--scales: each must be from 1 to " + MAX_SCALE + ", not " + scale);
      }
      if (!out.isEmpty() && scale <= out.get(out.size() - 1)) {
        throw new ParameterException(command.commandLine(), "--scales must be ascending, the first the baseline of the ratios, not '" + scales + "'");
      }
      out.add(scale);
    }
    return out;
  }

  /** The command that repeats this run: {@code --events} and every flag that differs from its default. */
  List<String> commandLine() {
    List<String> args = new ArrayList<>(List.of("./run-benchmark", "--events", Integer.toString(events)));
    if (seed != 42) {
      args.addAll(List.of("--seed", Long.toString(seed)));
    }
    if (samplesPerClusterMinute != 2000) {
      args.addAll(List.of("--samples-per-cluster-minute", Integer.toString(samplesPerClusterMinute)));
    }
    if (rate != 5000) {
      args.addAll(List.of("--rate", Integer.toString(rate)));
    }
    if (latencySeconds != 30) {
      args.addAll(List.of("--latency-seconds", Integer.toString(latencySeconds)));
    }
    if (warmupSeconds != 5) {
      args.addAll(List.of("--warmup-seconds", Integer.toString(warmupSeconds)));
    }
    if (rounds != 3) {
      args.addAll(List.of("--rounds", Integer.toString(rounds)));
    }
    if (warmupEvents != 100_000) {
      args.addAll(List.of("--warmup-events", Integer.toString(warmupEvents)));
    }
    if (streamThreads != null) {
      args.addAll(List.of("--stream-threads", Integer.toString(streamThreads)));
    }
    if (commitIntervalMs != null) {
      args.addAll(List.of("--commit-interval-ms", Integer.toString(commitIntervalMs)));
    }
    if (noProfile) {
      args.add("--no-profile");
    }
    if (dashboardOnly) {
      args.add("--dashboard");
    }
    if (noDashboard) {
      args.add("--no-dashboard");
    }
    if (stateScale) {
      args.add("--state-scale");
    }
    if (!DEFAULT_SCALES.equals(scales)) {
      args.addAll(List.of("--scales", scales));
    }
    return args;
  }

  private void requireAtLeast(String option, long value, long min) {
    if (value < min) {
      throw new ParameterException(command.commandLine(), option + " must be at least " + min + ", not " + value);
    }
  }
}
