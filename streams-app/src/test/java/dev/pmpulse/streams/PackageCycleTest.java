package dev.pmpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between packages go one way, so a newcomer can read a package knowing only the ones
 * it uses. Checked on the sources of the streams app's and the event contract's main code: every
 * package is a node (the composition package {@code dev.pmpulse.streams} too), and a file depends
 * on each package it names (imports, static imports, qualified names, also in comments). Sources
 * rather than class files, because javac copies a constant such as a store name into the class
 * that reads it, and the class file no longer shows that dependency.
 */
class PackageCycleTest {
  private static final List<Path> MAIN_SOURCES = List.of(Path.of("src/main/java"), Path.of("../events/src/main/java"));
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.pmpulse(?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");

  @Test
  void mainCodeHasNoPackageCycle() {
    Map<String, Set<String>> graph = dependencies(MAIN_SOURCES);
    assertThat(graph).containsKeys("dev.pmpulse.streams", "dev.pmpulse.streams.intake", "dev.pmpulse.events");
    assertThat(cycles(graph)).as("packages that depend on each other (one way only, please)").isEmpty();
  }

  @Test
  void findsACycleThroughSeveralPackages() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("review", Set.of("report", "stats"));
    graph.put("report", Set.of("query"));
    graph.put("query", Set.of("review"));
    graph.put("stats", Set.of());
    assertThat(cycles(graph)).containsExactly(new TreeSet<>(Set.of("review", "report", "query")));

    graph.put("query", Set.of("stats"));
    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void readsEveryWayASourceNamesAPackage() throws IOException {
    Path dir = Files.createTempDirectory("package-cycle");
    Path file = Files.createDirectories(dir.resolve("a")).resolve("A.java");
    Files.writeString(file, String.join("\n",
        "package dev.pmpulse.a;",
        "import static dev.pmpulse.b.B.CONSTANT;",
        "import dev.pmpulse.c.*;",
        "/** See {@link dev.pmpulse.d.D}. */",
        "class A { Object x = new dev.pmpulse.e.E(); String s = dev.pmpulse.a.Same.NAME; }"));
    assertThat(dependencies(List.of(dir)))
        .containsEntry("dev.pmpulse.a", Set.of("dev.pmpulse.b", "dev.pmpulse.c", "dev.pmpulse.d", "dev.pmpulse.e"));
  }

  /** Package to the other packages its source files name. */
  static Map<String, Set<String>> dependencies(List<Path> roots) {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          Matcher declared = PACKAGE.matcher(source);
          if (!declared.find()) {
            continue;
          }
          String pkg = declared.group(1);
          Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
          Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
          while (reference.find()) {
            if (!reference.group(1).equals(pkg)) {
              uses.add(reference.group(1));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return graph;
  }

  /** The sets of two or more packages that reach each other (Tarjan's strongly connected components). */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<Set<String>> found = new ArrayList<>();
    for (String pkg : graph.keySet()) {
      if (!index.containsKey(pkg)) {
        connect(pkg, graph, index, low, stack, found);
      }
    }
    return found;
  }

  private static void connect(
      String pkg, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
      Deque<String> stack, List<Set<String>> found) {
    index.put(pkg, index.size());
    low.put(pkg, index.get(pkg));
    stack.push(pkg);
    for (String next : graph.getOrDefault(pkg, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, found);
        low.put(pkg, Math.min(low.get(pkg), low.get(next)));
      } else if (stack.contains(next)) {
        low.put(pkg, Math.min(low.get(pkg), index.get(next)));
      }
    }
    if (low.get(pkg).equals(index.get(pkg))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        component.add(member);
      } while (!member.equals(pkg));
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }
}
