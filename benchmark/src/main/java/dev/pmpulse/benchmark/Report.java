package dev.pmpulse.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The results of one run as Markdown: what ran, on what, and what it measured. */
final class Report {
  private final StringBuilder body = new StringBuilder();
  private final String command;
  private final Instant started = Instant.now();
  private String mix = "";
  private String machine = "";
  private StreamsRun.Timing passthrough;

  Report(String command) {
    this.command = command;
  }

  void mix(List<BenchEvent> events) {
    Map<String, Long> byTopic = new TreeMap<>(events.stream().collect(Collectors.groupingBy(BenchEvent::topic, Collectors.counting())));
    double bytes = events.stream().mapToLong(e -> e.value().length).average().orElse(0);
    StringBuilder s = new StringBuilder("Input mix (seeded):");
    byTopic.forEach((t, n) -> s.append(String.format(Locale.ROOT, " %s %,d (%.2f%%);", t, n, 100.0 * n / events.size())));
    s.append(String.format(Locale.ROOT, " mean value size %.0f B.", bytes));
    mix = s.toString();
  }

  void producer(int events, double seconds) {
    row(f("(a) producer (acks=all, lz4, linger 20 ms): %,d events in %.2f s", events, seconds), f("%,.0f events/s", events / seconds));
  }

  void passthrough(StreamsRun.Timing t, int streamThreads) {
    passthrough = t;
    row(f("(b) pass-through (mapValues, exactly_once_v2, %d stream thread%s): %.2f s from start to all committed",
            streamThreads, streamThreads == 1 ? "" : "s", t.seconds()),
        f("%,.0f events/s (%,.0f from RUNNING)", t.rate(), t.rateSinceRunning()));
  }

  void full(StreamsRun.Timing t) {
    row(f("(c) full PM Pulse topology (same settings): %.2f s from start to all committed", t.seconds()),
        f("%,.0f events/s (%,.0f from RUNNING)", t.rate(), t.rateSinceRunning()));
    body.append(String.format(Locale.ROOT, "| **ratio (c)/(b)** | **%.2f** (from RUNNING: %.2f) |%n",
        t.rate() / passthrough.rate(), t.rateSinceRunning() / passthrough.rateSinceRunning()));
  }

  void latency(LatencyProbe.Result r, long lagAfter) {
    body.append(String.format(Locale.ROOT,
        "| (d) end-to-end latency at %,d events/s (achieved %,.0f) for %.0f s: PR review sent → team review-latency KPI update read (read_committed) | p50 **%.0f ms**, p90 %.0f ms, p99 **%.0f ms**, max %.0f ms; %d of %d reviews matched, %d anomalies; input lag at the end %d |%n",
        r.rate(), r.achievedRate(), r.seconds(), r.p(50), r.p(90), r.p(99),
        r.sortedMillis().length == 0 ? Double.NaN : r.sortedMillis()[r.sortedMillis().length - 1],
        r.matched(), r.reviewsSent(), r.anomalies(), lagAfter));
  }

  private String profile = "";

  void profile(String summary, String file) {
    profile = "\n## Profile of phase (c) (JFR, " + file + " beside this file, not committed)\n\n```\n" + summary + "```\n";
  }

  private final StringBuilder load = new StringBuilder();

  /**
   * The load average when {@code when}: the benchmark assumes it has the machine to itself, and
   * on a shared machine (a load well above the core count) its figures are not comparable.
   */
  void load(String when) {
    String avg = firstLine(Path.of("/proc/loadavg")).map(l -> String.join(" ", java.util.Arrays.copyOf(l.split(" "), 3))).orElse("n/a");
    load.append(load.length() == 0 ? "Load average (1/5/15 min) at " : "; at ").append(when).append(": ").append(avg);
  }

  private static java.util.Optional<String> firstLine(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.findFirst();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  void machine(Instant origin) {
    Runtime rt = Runtime.getRuntime();
    machine = String.format(Locale.ROOT,
        "Machine: %d cores (%s), %s memory; Java %s (%s), max heap %d MiB; %s %s. Simulated time starts %s.",
        rt.availableProcessors(), cpuModel(), memTotal(), System.getProperty("java.version"),
        System.getProperty("java.vm.name"), rt.maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), origin);
  }

  String markdown() {
    return "# PM Pulse benchmark — latest run\n\n"
        + "Date: " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0)) + " UTC  \n"
        + "Command: `" + command + "`  \n"
        + machine + "  \n"
        + load + ".  \n"
        + mix + "\n\n"
        + "| phase | result |\n|---|---|\n"
        + body
        + profile;
  }

  private void row(String what, String result) {
    body.append("| ").append(what).append(" | ").append(result).append(" |\n");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String cpuModel() {
    return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
  }

  private static String memTotal() {
    return firstValue(Path.of("/proc/meminfo"), "MemTotal")
        .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replace("kB", "").trim()) / 1024.0 / 1024.0))
        .orElse("unknown");
  }

  private static java.util.Optional<String> firstValue(Path file, String key) {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
