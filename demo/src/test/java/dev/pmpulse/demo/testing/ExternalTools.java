package dev.pmpulse.demo.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools the dashboard checks run (promtool, prometheus, node, npm). On a
 * developer machine without one, the test is skipped with a message saying how to install it; in
 * CI ({@code CI=true}) a missing tool fails the test, so a broken install step cannot hide.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** The tool's path on PATH; skips the test without it, or fails it when CI=true. */
  public static Path assumeToolOrFailInCi(String tool, String howToInstall) {
    Optional<Path> found = onPath(tool);
    if (found.isPresent()) {
      return found.get();
    }
    String message = "'" + tool + "' is not on PATH; install it with: " + howToInstall;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so a missing tool is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  public static Optional<Path> onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The repository's root: the nearest parent of the working directory with dashboards/ in it. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("dashboards")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root (with dashboards/) above " + Path.of("").toAbsolutePath());
  }

  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs a command to completion (stdout and stderr together), failing if it outlives the timeout. */
  public static Result run(Path workDir, Duration timeout, List<String> command) {
    return run(workDir, timeout, command, Map.of());
  }

  /** As above, with these variables added to the environment. */
  public static Result run(Path workDir, Duration timeout, List<String> command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile("pmpulse-tool", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process =
            builder
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
