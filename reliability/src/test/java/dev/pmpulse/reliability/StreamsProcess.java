package dev.pmpulse.reliability;

import dev.pmpulse.events.ClientSettings;
import dev.pmpulse.streams.StreamsMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The streams app in a JVM of its own ({@link StreamsMain}, on this JVM's class path), so that it
 * can be killed the way a machine or the OOM killer kills it: {@link #kill()} is SIGKILL on Linux,
 * no shutdown hook runs, nothing is flushed or committed.
 */
final class StreamsProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int httpPort;
  private final Path log;

  private StreamsProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /**
   * @param log file that receives the app's stdout and stderr (appended: a restart continues it)
   * @param jvmOptions extra JVM options, e.g. GC logging
   */
  static StreamsProcess start(
      String bootstrapServers, String applicationId, Path stateDir, Path log, List<String> jvmOptions) {
    try {
      Files.createDirectories(log.getParent());
      Path logback = log.resolveSibling("child-logback.xml");
      try (InputStream in = StreamsProcess.class.getResourceAsStream("/child-logback.xml")) {
        Files.copy(in, logback, StandardCopyOption.REPLACE_EXISTING);
      }
      int httpPort = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-Dlogback.configurationFile=" + logback);
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(StreamsMain.class.getName());
      command.addAll(
          List.of(
              "--bootstrap-servers", bootstrapServers,
              "--application-id", applicationId,
              "--state-dir", stateDir.toString(),
              "--http-port", Integer.toString(httpPort),
              "--no-create-topics"));
      ProcessBuilder builder = new ProcessBuilder(command);
      // A SIGKILLed member keeps its partitions until its session times out (45 s by default), and
      // the restarted app waits for that rebalance: 10 s keeps three kills from costing minutes of
      // waiting. What the scenarios check does not depend on it.
      builder.environment().put(ClientSettings.ENV_PREFIX + "SESSION_TIMEOUT_MS", Long.toString(SESSION_TIMEOUT.toMillis()));
      Process process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new StreamsProcess(process, httpPort, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the streams app", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  int httpPort() {
    return httpPort;
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("streams app " + pid() + " survived SIGKILL");
    }
  }

  /** SIGTERM (the app's shutdown hook closes Kafka Streams cleanly); SIGKILL if that takes too long. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      // Not an exception of close(): an interrupted test still leaves no process behind.
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
