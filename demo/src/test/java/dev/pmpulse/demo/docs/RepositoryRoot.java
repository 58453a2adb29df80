package dev.pmpulse.demo.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the test's working directory (a module directory). */
final class RepositoryRoot {
  private RepositoryRoot() {}

  static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("events"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
