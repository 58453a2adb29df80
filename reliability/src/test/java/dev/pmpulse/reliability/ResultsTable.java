package dev.pmpulse.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The suite's results: each scenario writes its row to {@code <reliability.out>/rows/<scenario>.md}
 * and the whole table is rewritten to {@code <reliability.out>/reliability-results.md}, ready to be
 * pasted into RELIABILITY.md. Figures in a row come from the run that wrote it.
 */
final class ResultsTable {
  static final String HEADER =
      "| scenario | injected | checked | outcome |\n|---|---|---|---|\n";

  private ResultsTable() {}

  static Path outputDir() {
    return Path.of(System.getProperty("reliability.out", "target/reliability"));
  }

  /** Records one scenario's row; call it with the outcome whether the checks passed or not. */
  static synchronized void record(String scenario, String injected, String checked, String outcome) {
    Path rows = outputDir().resolve("rows");
    try {
      Files.createDirectories(rows);
      Files.writeString(rows.resolve(scenario.replaceAll("[^A-Za-z0-9-]", "-") + ".md"),
          "| " + cell(scenario) + " | " + cell(injected) + " | " + cell(checked) + " | " + cell(outcome) + " |\n");
      List<String> lines = new ArrayList<>();
      try (Stream<Path> files = Files.list(rows)) {
        for (Path f : files.sorted().toList()) {
          lines.add(Files.readString(f));
        }
      }
      Files.writeString(outputDir().resolve("reliability-results.md"),
          "Reliability suite, run of " + LocalDate.now(ZoneOffset.UTC) + "\n\n" + HEADER + String.join("", lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", "<br>");
  }
}
