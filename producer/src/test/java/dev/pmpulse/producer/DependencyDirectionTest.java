package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The producer's classes (and packages, should it get more than one) depend on each other one way:
 * the generators know nothing of the scenarios, {@link Scenario} describes their knobs, {@link
 * Workload} sets those knobs per scenario, and the parts of {@link WorkloadProducer} sit on top.
 *
 * <p>The dependencies are read from the compiled classes with the JDK's {@code jdeps}. A reference
 * to a compile-time constant ({@code static final} number or string) is copied into the class that
 * uses it, so it shows in no class file and this test does not see it.
 */
class DependencyDirectionTest {
  private static final String PACKAGE = "dev.pmpulse.producer";
  private static final Pattern EDGE =
      Pattern.compile("^\\s+(" + Pattern.quote(PACKAGE) + "\\.[\\w$.]+)\\s+->\\s+(" + Pattern.quote(PACKAGE) + "\\.[\\w$.]+)\\s");

  /** Top-level class (nested classes count as their outer class) to the top-level classes it uses. */
  private static Map<String, Set<String>> classes;

  @BeforeAll
  static void readTheCompiledClasses() throws URISyntaxException {
    Path compiled = Path.of(WorkloadProducer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new AssertionError("jdeps not found: the build needs a full JDK, not a JRE"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none", compiled.toString());
    assertThat(exit).as("jdeps on %s: %s", compiled, err).isZero();
    classes = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find()) {
        String from = topLevel(m.group(1));
        String to = topLevel(m.group(2));
        classes.computeIfAbsent(from, k -> new TreeSet<>());
        classes.computeIfAbsent(to, k -> new TreeSet<>());
        if (!from.equals(to)) {
          classes.get(from).add(to);
        }
      }
    }
  }

  @Test
  void jdepsSawTheProducersClassesAndTheirDependencies() {
    // Without these, an empty graph would pass the tests below whatever the code does.
    assertThat(classes.get(PACKAGE + ".Workload")).contains(PACKAGE + ".Scenario", PACKAGE + ".PrWorkload");
    assertThat(classes.get(PACKAGE + ".ProducerMain")).contains(PACKAGE + ".WorkloadProducer");
  }

  @Test
  void noCycleBetweenClasses() {
    assertThat(cycles(classes)).isEmpty();
  }

  @Test
  void noCycleBetweenPackages() {
    Map<String, Set<String>> packages = new TreeMap<>();
    classes.forEach((from, uses) -> {
      Set<String> targets = packages.computeIfAbsent(packageOf(from), k -> new TreeSet<>());
      uses.stream().map(DependencyDirectionTest::packageOf).filter(p -> !p.equals(packageOf(from))).forEach(targets::add);
    });
    assertThat(cycles(packages)).isEmpty();
  }

  @Test
  void theGeneratorsKnowNothingOfScenarios() {
    for (String generator : List.of("PrWorkload", "PrLifecycle", "EscalationWorkload", "ClusterSamples", "RolloutWorkload")) {
      assertThat(classes.get(PACKAGE + "." + generator))
          .as(generator)
          .isNotNull()
          .doesNotContain(PACKAGE + ".Scenario", PACKAGE + ".ScenarioState");
    }
  }

  @Test
  void theCycleFinderFindsACycle() {
    Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(graph)).containsExactly("a -> b -> c -> a");
  }

  /** One path per cycle, from its alphabetically first class, shortest first. */
  static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> found = new ArrayList<>();
    Set<Set<String>> seen = new LinkedHashSet<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      List<String> path = shortestPathBack(graph, start);
      if (path != null && seen.add(Set.copyOf(path))) {
        found.add(String.join(" -> ", path));
      }
    }
    return found;
  }

  private static List<String> shortestPathBack(Map<String, Set<String>> graph, String start) {
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (String next : new TreeSet<>(graph.getOrDefault(at, Set.of()))) {
        if (next.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String step = at; !step.equals(start); step = cameFrom.get(step)) {
            path.add(1, step);
          }
          path.add(start);
          return path;
        }
        if (!cameFrom.containsKey(next)) {
          cameFrom.put(next, at);
          queue.add(next);
        }
      }
    }
    return null;
  }

  private static String topLevel(String className) {
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }
}
