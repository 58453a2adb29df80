package dev.pmpulse.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

  /**
   * What one round (or the first start) timed over the same input: (b) the pass-through, (c) the
   * full topology, and the two ceilings, (d) a Kafka Streams app that only consumes and commits and
   * (e) a plain consumer.
   */
  record Apps(StreamsRun.Timing passthrough, StreamsRun.Timing full, StreamsRun.Timing consumeCommit, StreamsRun.Timing plainRead) {}

  /** Each app's first start on a new application id, over the warm-up events (before round 1). */
  void firstStart(Apps apps) {
    firstStart = f("First start of each app on a new application id, over %,d warm-up events produced before round 1 "
            + "(Kafka Streams creates the app's internal topics; the JIT compiles its code): pass-through %.2f s "
            + "(%.2f s to RUNNING), consume-and-commit %.2f s (%.2f s to RUNNING), plain consumer %.2f s, "
            + "full topology %.2f s (%.2f s to RUNNING). Not part of the ratios: the rounds below "
            + "are each app's next starts, as restarts in production.",
        apps.passthrough().records(), apps.passthrough().seconds(), apps.passthrough().secondsToRunning(),
        apps.consumeCommit().seconds(), apps.consumeCommit().secondsToRunning(), apps.plainRead().seconds(),
        apps.full().seconds(), apps.full().secondsToRunning());
  }

  private String firstStart = "";

  /**
   * One round: (a) the producer, then (b) the pass-through, (c) the full topology and the ceilings
   * (d) and (e) over the same new input.
   *
   * @param restarted whether the apps ran before (the warm-up, an earlier round) or this is their
   *     first start on a new application id
   */
  void round(int round, int events, double produceSeconds, Apps apps, int streamThreads, boolean restarted) {
    String start = restarted ? "restarted" : "first start";
    StreamsRun.Timing passthrough = apps.passthrough();
    StreamsRun.Timing full = apps.full();
    row(f("%d (a) producer (acks=all, lz4, linger 20 ms): %,d events in %.2f s", round, events, produceSeconds),
        f("%,.0f events/s", events / produceSeconds));
    row(f("%d (b) pass-through (mapValues, exactly_once_v2, %d stream thread%s), %s: %.2f s from start to all committed",
            round, streamThreads, streamThreads == 1 ? "" : "s", start, passthrough.seconds()),
        f("%,.0f events/s (%,.0f from RUNNING, %.2f s to RUNNING)", passthrough.rate(), passthrough.rateSinceRunning(), passthrough.secondsToRunning()));
    row(f("%d (c) full PM Pulse topology (same settings), %s: %.2f s from start to all committed", round, start, full.seconds()),
        f("%,.0f events/s (%,.0f from RUNNING, %.2f s to RUNNING)", full.rate(), full.rateSinceRunning(), full.secondsToRunning()));
    StreamsRun.Timing consumeCommit = apps.consumeCommit();
    row(f("%d (d) consume-and-commit app (foreach, no output, same settings), %s: %.2f s from start to all committed",
            round, start, consumeCommit.seconds()),
        f("%,.0f events/s (%,.0f from RUNNING, %.2f s to RUNNING)", consumeCommit.rate(), consumeCommit.rateSinceRunning(), consumeCommit.secondsToRunning()));
    row(f("%d (e) plain KafkaConsumer (one, read_committed, all input partitions, committing as often as the apps): %.2f s from creation to all committed",
            round, apps.plainRead().seconds()),
        f("%,.0f events/s", apps.plainRead().rate()));
    row(f("%d ratio (c)/(b)", round), f("%.2f (from RUNNING: %.2f)", full.rate() / passthrough.rate(), full.rateSinceRunning() / passthrough.rateSinceRunning()));
    row(f("%d ratio (c)/(d)", round), f("%.2f (from RUNNING: %.2f)", full.rate() / consumeCommit.rate(), full.rateSinceRunning() / consumeCommit.rateSinceRunning()));
    row(f("%d ratio (c)/(e)", round), f("%.2f", full.rate() / apps.plainRead().rate()));
    ratios.add(full.rate() / passthrough.rate());
    ratiosSinceRunning.add(full.rateSinceRunning() / passthrough.rateSinceRunning());
    ratiosToConsumeCommit.add(full.rate() / consumeCommit.rate());
    ratiosToConsumeCommitSinceRunning.add(full.rateSinceRunning() / consumeCommit.rateSinceRunning());
    ratiosToPlainRead.add(full.rate() / apps.plainRead().rate());
  }

  private final List<Double> ratios = new ArrayList<>();
  private final List<Double> ratiosSinceRunning = new ArrayList<>();
  private final List<Double> ratiosToConsumeCommit = new ArrayList<>();
  private final List<Double> ratiosToConsumeCommitSinceRunning = new ArrayList<>();
  private final List<Double> ratiosToPlainRead = new ArrayList<>();

  /** The median ratios over the rounds: the figures to compare between runs. */
  void summary() {
    String rounds = f("median of %d round%s", ratios.size(), ratios.size() == 1 ? "" : "s");
    row(f("**ratio (c)/(b), %s**", rounds), f("**%.2f** (from RUNNING: %.2f)", median(ratios), median(ratiosSinceRunning)));
    row(f("**ratio (c)/(d), full topology to consume-and-commit, %s**", rounds),
        f("**%.2f** (from RUNNING: %.2f)", median(ratiosToConsumeCommit), median(ratiosToConsumeCommitSinceRunning)));
    row(f("**ratio (c)/(e), full topology to plain consumer, %s**", rounds), f("**%.2f**", median(ratiosToPlainRead)));
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  void latency(LatencyProbe.Result r, long lagAfter) {
    body.append(String.format(Locale.ROOT,
        "| (f) end-to-end latency at %,d events/s (achieved %,.0f) for %.0f s: PR review sent → team review-latency KPI update read (read_committed) | p50 **%.0f ms**, p90 %.0f ms, p99 **%.0f ms**, max %.0f ms; %d of %d reviews matched, %d anomalies; input lag at the end %d |%n",
        r.rate(), r.achievedRate(), r.seconds(), r.p(50), r.p(90), r.p(99),
        r.sortedMillis().length == 0 ? Double.NaN : r.sortedMillis()[r.sortedMillis().length - 1],
        r.matched(), r.reviewsSent(), r.anomalies(), lagAfter));
  }

  /** Time to a full dashboard ({@link DashboardRun}): the steps and each tile's first value. */
  void dashboard(DashboardRun.Result r) {
    StringBuilder tiles = new StringBuilder();
    DashboardTiles.TILES.keySet().forEach(t -> tiles.append(tiles.length() == 0 ? "" : ", ").append(t).append(' ')
        .append(r.tiles().containsKey(t) ? f("%.1f s", r.tiles().get(t)) : "never"));
    row("time to a full dashboard: what ./run-demo starts, in a new JVM with ./run-demo's options; GET /api/kpis every 100 ms until every tile of the page has a value",
        (r.complete() ? f("**%.1f s** from JVM start", r.full()) : "**not reached**: some tiles never had a value")
            + f("; broker ready %.1f s, topics created %.1f s, app and producer started %.1f s, app RUNNING %.1f s, "
                + "backfill produced %.1f s, first /api/kpis answer %.1f s; first value per tile: %s",
                r.brokerReady(), r.topicsCreated(), r.appsStarted(), r.appRunning(), r.backfillProduced(), r.firstAnswer(), tiles));
  }

  private String stateScale = "";

  /**
   * The state-scale phase ({@link StateScaleRun}): what each scale's state held, then its
   * throughput and restore time, each with its ratio to the first scale's, measured in the same run.
   */
  void stateScale(List<StateScaleRun.Scale> scales) {
    StateScaleRun.Scale base = scales.get(0);
    String all = scales.stream().map(x -> x.scale() + "x").collect(Collectors.joining(", "));
    StringBuilder s = new StringBuilder(f("## State scale: the demo's history at %s%n%n", all))
        .append("| scale | teams | history events (PR / escalation / rollout) | PRs, open at the end | escalations, open at the end "
            + "| first start over the history | changelogs after the measured input | restored records (store partitions) |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (StateScaleRun.Scale x : scales) {
      ScaledHistory.Counts h = x.history();
      s.append(f("| %dx | %d | %,d (%,d / %,d / %,d) | %,d, %,d open | %,d, %,d open | %.1f s (%,.0f events/s) | %d topics, %.1f MiB | %,d (%,d) |%n",
          x.scale(), h.teams(), h.events(), h.prEvents(), h.escalationEvents(), h.rolloutEvents(), h.prs(), h.openPrs(),
          h.escalations(), h.openEscalations(), x.build().seconds(), x.build().rate(), x.changelogTopics(),
          x.changelogBytes() / 1048576.0, x.restoredRecords(), x.restoredStores()));
    }
    s.append(f("%n| scale | measured input (%,d events), restarted on the state: events/s (from RUNNING; to RUNNING) "
            + "| **throughput ratio to %dx** (from RUNNING) | restore without local state: start to RUNNING, all restored "
            + "| restore span (first store start to last end), records/s | **restore time ratio to %dx** |%n",
        base.measured().records(), base.scale(), base.scale()))
        .append("|---|---|---|---|---|---|\n");
    for (StateScaleRun.Scale x : scales) {
      StreamsRun.Timing m = x.measured();
      s.append(f("| %dx | %,.0f (%,.0f; %.1f s) | **%.2f** (%.2f) | %.1f s | %.1f s, %,.0f records/s | **%.2f** |%n",
          x.scale(), m.rate(), m.rateSinceRunning(), m.secondsToRunning(), m.rate() / base.measured().rate(),
          m.rateSinceRunning() / base.measured().rateSinceRunning(), x.restoreSeconds(), x.restoreSpan(),
          x.restoredRecords() / x.restoreSpan(), x.restoreSeconds() / base.restoreSeconds()));
    }
    stateScale = s.toString();
  }

  private String profile = "";

  /** (c) recorded in the profile round after the measured ones. */
  void profile(String summary, String file) {
    profile = "\n## Profile of (c) in the profile round, not measured (JFR, " + file + " beside this file, not committed)\n\n```\n" + summary + "```\n";
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
        + (firstStart.isEmpty() ? "" : firstStart + "\n\n")
        + (body.length() == 0 ? "" : "| phase | result |\n|---|---|\n" + body)
        + stateScale
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
