package dev.pmpulse.demo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The npm checks in dashboards/tools. Installs the exact versions of its package.json there when
 * node_modules is missing or holds other versions (never writing a lock file).
 */
public final class NodeTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeTools() {}

  public static Path dir() {
    return ExternalTools.repoRoot().resolve("dashboards/tools");
  }

  /** Skips (or, in CI, fails) without node and npm; installs the tools if needed. */
  public static synchronized void ensureInstalled() {
    ExternalTools.assumeToolOrFailInCi("node", "apt-get install -y nodejs npm");
    ExternalTools.assumeToolOrFailInCi("npm", "apt-get install -y nodejs npm");
    if (installedAsDeclared()) {
      return;
    }
    ExternalTools.Result install =
        ExternalTools.run(dir(), Duration.ofMinutes(5), List.of("npm", "install", "--no-package-lock", "--no-audit", "--no-fund"));
    assertThat(install.ok()).as("npm install in dashboards/tools:\n%s", install.output()).isTrue();
    assertThat(installedAsDeclared()).as("dashboards/tools/node_modules matches package.json after npm install").isTrue();
  }

  /** Runs a script of dashboards/tools with node. */
  public static ExternalTools.Result node(String script, String... args) {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return ExternalTools.run(dir(), Duration.ofMinutes(2), command);
  }

  private static boolean installedAsDeclared() {
    try {
      JsonNode declared = JSON.readTree(dir().resolve("package.json").toFile()).path("dependencies");
      for (Map.Entry<String, JsonNode> dep : declared.properties()) {
        Path installed = dir().resolve("node_modules").resolve(dep.getKey()).resolve("package.json");
        if (!Files.isRegularFile(installed)
            || !JSON.readTree(installed.toFile()).path("version").asText().equals(dep.getValue().asText())) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read dashboards/tools/package.json", e);
    }
  }
}
