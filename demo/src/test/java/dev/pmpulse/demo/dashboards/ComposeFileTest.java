package dev.pmpulse.demo.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml, without a Docker engine: checked against the Compose Specification schema
 * plus its cross-references (see dashboards/tools/check-compose.mjs). The images it builds are
 * checked by {@link DockerImageBuildTest}.
 */
class ComposeFileTest {
  private final Path root = ExternalTools.repoRoot();

  @Test
  void composeFileFitsTheSpecificationAndItsReferencesResolve() {
    ExternalTools.Result result = NodeTools.node("check-compose.mjs", root.resolve("docker-compose.yml").toString());
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void aBrokenComposeFileIsRejectedWithEveryProblemNamed(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\n");
    Path compose = Files.writeString(dir.resolve("compose.yml"), """
        services:
          app:
            build: { context: app }
            restart_policy: always
            depends_on:
              db: { condition: service_healthy }
              web: { condition: service_started }
            volumes:
              - data:/data
              - ./missing.yml:/etc/app.yml:ro
          web:
            image: nginx:latest
            build: { context: nowhere }
          db:
            image: postgres
        """);
    ExternalTools.Result result = NodeTools.node("check-compose.mjs", compose.toString());
    assertThat(result.ok()).isFalse();
    assertThat(result.output())
        .contains("'restart_policy'") // not a service key
        .contains("services.app.depends_on.db: waits for service_healthy but 'db' has no healthcheck")
        .contains("named volume 'data' is not declared")
        .contains("bind-mounted './missing.yml' does not exist")
        .contains("services.web.build.context: no directory nowhere")
        .contains("services.db.image: 'postgres' is not pinned");
  }

  @Test
  void anUnknownDependencyIsRejected(@TempDir Path dir) throws IOException {
    Path compose = Files.writeString(dir.resolve("compose.yml"), """
        services:
          app:
            image: busybox:1.37.0
            depends_on: [kafka]
        """);
    ExternalTools.Result result = NodeTools.node("check-compose.mjs", compose.toString());
    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("services.app.depends_on: no service 'kafka'");
  }
}
