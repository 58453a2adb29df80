package dev.pmpulse.demo.fullstack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pmpulse.demo.fullstack.Dockerfile.Instruction;
import dev.pmpulse.demo.fullstack.Dockerfile.Stage;
import dev.pmpulse.demo.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile's image built without Docker, the way the image build would: the build stage's
 * COPYs from the build context (leaving out what .dockerignore excludes) into {@code buildRoot},
 * which stands for that stage's file system, then its RUN commands, which must each be one Maven
 * invocation, run offline against the local repository (the image build downloads what this
 * machine already has) and quietly. The runtime stage's {@code COPY --from=build} then fills
 * {@code imageRoot}, the image's file system as far as the app is concerned.
 */
record ImageReplay(Path context, Dockerfile dockerfile, Path buildRoot, Path imageRoot) {
  private static final String BUILD_STAGE = "build";
  private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Copies what the build stage copies and runs what it runs, stopping at the first failure.
   *
   * @param mavenArgs adjusts each RUN's Maven arguments (a test that needs only the reactor to load
   *     can ask for {@code validate} instead of {@code package}); the identity otherwise
   */
  ExternalTools.Result build(Path mvn, UnaryOperator<List<String>> mavenArgs) {
    Stage stage = dockerfile.stage(BUILD_STAGE);
    DockerIgnore ignore = DockerIgnore.of(context);
    String workdir = "/";
    Map<String, String> env = new LinkedHashMap<>();
    StringBuilder output = new StringBuilder();
    for (Instruction i : stage.instructions()) {
      switch (i.keyword()) {
        case "WORKDIR" -> workdir = containerPath(workdir, i.arguments());
        case "ENV" -> env.putAll(variables(i));
        case "COPY" -> {
          String problem = copyFromContext(i, workdir, ignore);
          if (problem != null) {
            return new ExternalTools.Result(1, output + problem);
          }
        }
        case "RUN" -> {
          ExternalTools.Result run = runMaven(i, workdir, env, mvn, mavenArgs);
          output.append(run.output());
          if (!run.ok()) {
            return new ExternalTools.Result(run.exitCode(), output.toString());
          }
        }
        case "LABEL" -> { } // metadata: nothing the build depends on
        default -> throw new IllegalArgumentException(
            "build stage: " + i.keyword() + " is not replayed; teach ImageReplay what it does");
      }
    }
    return new ExternalTools.Result(0, output.toString());
  }

  /**
   * The runtime stage's {@code COPY --from=build} into {@code imageRoot}, after {@link #build}.
   *
   * @return one line per source the build did not leave behind; empty when all were copied
   */
  List<String> assembleImage() {
    List<String> missing = new ArrayList<>();
    String workdir = "/";
    for (Instruction i : dockerfile.runtime().instructions()) {
      if (i.keyword().equals("WORKDIR")) {
        workdir = containerPath(workdir, i.arguments());
      } else if (i.keyword().equals("COPY")) {
        if (!i.flag("from").map(BUILD_STAGE::equalsIgnoreCase).orElse(false)) {
          throw new IllegalArgumentException("runtime stage: only COPY --from=" + BUILD_STAGE + " is replayed: " + i);
        }
        List<String> words = i.words();
        Path dest = in(imageRoot, containerPath(workdir, last(words)));
        boolean intoDir = last(words).endsWith("/") || words.size() > 2;
        for (String source : words.subList(0, words.size() - 1)) {
          Path from = in(buildRoot, containerPath("/", source));
          if (!Files.exists(from)) {
            missing.add("COPY --from=build " + source + ": the build stage has no such file");
          } else {
            copyInto(from, dest, intoDir, null, null);
          }
        }
      }
    }
    return missing;
  }

  /** The file that the runtime stage's {@code ENTRYPOINT ["java", "-jar", JAR]} runs, in {@code imageRoot}. */
  Path entrypointJar() {
    List<Instruction> entrypoints = dockerfile.runtime().all("ENTRYPOINT");
    if (entrypoints.size() != 1) {
      throw new IllegalArgumentException("runtime stage: expected one ENTRYPOINT, found " + entrypoints.size());
    }
    List<String> exec;
    try {
      exec = new ObjectMapper().readValue(entrypoints.get(0).arguments(), new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException("ENTRYPOINT: expected the exec form [\"java\", \"-jar\", JAR]", e);
    }
    int jar = exec.indexOf("-jar") + 1;
    if (exec.isEmpty() || !exec.get(0).equals("java") || jar == 0 || jar >= exec.size()) {
      throw new IllegalArgumentException("ENTRYPOINT: expected [\"java\", \"-jar\", JAR], got " + exec);
    }
    return in(imageRoot, containerPath("/", exec.get(jar)));
  }

  /** Copies the build context as {@code COPY . dest} would: everything .dockerignore does not exclude. */
  static void copyContext(Path context, Path target) {
    DockerIgnore ignore = DockerIgnore.of(context);
    copyInto(context, target, true, context, ignore);
  }

  private String copyFromContext(Instruction copy, String workdir, DockerIgnore ignore) {
    if (copy.flag("from").isPresent() || copy.arguments().startsWith("[")) {
      throw new IllegalArgumentException("build stage: COPY from the context in shell form is replayed, not " + copy);
    }
    List<String> words = copy.words();
    if (words.size() < 2) {
      throw new IllegalArgumentException("COPY needs a source and a destination: " + copy);
    }
    Path dest = in(buildRoot, containerPath(workdir, last(words)));
    boolean intoDir = last(words).endsWith("/") || words.size() > 2;
    for (String source : words.subList(0, words.size() - 1)) {
      if (source.matches(".*[*?\\[].*")) {
        throw new IllegalArgumentException("COPY " + source + ": wildcards are not replayed");
      }
      Path from = context.resolve(source).normalize();
      String relative = relative(context, from);
      if (!from.startsWith(context) || !Files.exists(from) || ignore.excludes(relative)) {
        return "COPY " + source + ": not in the build context, or excluded by .dockerignore";
      }
      copyInto(from, dest, intoDir, context, ignore);
    }
    return null;
  }

  private ExternalTools.Result runMaven(
      Instruction run, String workdir, Map<String, String> env, Path mvn, UnaryOperator<List<String>> adjust) {
    List<String> words = run.words();
    // Only a plain command is replayed: no shell syntax whose meaning this would have to guess.
    if (words.isEmpty() || !words.get(0).equals("mvn") || run.arguments().matches(".*[&|;<>$`'\"()\\\\].*")) {
      throw new IllegalArgumentException("build stage: RUN must be one plain mvn command to be replayed: " + run);
    }
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-o"));
    List<String> args = adjust.apply(new ArrayList<>(words.subList(1, words.size())));
    command.addAll(args);
    if (!args.contains("-q")) {
      command.add("-q");
    }
    // Surefire passes the outer build's local repository; use the same one.
    String localRepository = System.getProperty("localRepository");
    if (localRepository != null) {
      command.add("-Dmaven.repo.local=" + localRepository);
    }
    Path dir = in(buildRoot, workdir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ExternalTools.run(dir, MAVEN_TIMEOUT, command, env);
  }

  /** {@code ENV NAME=value NAME="a value" ...}; the legacy {@code ENV NAME value} form is not replayed. */
  private static Map<String, String> variables(Instruction env) {
    Map<String, String> vars = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\\G\\s*([A-Za-z_][A-Za-z0-9_]*)=(?:\"([^\"\\\\$]*)\"|([^\\s\"'\\\\$]*))").matcher(env.arguments());
    int end = 0;
    while (m.find()) {
      vars.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
      end = m.end();
    }
    if (vars.isEmpty() || !env.arguments().substring(end).isBlank()) {
      throw new IllegalArgumentException("build stage: ENV is replayed in the form NAME=value or NAME=\"value\": " + env);
    }
    return vars;
  }

  /** A container path: absolute, or relative to the working directory; '.' and '..' resolved. */
  private static String containerPath(String workdir, String path) {
    String joined = path.startsWith("/") ? path : workdir + "/" + path;
    return Path.of("/").resolve(joined).normalize().toString();
  }

  /** Where a container path lies in the directory that stands for that file system. */
  private static Path in(Path root, String containerPath) {
    Path resolved = root.resolve(containerPath.substring(1)).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException(containerPath + " lies outside the file system");
    }
    return resolved;
  }

  private static String relative(Path context, Path path) {
    return context.relativize(path).toString().replace('\\', '/');
  }

  private static String last(List<String> words) {
    return words.get(words.size() - 1);
  }

  /**
   * Docker's COPY: a directory's contents go into {@code dest}; a file goes into {@code dest} when
   * that is a directory (or {@code intoDir}), else becomes {@code dest}. With {@code ignore}, what
   * it excludes from {@code context} stays behind.
   */
  private static void copyInto(Path from, Path dest, boolean intoDir, Path context, DockerIgnore ignore) {
    try {
      if (!Files.isDirectory(from)) {
        Path target = intoDir || Files.isDirectory(dest) ? dest.resolve(from.getFileName().toString()) : dest;
        Files.createDirectories(target.getParent());
        Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
        return;
      }
      Files.walkFileTree(from, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
          if (!d.equals(from) && ignore != null && ignore.excludesAllUnder(relative(context, d))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Files.createDirectories(dest.resolve(from.relativize(d).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          if (ignore == null || !ignore.excludes(relative(context, f))) {
            Files.copy(f, dest.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
