package dev.pmpulse.streams.teams;

import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.TeamsFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the teams topic in step with the teams file while the app runs: the file is read again
 * every {@link #EVERY} and, when its content changed and it is valid, the teams that changed are
 * written to the topic ({@link TeamsTopic}), where the topology picks them up. An edited file that
 * is not valid is reported in one line and changes nothing: the teams stay as they were until the
 * file is fixed. Polling rather than file-system events: those do not reach a container through a
 * bind mount, and editors save files in ways that lose them.
 */
public final class TeamsFileWatcher implements Supplier<TeamDirectory>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TeamsFileWatcher.class);

  /** How often the file is checked. */
  public static final Duration EVERY = Duration.ofSeconds(2);

  private final Path file;
  private final TeamsTopic topic;
  private final ScheduledExecutorService timer;
  private volatile TeamDirectory current;
  private byte[] lastContent;

  private TeamsFileWatcher(Path file, TeamsTopic topic, TeamDirectory current, byte[] content) {
    this.file = file;
    this.topic = topic;
    this.current = current;
    this.lastContent = content;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pmpulse-teams-file");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Writes the file's teams to the topic (what differs from it) and, if {@code file} is not null,
   * watches the file from then on.
   *
   * @param file null: the shipped teams file, which does not change
   * @throws TeamsFileException if the file is not valid
   */
  public static TeamsFileWatcher start(Path file, TeamsTopic topic) {
    TeamDirectory teams;
    byte[] content = null;
    if (file == null) {
      teams = TeamDirectory.defaults();
    } else {
      content = read(file);
      teams = TeamDirectory.load(file);
    }
    Map<String, Team> onTopic = topic.read();
    List<String> written = topic.write(onTopic, teams);
    log.info("Teams {} from {}{}", teams.teams().stream().map(Team::name).toList(),
        file == null ? "the shipped teams file" : file,
        written.isEmpty() ? " (the teams topic already held them)" : "; written to the teams topic: " + written);
    TeamsFileWatcher watcher = new TeamsFileWatcher(file, topic, teams, content);
    if (file != null) {
      watcher.timer.scheduleWithFixedDelay(watcher::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
    return watcher;
  }

  /** The directory as of the file's last valid content. */
  @Override
  public TeamDirectory get() {
    return current;
  }

  /** Reads the file now; writes what changed. Called by the timer, and by tests. */
  synchronized void check() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      if (lastContent != null) {
        log.warn("Teams file {}: cannot read it ({}); the teams stay as they were", file, e.toString());
        lastContent = null;
      }
      return;
    }
    if (Arrays.equals(content, lastContent)) {
      return;
    }
    lastContent = content;
    TeamDirectory next;
    try {
      next = TeamDirectory.load(file);
    } catch (TeamsFileException e) {
      log.warn("Teams file changed but is not valid, the teams stay as they were: {}", e.getMessage());
      return;
    }
    try {
      Map<String, Team> before = current.teams().stream().collect(Collectors.toMap(Team::name, t -> t));
      List<String> written = topic.write(before, next);
      if (next.escalationTargetHours() != current.escalationTargetHours()) {
        log.warn("Teams file {}: escalations.targetHours takes effect at the next start of the app", file);
      }
      current = next;
      log.info("Teams file {} changed; written to the teams topic: {}", file, written);
    } catch (RuntimeException e) {
      lastContent = null; // try again at the next check
      log.warn("Teams file {} changed, but the teams topic cannot be written now: {}", file, e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }
}
