package dev.pmpulse.demo.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the tests that look at a page the way a user does: the DOM after the page's
 * scripts ran, or a screenshot. Missing, it skips those tests, except under CI=true, where it fails them.
 */
public final class HeadlessChromium {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long FINISH_WITHIN_S = 60;

  private HeadlessChromium() {}

  public static void assumeInstalledOrFailInCi() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    String message = CHROMIUM + " is missing; install it with: apt-get install -y chromium";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so a missing browser is a failure, not a skip)");
    }
    Assumptions.abort(message);
  }

  /**
   * Runs Chromium on {@code url} with a fresh profile under {@code temp}, letting the page's scripts
   * run for {@code virtualTimeMs} of virtual time.
   *
   * @param action {@code --dump-dom} or {@code --screenshot=<file>}
   * @param windowSize {@code width,height}
   * @return what Chromium printed on stdout (the DOM for {@code --dump-dom})
   */
  public static String run(Path temp, String action, String url, String windowSize, int virtualTimeMs)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(temp, "chromium-profile");
    Path out = Files.createTempFile(temp, "chromium", ".out");
    Path err = Files.createTempFile(temp, "chromium", ".err");
    List<String> command = List.of(
        CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=" + virtualTimeMs, "--window-size=" + windowSize, action, url);
    Process p = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    if (!p.waitFor(FINISH_WITHIN_S, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("chromium " + action + " did not finish within " + FINISH_WITHIN_S + " s:\n" + Files.readString(err));
    }
    if (p.exitValue() != 0) {
      fail("chromium " + action + " exited with " + p.exitValue() + ":\n" + Files.readString(err));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
