package dev.pmpulse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one live fault did, step by step, as the {@code /kafka} page and the demo console show it:
 * each step with the wall-clock instant it began, and at the end what the fault proved (the KPIs
 * before and after a crash, the dead letter of a bad record).
 */
final class FaultReport {
  /** A step; {@code ok} is null for one that says what is happening, true or false for an outcome. */
  record Step(Instant at, String text, Boolean ok) {}

  /** One KPI view before and after: its number of keys, a digest of its values, the keys that differ. */
  record ViewComparison(String view, int keys, String before, String after, boolean equal, List<String> differences) {}

  record Comparison(boolean equal, String verdict, List<ViewComparison> views) {}

  record Header(String key, String value) {}

  /** A bad record sent, and where it landed on the dead-letter topic. */
  record DeadLetter(String sentTo, String value, String topic, int partition, long offset, List<Header> headers) {}

  private final String kind;
  private final String title;
  private final Clock clock;
  private final Instant startedAt;
  private final List<Step> steps = new ArrayList<>();
  private final Consumer<String> echo;
  private Instant finishedAt;
  private Boolean ok;
  private Comparison comparison;
  private DeadLetter deadLetter;
  private JsonNode before;
  private JsonNode after;

  /** @param echo also gets every step's text as it is added (the console prints them) */
  FaultReport(String kind, String title, Clock clock, Consumer<String> echo) {
    this.kind = kind;
    this.title = title;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.echo = echo;
  }

  String kind() {
    return kind;
  }

  void step(String text) {
    add(text, null);
  }

  void done(String text) {
    add(text, true);
  }

  void failed(String text) {
    add(text, false);
  }

  private void add(String text, Boolean outcome) {
    synchronized (this) {
      steps.add(new Step(clock.instant(), text, outcome));
    }
    echo.accept(text);
  }

  synchronized void comparison(Comparison comparison) {
    this.comparison = comparison;
  }

  /** Every KPI view as {@code /api/kpis} answered before and after a crash (kept out of the JSON: large). */
  synchronized void snapshots(JsonNode before, JsonNode after) {
    this.before = before;
    this.after = after;
  }

  synchronized JsonNode before() {
    return before;
  }

  synchronized JsonNode after() {
    return after;
  }

  synchronized void deadLetter(DeadLetter deadLetter) {
    this.deadLetter = deadLetter;
  }

  synchronized void finish(boolean ok) {
    this.ok = ok;
    this.finishedAt = clock.instant();
  }

  synchronized Comparison comparison() {
    return comparison;
  }

  synchronized DeadLetter deadLetter() {
    return deadLetter;
  }

  synchronized Boolean ok() {
    return ok;
  }

  synchronized List<Step> steps() {
    return List.copyOf(steps);
  }

  /** As {@code GET /faults} answers it. */
  synchronized Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("title", title);
    m.put("startedAt", startedAt.toString());
    m.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
    m.put("ok", ok);
    m.put("steps", List.copyOf(steps));
    m.put("comparison", comparison);
    m.put("deadLetter", deadLetter);
    return m;
  }
}
