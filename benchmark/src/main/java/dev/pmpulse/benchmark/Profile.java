package dev.pmpulse.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder recording of one phase (JFR's "profile" settings: a Java stack sample every
 * 10 ms per running thread), and what its execution samples say: where the stream thread spends
 * its time, by top frame (self) and by method anywhere on the stack (inclusive).
 */
final class Profile {
  private Profile() {}

  static Recording start() throws IOException, ParseException {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setName("pmpulse-benchmark");
    recording.start();
    return recording;
  }

  static void stop(Recording recording, Path file) throws IOException {
    recording.stop();
    recording.dump(file);
    recording.close();
  }

  /** Stops {@code recording}, if there is one, and writes it to {@code file}. */
  static void stopIfRecording(Recording recording, Path file) throws IOException {
    if (recording != null) {
      stop(recording, file);
    }
  }

  /** Thread names with numbers and client ids folded, so threads of one kind count together. */
  static String threadKind(String name) {
    if (name == null) {
      return "?";
    }
    if (name.contains("-StreamThread-")) {
      return "stream thread";
    }
    int bar = name.indexOf(" | ");
    String base = bar >= 0 ? name.substring(0, bar) : name;
    return base.replaceAll("\\d+", "N");
  }

  static String method(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
  }

  /** A plain-text summary of the recording: the top {@code limit} entries of each table. */
  static String summarize(Path file, int limit) throws IOException {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    int total = 0;
    int stream = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null) {
        continue;
      }
      total++;
      RecordedThread t = e.getThread("sampledThread");
      String kind = threadKind(t == null ? null : t.getJavaName());
      byThread.merge(kind, 1, Integer::sum);
      if (!"stream thread".equals(kind)) {
        continue;
      }
      stream++;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        self.merge(method(frames.get(0)), 1, Integer::sum);
      }
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String m = method(f);
        if (seen.add(m)) {
          inclusive.merge(m, 1, Integer::sum);
          if (f.getMethod().getType().getName().startsWith("dev.pmpulse.")) {
            ours.merge(m, 1, Integer::sum);
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Execution samples: %d in all, %d on the stream thread.%n", total, stream));
    out.append("\nSamples by thread (all threads of the JVM: broker, clients, benchmark):\n");
    table(out, byThread, total, limit);
    out.append("\nStream thread, top frames (self time):\n");
    table(out, self, stream, limit);
    out.append("\nStream thread, methods anywhere on the stack (inclusive; the run loop frames present in over 95% of samples left out):\n");
    int streamSamples = stream;
    Map<String, Integer> notLoop =
        inclusive.entrySet().stream()
            .filter(en -> en.getValue() <= 0.95 * streamSamples)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    table(out, notLoop, stream, limit + 10);
    out.append("\nStream thread, PM Pulse methods (dev.pmpulse.*, inclusive):\n");
    table(out, ours, stream, limit + 5);
    return out.toString();
  }

  private static void table(StringBuilder out, Map<String, Integer> counts, int total, int limit) {
    Map<String, Integer> top =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(limit)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    top.forEach(
        (name, n) -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * n / Math.max(1, total), n, name)));
  }
}
