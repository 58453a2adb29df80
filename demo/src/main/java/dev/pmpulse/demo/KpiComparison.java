package dev.pmpulse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The crash drill's verdict: every KPI value read before the crash compared with the value read after
 * it, view by view and key by key, with a short digest of each view so the page can show them side by
 * side.
 */
final class KpiComparison {
  private KpiComparison() {}

  /** Compares the views of {@code /api/kpis} read before and after the crash. */
  static FaultReport.Comparison of(JsonNode before, JsonNode after, double recoverySeconds) {
    List<FaultReport.ViewComparison> views = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    int values = 0;
    boolean equal = true;
    for (String view : names) {
      JsonNode b = before.path(view);
      JsonNode a = after.path(view);
      TreeSet<String> keys = new TreeSet<>();
      b.fieldNames().forEachRemaining(keys::add);
      a.fieldNames().forEachRemaining(keys::add);
      List<String> differences = keys.stream().filter(k -> !b.path(k).equals(a.path(k))).limit(5).toList();
      views.add(new FaultReport.ViewComparison(view, keys.size(), digest(b), digest(a), differences.isEmpty(), differences));
      values += keys.size();
      equal &= differences.isEmpty();
    }
    String verdict = equal
        ? String.format(Locale.ROOT,
            "Every KPI value is equal before and after the crash: %d values in %d views. Exactly-once: nothing lost, "
                + "nothing counted twice. RUNNING again after %.1f s.", values, views.size(), recoverySeconds)
        : "Some KPI values differ after the crash: "
            + views.stream().filter(v -> !v.equal()).map(FaultReport.ViewComparison::view).toList();
    return new FaultReport.Comparison(equal, verdict, views);
  }

  private static String digest(JsonNode node) {
    if (node.isMissingNode()) {
      return "—";
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(node.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many KPI values {@code views} holds, over all views. */
  static int values(JsonNode views) {
    int n = 0;
    for (Iterator<JsonNode> it = views.elements(); it.hasNext(); ) {
      n += it.next().size();
    }
    return n;
  }
}
