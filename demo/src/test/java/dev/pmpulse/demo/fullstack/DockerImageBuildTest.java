package dev.pmpulse.demo.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.demo.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images that {@code docker compose up --build} builds, without a Docker engine: each
 * Dockerfile's build stage is replayed on exactly the files it copies (see {@link ImageReplay}),
 * then the app jar that its runtime stage copies must start. Compose once failed right there:
 * the Dockerfiles copied five module POMs when the parent listed seven.
 */
class DockerImageBuildTest {
  private static final String EXTRA_MODULE = "extra-module";

  private final Path root = ExternalTools.repoRoot();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"producer", "streams-app"})
  void theImageBuildsFromItsContextAndItsJarStarts(String module) throws IOException {
    Path mvn = ExternalTools.assumeToolOrFailInCi("mvn", "apt-get install -y maven");
    Dockerfile dockerfile = Dockerfile.parse(Files.readString(root.resolve(module + "/Dockerfile")));
    assertThat(dockerfile.stage("build").image()).as("build stage image, pinned")
        .matches("maven:3\\.9\\.\\d+-eclipse-temurin-17");
    assertThat(dockerfile.runtime().image()).as("runtime stage image, pinned")
        .matches("eclipse-temurin:17\\.0\\.\\d+_\\d+-jre");
    ImageReplay image = new ImageReplay(root, dockerfile, dir.resolve("build"), dir.resolve("image"));

    long started = System.nanoTime();
    ExternalTools.Result build = image.build(mvn, args -> args);
    System.out.printf(Locale.ROOT, "%s/Dockerfile: build stage replayed in %.1f s%n",
        module, (System.nanoTime() - started) / 1e9);

    assertThat(build.ok()).as("%s/Dockerfile build stage:%n%s", module, build.output()).isTrue();
    assertThat(image.assembleImage()).as("%s/Dockerfile runtime stage", module).isEmpty();
    Path jar = image.entrypointJar();
    assertThat(jar).as("ENTRYPOINT's jar in the image").isRegularFile();
    ExternalTools.Result help = ExternalTools.run(jar.getParent(), Duration.ofMinutes(1),
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--help"));
    assertThat(help.ok()).as("java -jar %s --help:%n%s", jar.getFileName(), help.output()).isTrue();
    assertThat(help.output()).contains("--bootstrap-servers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"producer", "streams-app"})
  void aModuleAddedToTheParentPomNeedsNoChangeToTheDockerfile(String module) throws IOException {
    Path mvn = ExternalTools.assumeToolOrFailInCi("mvn", "apt-get install -y maven");
    Path context = contextWithAnExtraModule();
    Dockerfile dockerfile = Dockerfile.parse(Files.readString(root.resolve(module + "/Dockerfile")));

    // The reactor is read (and a missing module found) before any phase runs: validate is enough.
    ExternalTools.Result build = new ImageReplay(context, dockerfile, dir.resolve("build"), dir.resolve("image"))
        .build(mvn, DockerImageBuildTest::validateOnly);

    assertThat(build.ok()).as("%s/Dockerfile with a module added:%n%s", module, build.output()).isTrue();
  }

  @Test
  void aDockerfileThatCopiesEachModulePomByNameFailsOnceTheParentGainsAModule() throws IOException {
    Path mvn = ExternalTools.assumeToolOrFailInCi("mvn", "apt-get install -y maven");
    Path context = contextWithAnExtraModule();
    // How the Dockerfiles were written when compose broke, with every module of today's parent.
    String poms = modules(Files.readString(root.resolve("pom.xml"))).stream()
        .map(m -> "COPY " + m + "/pom.xml " + m + "/\n")
        .collect(Collectors.joining());
    Dockerfile byName = Dockerfile.parse("""
        FROM maven:3.9.11-eclipse-temurin-17 AS build
        WORKDIR /src
        COPY pom.xml ./
        %sCOPY events/src events/src
        COPY producer/src producer/src
        RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -pl producer -am package -Dmaven.test.skip=true
        FROM eclipse-temurin:17.0.16_8-jre
        """.formatted(poms));

    ExternalTools.Result build = new ImageReplay(context, byName, dir.resolve("build"), dir.resolve("image"))
        .build(mvn, DockerImageBuildTest::validateOnly);

    assertThat(build.ok()).as("the replay of a Dockerfile that misses a module POM").isFalse();
    assertThat(build.output()).contains(EXTRA_MODULE).contains("does not exist");
  }

  @Test
  void aSourceThatDockerignoreExcludesFailsTheBuildStage() throws IOException {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.createDirectories(context.resolve("app/target"));
    Files.writeString(context.resolve("app/target/app.jar"), "not a jar");
    Files.writeString(context.resolve(".dockerignore"), "**/target\n");
    Dockerfile dockerfile = Dockerfile.parse("""
        FROM maven:3.9.11-eclipse-temurin-17 AS build
        WORKDIR /src
        COPY app/target/app.jar ./
        FROM eclipse-temurin:17.0.16_8-jre
        """);

    ExternalTools.Result build = new ImageReplay(context, dockerfile, dir.resolve("build"), dir.resolve("image"))
        .build(Path.of("mvn"), args -> args);

    assertThat(build.ok()).isFalse();
    assertThat(build.output()).contains("COPY app/target/app.jar: not in the build context, or excluded by .dockerignore");
  }

  /** The build context (this repository as Docker sees it) with one more module in the parent POM. */
  private Path contextWithAnExtraModule() throws IOException {
    Path context = dir.resolve("context");
    ImageReplay.copyContext(root, context);
    Path parent = context.resolve("pom.xml");
    String pom = Files.readString(parent);
    assertThat(pom).contains("</modules>");
    Files.writeString(parent, pom.replace("</modules>", "  <module>" + EXTRA_MODULE + "</module>\n  </modules>"));
    Files.createDirectories(context.resolve(EXTRA_MODULE));
    Files.writeString(context.resolve(EXTRA_MODULE + "/pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.pmpulse</groupId>
          <artifactId>%s</artifactId>
          <version>0</version>
          <packaging>pom</packaging>
        </project>
        """.formatted(EXTRA_MODULE));
    return context;
  }

  private static List<String> validateOnly(List<String> args) {
    return args.stream().map(a -> a.equals("package") ? "validate" : a).toList();
  }

  private static List<String> modules(String parentPom) {
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parentPom);
    List<String> modules = new java.util.ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1).strip());
    }
    assertThat(modules).as("modules of the parent POM").isNotEmpty();
    return modules;
  }
}
