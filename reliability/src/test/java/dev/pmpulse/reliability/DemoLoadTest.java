package dev.pmpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.WorkloadProducer;
import dev.pmpulse.reliability.Trend.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, item 6: the demo's producer at a multiple of its default event rate (PR arrivals and the
 * latency-sample cap both scaled) against the streams app in its own JVM, for a few minutes. The
 * app's heap after a full GC must show no growth trend and its consumer lag must stay bounded,
 * both judged by the least-squares trend over the last part of the run (after state, caches and
 * fetch buffers have filled), in bytes and records.
 *
 * <p>System properties: {@code reliability.load.multiplier} (default 10), {@code
 * reliability.load.minutes} (default 5), {@code reliability.load.window.minutes} (the trends'
 * window at the end of the run; default half the run).
 * The samples go to {@code load-samples.csv} and {@code load-heap.csv} beside the results table.
 */
@FaultScenario
class DemoLoadTest extends BrokerScenario {
  private static final Logger log = LoggerFactory.getLogger(DemoLoadTest.class);
  private static final double MULTIPLIER = Double.parseDouble(System.getProperty("reliability.load.multiplier", "10"));
  private static final Duration RUN =
      Duration.ofSeconds(Math.round(60 * Double.parseDouble(System.getProperty("reliability.load.minutes", "5"))));
  private static final Duration WINDOW =
      Duration.ofSeconds(Math.round(60 * Double.parseDouble(
          System.getProperty("reliability.load.window.minutes", Double.toString(RUN.toSeconds() / 120.0)))));
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
  /** A full GC in the app every this many samples: its log line gives the live heap. */
  private static final int GC_EVERY_SAMPLES = 3;
  /** Lag may not rise by more than this share of the records produced in the window. */
  private static final double LAG_GROWTH_SHARE = 0.05;
  /** Heap after GC may not rise by more than this share of its mean in the window (and above noise). */
  private static final double HEAP_GROWTH_SHARE = 0.10;
  private static final Pattern FULL_GC =
      Pattern.compile("\\[(\\d+[.,]\\d+)s\\].*Pause Full \\((?:System\\.gc\\(\\)|Diagnostic Command)\\) \\d+([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
  private static final Pattern ANY_GC = Pattern.compile("\\[(\\d+[.,]\\d+)s\\].*Pause .* \\d+[KMG]->(\\d+)([KMG])\\(");

  private record Sample(double seconds, long produced, long consumed, long lag) {}

  @Test
  void heapAfterGcHasNoGrowthTrendAndLagStaysBounded() throws Exception {
    Path out = ResultsTable.outputDir();
    Files.createDirectories(out);
    Path gcLog = out.resolve("load-gc.log");
    Files.deleteIfExists(gcLog);
    ProducerSettings defaults = ProducerSettings.defaults(ClientSettings.load(broker.bootstrapServers(), null, Map.of()));
    ProducerSettings settings =
        defaults
            .withHttp("127.0.0.1", 0)
            .withRateMultiplier(MULTIPLIER)
            .withSamples(defaults.latencySamplesPerMinute(), (int) Math.round(defaults.maxSamplesPerSecond() * MULTIPLIER));
    GroupProgress progress = new GroupProgress(admin, "load");
    List<Sample> samples = new ArrayList<>();
    StreamsProcess app = startApp("load", List.of("-Xlog:gc:file=" + gcLog));
    WorkloadProducer producer = new WorkloadProducer(settings);
    try {
      producer.start();
      long began = System.nanoTime();
      for (int i = 0; ; i++) {
        double seconds = (System.nanoTime() - began) / 1e9;
        OptionalLong lag = progress.lag(INPUTS);
        samples.add(new Sample(seconds, producer.eventsSent(), progress.committed(INPUTS), lag.orElse(-1)));
        if (i % GC_EVERY_SAMPLES == 0) {
          fullGc(app.pid());
        }
        if (seconds >= RUN.toSeconds()) {
          break;
        }
        assertThat(app.isAlive()).as("streams app alive (see %s)", app.log()).isTrue();
        // The sampling cadence of a measurement, not a wait for anything to be ready.
        Thread.sleep(SAMPLE_EVERY.toMillis());
      }
    } finally {
      producer.close();
      app.close();
    }

    writeSamples(out.resolve("load-samples.csv"), samples);
    List<Point> heap = fullGcHeap(gcLog);
    List<Point> everyGc = everyGcHeap(gcLog);
    writePoints(out.resolve("load-heap.csv"), "uptime_s,heap_after_full_gc_bytes", heap);

    double from = RUN.toSeconds() - WINDOW.toSeconds();
    List<Sample> window = samples.stream().filter(s -> s.seconds() >= from && s.lag() >= 0).toList();
    List<Point> heapWindow = heap.stream().filter(p -> p.x() >= from).toList();
    if (window.size() < 3 || heapWindow.size() < 3) {
      ResultsTable.record("6. load", "the demo's producer at " + MULTIPLIER + "× its default event rate", "-",
          "FAIL: too few samples in the window (" + window.size() + " lag, " + heapWindow.size() + " heap)");
    }
    assertThat(window).as("lag samples in the window").hasSizeGreaterThanOrEqualTo(3);
    assertThat(heapWindow).as("heap-after-full-GC samples in the window").hasSizeGreaterThanOrEqualTo(3);
    Sample first = window.get(0);
    Sample last = window.get(window.size() - 1);
    double span = last.seconds() - first.seconds();
    long produced = last.produced() - first.produced();
    long consumed = last.consumed() - first.consumed();
    Trend lagTrend = Trend.fit(window.stream().map(s -> new Point(s.seconds(), s.lag())).toList());
    double lagGrowth = lagTrend.growth(first.seconds(), last.seconds());
    Trend heapTrend = Trend.fit(heapWindow);
    double heapFrom = heapWindow.get(0).x();
    double heapTo = heapWindow.get(heapWindow.size() - 1).x();
    double heapGrowth = heapTrend.growth(heapFrom, heapTo);
    boolean lagBounded = lagGrowth <= LAG_GROWTH_SHARE * produced;
    boolean heapFlat = !heapTrend.grows(heapFrom, heapTo, HEAP_GROWTH_SHARE * heapTrend.meanY());
    double mib = 1024 * 1024;
    String figures =
        String.format(
            Locale.ROOT,
            "over the last %.0f s: produced %.0f rec/s, app consumed %.0f rec/s; lag %d → %d records "
                + "(trend %+.0f rec/s, %+.0f over the window; bound %.0f = %.0f%% of produced); heap after full GC "
                + "%.0f–%.0f MiB, mean %.0f MiB, trend %+.2f MiB/min (± %.2f), %+.1f MiB over the window (bound %.1f "
                + "MiB and 3 standard errors); %d GCs in all, heap after them %.0f–%.0f MiB",
            span, produced / span, consumed / span, first.lag(), last.lag(), lagTrend.slope(), lagGrowth,
            LAG_GROWTH_SHARE * produced, 100 * LAG_GROWTH_SHARE,
            heapWindow.stream().mapToDouble(Point::y).min().orElse(0) / mib,
            heapWindow.stream().mapToDouble(Point::y).max().orElse(0) / mib, heapTrend.meanY() / mib,
            heapTrend.slope() * 60 / mib, heapTrend.slopeStandardError() * 60 / mib, heapGrowth / mib,
            HEAP_GROWTH_SHARE * heapTrend.meanY() / mib, everyGc.size(),
            everyGc.stream().mapToDouble(Point::y).min().orElse(0) / mib,
            everyGc.stream().mapToDouble(Point::y).max().orElse(0) / mib);
    log.info("Load: {}", figures);
    ResultsTable.record(
        "6. load",
        String.format(Locale.ROOT, "the demo's producer at %.0f× its default event rate (PR rate and latency-sample "
            + "cap × %.0f) for %d min; streams app in its own JVM (-Xmx512m), a full GC (jcmd GC.run) every %d s",
            MULTIPLIER, MULTIPLIER, RUN.toMinutes(), SAMPLE_EVERY.toSeconds() * GC_EVERY_SAMPLES),
        String.format(Locale.ROOT, "least-squares trends over the last %d s: consumer lag (read_committed end "
            + "offsets minus committed, every partition the app reads, input partitions not committed yet in full) every %d s, bounded if it rises by at most %.0f%% "
            + "of the records produced meanwhile; heap after each full GC, flat unless it rises by more than %.0f%% of "
            + "its mean and 3 standard errors", WINDOW.toSeconds(), SAMPLE_EVERY.toSeconds(), 100 * LAG_GROWTH_SHARE,
            100 * HEAP_GROWTH_SHARE),
        (lagBounded && heapFlat ? "pass" : "FAIL" + (lagBounded ? "" : " (lag grows)") + (heapFlat ? "" : " (heap grows)"))
            + ": " + figures);

    assertThat(lagGrowth).as("lag growth over the window: %s", figures).isLessThanOrEqualTo(LAG_GROWTH_SHARE * produced);
    assertThat(heapFlat).as("heap after GC shows no growth trend: %s", figures).isTrue();
  }

  /** Asks the app's JVM for a full GC; the GC log then holds its live heap. */
  private static void fullGc(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  private static List<Point> fullGcHeap(Path gcLog) throws IOException {
    List<Point> out = new ArrayList<>();
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = FULL_GC.matcher(line);
      if (m.find()) {
        out.add(new Point(Double.parseDouble(m.group(1).replace(',', '.')), bytes(m.group(3), m.group(4))));
      }
    }
    return out;
  }

  private static List<Point> everyGcHeap(Path gcLog) throws IOException {
    List<Point> out = new ArrayList<>();
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = ANY_GC.matcher(line);
      if (m.find()) {
        out.add(new Point(Double.parseDouble(m.group(1).replace(',', '.')), bytes(m.group(2), m.group(3))));
      }
    }
    return out;
  }

  private static double bytes(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> n * 1024.0;
      case "M" -> n * 1024.0 * 1024;
      default -> n * 1024.0 * 1024 * 1024;
    };
  }

  private static void writeSamples(Path file, List<Sample> samples) throws IOException {
    List<String> lines = new ArrayList<>(List.of("seconds,produced,consumed_input,lag"));
    samples.forEach(s -> lines.add(String.format(Locale.ROOT, "%.1f,%d,%d,%d", s.seconds(), s.produced(), s.consumed(), s.lag())));
    Files.write(file, lines);
  }

  private static void writePoints(Path file, String header, List<Point> points) throws IOException {
    List<String> lines = new ArrayList<>(List.of(header));
    points.forEach(p -> lines.add(String.format(Locale.ROOT, "%.1f,%.0f", p.x(), p.y())));
    Files.write(file, lines);
  }
}
