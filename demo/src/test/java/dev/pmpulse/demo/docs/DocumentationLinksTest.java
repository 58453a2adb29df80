package dev.pmpulse.demo.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's promises: every relative link in the repository's Markdown points at a file
 * or folder that exists, every {@code #anchor} at a heading of its target, and the README stays a
 * front door a reader takes in at once.
 */
class DocumentationLinksTest {
  /** The README's size limit: details belong in docs/. */
  static final int README_MAX_BYTES = 15 * 1024;

  private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.*?) *#*$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    Path root = RepositoryRoot.find();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path doc : markdownFiles(root)) {
      for (String target : links(Files.readString(doc))) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
          continue; // http:, https:, mailto:: not ours to check offline
        }
        checked++;
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
        String where = root.relativize(doc) + ": (" + target + ")";
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
          broken.add(where + " -> no such file");
        } else if (anchor != null && !anchors(resolved).contains(anchor)) {
          broken.add(where + " -> no heading with that anchor in " + root.relativize(resolved));
        }
      }
    }
    assertThat(checked).as("links checked").isGreaterThan(20);
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void readmeFitsOnAFewScreens() throws IOException {
    long size = Files.size(RepositoryRoot.find().resolve("README.md"));
    assertThat(size).as("README.md bytes (move details to docs/)").isLessThanOrEqualTo(README_MAX_BYTES);
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertThat(slug("PR review latency — target: mean < 4 business hours"))
        .isEqualTo("pr-review-latency--target-mean--4-business-hours");
    assertThat(slug("The end-of-day update: `GET /report`")).isEqualTo("the-end-of-day-update-get-report");
    assertThat(slug("Late input restates a day's end")).isEqualTo("late-input-restates-a-days-end");
  }

  private static List<Path> markdownFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> top = Files.list(root)) {
      top.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
    }
    for (String dir : List.of("docs", "benchmark", "reliability", "dashboards")) {
      if (Files.isDirectory(root.resolve(dir))) {
        try (Stream<Path> walk = Files.walk(root.resolve(dir))) {
          walk.filter(p -> p.toString().endsWith(".md"))
              .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/target/"))
              .forEach(files::add);
        }
      }
    }
    return files;
  }

  /** Link targets outside fenced code blocks and inline code. */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n")) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        targets.add(m.group(2));
      }
    }
    return targets;
  }

  /** The anchors GitHub gives a Markdown file's headings (a repeated heading gets -1, -2, ...). */
  static Set<String> anchors(Path file) throws IOException {
    Set<String> anchors = new HashSet<>();
    if (!file.toString().endsWith(".md")) {
      return anchors;
    }
    boolean fenced = false;
    for (String line : Files.readAllLines(file)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (!fenced && m.matches()) {
        String base = slug(m.group(1));
        String anchor = base;
        for (int n = 1; !anchors.add(anchor); n++) {
          anchor = base + "-" + n;
        }
      }
    }
    return anchors;
  }

  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
