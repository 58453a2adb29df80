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

  @Option(names = "--results", defaultValue = "benchmark/results/latest.md", description = "Where to write the results (default: ${DEFAULT-VALUE}).")
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
    return args;
  }

  private void requireAtLeast(String option, long value, long min) {
    if (value < min) {
      throw new ParameterException(command.commandLine(), option + " must be at least " + min + ", not " + value);
    }
  }
}
