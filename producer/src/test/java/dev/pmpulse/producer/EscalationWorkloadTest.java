package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The escalation generator on its own, in simulated time. */
class EscalationWorkloadTest {
  static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z");
  static final int DAYS = 730;
  static final Instant HORIZON = ORIGIN.plus(Duration.ofDays(DAYS));

  static List<EscalationEvent> events;
  /** Escalations opened before the horizon, each with every event of its life. */
  static Map<String, List<EscalationEvent>> lives;

  @BeforeAll
  static void simulate() {
    events = new EscalationWorkload(42, ORIGIN).eventsUntil(HORIZON);
    lives = new LinkedHashMap<>();
    for (EscalationEvent e : new EscalationWorkload(42, ORIGIN).eventsUntil(HORIZON.plus(Duration.ofDays(120)))) {
      if (e.type() == Type.OPENED && e.at().isAfter(HORIZON)) {
        continue;
      }
      if (e.type() == Type.OPENED || lives.containsKey(e.id())) {
        lives.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
      }
    }
  }

  @Test
  void eventsComeInTimeOrderWithTheContractVersion() {
    assertThat(events).hasSizeGreaterThan(4000);
    assertThat(events).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.at()).isBetween(ORIGIN, HORIZON);
      assertThat(e.v()).isEqualTo(EscalationEvent.VERSION);
      assertThat(e.customer()).isIn(EscalationWorkload.CUSTOMERS);
      assertThat(e.productArea()).isIn(EscalationWorkload.PRODUCT_AREAS);
    });
  }

  @Test
  void aFewADayInTheDesignedSeverityMix() {
    List<EscalationEvent> opened = events.stream().filter(e -> e.type() == Type.OPENED).toList();
    assertThat(opened.size() / (double) DAYS).isBetween(3.5, 4.5);
    Map<Severity, Long> bySeverity =
        opened.stream().collect(Collectors.groupingBy(EscalationEvent::severity, Collectors.counting()));
    assertThat(share(bySeverity, Severity.P0, opened.size())).isBetween(0.035, 0.065);
    assertThat(share(bySeverity, Severity.P1, opened.size())).isBetween(0.17, 0.23);
    assertThat(share(bySeverity, Severity.P2, opened.size())).isBetween(0.36, 0.44);
    assertThat(share(bySeverity, Severity.P3, opened.size())).isBetween(0.31, 0.39);
  }

  @Test
  void p0IsResolvedFasterThanP1WithAHeavyTail() {
    List<Double> p0 = firstResolutionHours(Severity.P0);
    List<Double> p1 = firstResolutionHours(Severity.P1);
    assertThat(p0).hasSizeGreaterThan(100);
    assertThat(p1).hasSizeGreaterThan(400);
    double p0Median = quantile(p0, 0.5);
    double p1Median = quantile(p1, 0.5);
    assertThat(p0Median).isBetween(8.0, 12.5);
    assertThat(p1Median).isBetween(25.0, 36.0);
    assertThat(p0Median).isLessThan(p1Median);
    assertThat(quantile(p1, 0.9)).as("heavy tail").isGreaterThan(2.3 * p1Median);
    long overAWeek = lives.values().stream().filter(life -> hours(life.get(0), life.get(1)) > 7 * 24).count();
    assertThat(overAWeek).as("a few take a week").isBetween(lives.size() / 100L, lives.size() / 5L);
  }

  @Test
  void aboutOneInTwentyIsReopenedAndResolvedAgain() {
    assertThat(lives).hasSizeGreaterThan(2500);
    long reopened = 0;
    for (Map.Entry<String, List<EscalationEvent>> entry : lives.entrySet()) {
      List<EscalationEvent> life = entry.getValue();
      List<Type> types = life.stream().map(EscalationEvent::type).toList();
      assertThat(types).as(entry.getKey())
          .isIn(List.of(Type.OPENED, Type.RESOLVED), List.of(Type.OPENED, Type.RESOLVED, Type.REOPENED, Type.RESOLVED));
      for (int i = 1; i < life.size(); i++) {
        assertThat(life.get(i).at()).as(entry.getKey()).isAfter(life.get(i - 1).at());
        assertThat(life.get(i).severity()).isEqualTo(life.get(0).severity());
        assertThat(life.get(i).customer()).isEqualTo(life.get(0).customer());
        assertThat(life.get(i).productArea()).isEqualTo(life.get(0).productArea());
      }
      if (types.contains(Type.REOPENED)) {
        reopened++;
      }
    }
    assertThat(reopened / (double) lives.size()).isBetween(0.035, 0.065);
  }

  @Test
  void eventIdsAreUniqueAndEscalationIdsAreTheirKeys() {
    assertThat(events.stream().map(EscalationEvent::eventId)).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(events.stream().filter(e -> e.type() == Type.OPENED).map(EscalationEvent::id)).doesNotHaveDuplicates();
    assertThat(events).allSatisfy(e -> assertThat(e.id()).matches("ESC-\\d+"));
  }

  @Test
  void sameSeedGivesTheSameEventsWhateverTheSteps() {
    EscalationWorkload stepped = new EscalationWorkload(42, ORIGIN);
    List<EscalationEvent> inSteps = new ArrayList<>();
    for (Instant t = ORIGIN; t.isBefore(HORIZON); t = t.plus(Duration.ofMinutes(97))) {
      stepped.advanceTo(t, inSteps::add);
    }
    stepped.advanceTo(HORIZON, inSteps::add);
    assertThat(inSteps).isEqualTo(events);

    List<EscalationEvent> otherSeed = new EscalationWorkload(43, ORIGIN).eventsUntil(HORIZON);
    assertThat(otherSeed).isNotEqualTo(events);
    assertThat(otherSeed.stream().map(EscalationEvent::eventId))
        .doesNotContainAnyElementsOf(events.stream().map(EscalationEvent::eventId).toList());
  }

  private static List<Double> firstResolutionHours(Severity severity) {
    return lives.values().stream()
        .filter(life -> life.get(0).severity() == severity)
        .map(life -> hours(life.get(0), life.get(1)))
        .toList();
  }

  static double hours(EscalationEvent from, EscalationEvent to) {
    return Duration.between(from.at(), to.at()).toSeconds() / 3600.0;
  }

  static double quantile(List<Double> values, double q) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.floor(q * (sorted.size() - 1)));
  }

  private static double share(Map<Severity, Long> counts, Severity s, int total) {
    return counts.getOrDefault(s, 0L) / (double) total;
  }
}
