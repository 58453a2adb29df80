package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.BusinessCalendar;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each scenario moves the generators' output in the documented direction and by about the documented size. */
class ScenarioWorkloadTest {
  static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
  static final Instant SWITCH = ORIGIN.plus(Duration.ofDays(7));

  @Test
  void reviewBacklogMakesFirstReviewsAtLeastThreeTimesSlower() {
    double steady = medianFirstReviewHours(1);
    double backlog = medianFirstReviewHours(PrWorkload.BACKLOG_REVIEW_DELAY_FACTOR);
    assertThat(steady).isBetween(0.5, 6.0);
    assertThat(backlog).isGreaterThanOrEqualTo(3 * steady);
  }

  @Test
  void breakingChangeMakesTheNextMergesBreakingWithinASimulatedDay() {
    Instant tuesdayMorning = Instant.parse("2026-03-10T08:00:00Z");
    Instant dayLater = tuesdayMorning.plus(Duration.ofDays(1));
    Predicate<PrEvent> breaking = e -> e.type() == Type.MERGED
        && e.apiChanges().stream().anyMatch(c -> c.kind() == ApiChange.Kind.BREAKING);

    List<PrEvent> steady = prsAfter(0, tuesdayMorning, dayLater);
    List<PrEvent> switched = prsAfter(PrWorkload.BREAKING_MERGES, tuesdayMorning, dayLater);
    assertThat(steady.stream().filter(breaking)).hasSizeLessThan(PrWorkload.BREAKING_MERGES);
    List<PrEvent> breakingMerges = switched.stream().filter(breaking).toList();
    assertThat(breakingMerges).hasSizeGreaterThanOrEqualTo(PrWorkload.BREAKING_MERGES);
    // They are the very next merges of PRs opened by people, and the same events otherwise.
    List<PrEvent> humanMerges = switched.stream()
        .filter(e -> e.type() == Type.MERGED && !PrEvent.isBot(e.author())).toList();
    assertThat(humanMerges.subList(0, PrWorkload.BREAKING_MERGES)).allMatch(breaking);
    assertThat(switched.stream().map(PrEvent::eventId).toList())
        .isEqualTo(steady.stream().map(PrEvent::eventId).toList());
  }

  @Test
  void escalationStormBringsAtLeastFiveTimesTheP0sOfASteadyDayAndSlowerResolution() {
    double steadyP0PerDay = escalationsAfter(1, false, SWITCH, SWITCH.plus(Duration.ofDays(365))).stream()
        .filter(e -> e.type() == EscalationEvent.Type.OPENED && e.severity() == Severity.P0).count() / 365.0;
    assertThat(steadyP0PerDay).isBetween(0.1, 0.3);
    for (long seed = 1; seed <= 10; seed++) {
      long stormP0s = escalationsAfter(seed, true, SWITCH, SWITCH.plus(Duration.ofDays(1))).stream()
          .filter(e -> e.type() == EscalationEvent.Type.OPENED && e.severity() == Severity.P0).count();
      assertThat(stormP0s).as("seed " + seed).isGreaterThanOrEqualTo(Math.round(5 * steadyP0PerDay + 0.5));
    }

    double steadyMedian = medianP0ResolutionHours(false);
    double stormMedian = medianP0ResolutionHours(true);
    assertThat(stormMedian).isGreaterThan(2 * steadyMedian);
  }

  @Test
  void switchingBackToSteadyRestoresTheSteadyRate() {
    EscalationWorkload escalations = new EscalationWorkload(3, ORIGIN);
    escalations.advanceTo(SWITCH, e -> { });
    escalations.setStorm(true, SWITCH);
    Instant stormEnd = SWITCH.plus(Duration.ofDays(2));
    long stormOpened = escalations.eventsUntil(stormEnd).stream().filter(e -> e.type() == EscalationEvent.Type.OPENED).count();
    escalations.setStorm(false, stormEnd);
    long afterOpened = escalations.eventsUntil(stormEnd.plus(Duration.ofDays(60))).stream()
        .filter(e -> e.type() == EscalationEvent.Type.OPENED && e.at().isAfter(stormEnd)).count();
    assertThat(stormOpened / 2.0).isGreaterThan(2 * EscalationWorkload.ESCALATIONS_PER_DAY);
    assertThat(afterOpened / 60.0).isBetween(3.0, 5.0);
  }

  @Test
  void theSameSeedAndSwitchInstantsGiveTheSameOutput() {
    List<Emission<?>> a = withSwitches(Duration.ofHours(30));
    List<Emission<?>> b = withSwitches(Duration.ofHours(30));
    List<Emission<?>> later = withSwitches(Duration.ofHours(31));
    assertThat(b).isEqualTo(a);
    assertThat(later).isNotEqualTo(a);
  }

  /** {@link Workload#switchScenario} turns the knobs its scenario names, and sets the others to normal. */
  @ParameterizedTest
  @EnumSource(Scenario.class)
  void eachScenarioTurnsTheKnobsItNamesAndNoOther(Scenario scenario) {
    Instant switchAt = ORIGIN.plus(Duration.ofDays(2));
    Instant end = switchAt.plus(Duration.ofDays(2));
    Workload workload = new Workload(TeamRoster.defaults(), 42, 1.0, 1, ORIGIN);
    workload.switchScenario(Scenario.BAD_DEPLOY); // a knob turned before, that every switch resets
    List<Emission<?>> out = new ArrayList<>(workload.emissionsUntil(switchAt));
    workload.switchScenario(scenario);
    out.addAll(workload.emissionsUntil(end));

    PrWorkload prs = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN);
    List<Object> expectedPrs = new ArrayList<>(prs.eventsUntil(switchAt));
    prs.setReviewDelayFactor(scenario == Scenario.REVIEW_BACKLOG ? PrWorkload.BACKLOG_REVIEW_DELAY_FACTOR : 1);
    prs.breakNextMerges(scenario == Scenario.BREAKING_CHANGE ? PrWorkload.BREAKING_MERGES : 0);
    expectedPrs.addAll(prs.eventsUntil(end));
    EscalationWorkload escalations = new EscalationWorkload(42, ORIGIN);
    List<Object> expectedEscalations = new ArrayList<>(escalations.eventsUntil(switchAt));
    escalations.setStorm(scenario == Scenario.ESCALATION_STORM, switchAt);
    expectedEscalations.addAll(escalations.eventsUntil(end));
    ClusterSamples samples = new ClusterSamples(42, 1, ORIGIN);
    samples.setBadDeploy(true, ORIGIN);
    List<Emission<?>> expectedSamples = new ArrayList<>(samples.emissionsUntil(switchAt));
    samples.setBadDeploy(scenario == Scenario.BAD_DEPLOY, switchAt);
    samples.setDuplicating(scenario == Scenario.DUPLICATE_DELIVERY);
    expectedSamples.addAll(samples.emissionsUntil(end));

    assertThat(values(out, Topics.PR_EVENTS)).isEqualTo(expectedPrs);
    assertThat(values(out, Topics.ESCALATION_EVENTS)).isEqualTo(expectedEscalations);
    assertThat(out.stream().filter(e -> e.topic().equals(Topics.LATENCY_SAMPLES) || e.topic().equals(Topics.DELIVERY_SAMPLES)))
        .isEqualTo(expectedSamples);
  }

  private static List<Object> values(List<Emission<?>> emissions, Topic<String, ?> topic) {
    return emissions.stream().filter(e -> e.topic().equals(topic)).<Object>map(Emission::value).toList();
  }

  private static List<Emission<?>> withSwitches(Duration firstSwitch) {
    Workload workload = new Workload(TeamRoster.defaults(), 42, 1.0, 10, ORIGIN);
    List<Emission<?>> out = new ArrayList<>();
    workload.advanceTo(ORIGIN.plus(firstSwitch), out::add);
    assertThat(workload.switchScenario(Scenario.ESCALATION_STORM).since()).isEqualTo(ORIGIN.plus(firstSwitch));
    workload.advanceTo(ORIGIN.plus(Duration.ofDays(2)), out::add);
    workload.switchScenario(Scenario.REVIEW_BACKLOG);
    workload.advanceTo(ORIGIN.plus(Duration.ofDays(5)), out::add);
    return out;
  }

  private static double medianFirstReviewHours(double reviewDelayFactor) {
    PrWorkload prs = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN);
    prs.advanceTo(SWITCH, e -> { });
    prs.setReviewDelayFactor(reviewDelayFactor);
    Instant openedBy = SWITCH.plus(Duration.ofDays(14));
    Map<String, List<PrEvent>> lives = new LinkedHashMap<>();
    for (PrEvent e : prs.eventsUntil(openedBy.plus(Duration.ofDays(40)))) {
      if (e.type() == Type.OPENED && e.at().isAfter(openedBy)) {
        continue;
      }
      if (e.type() == Type.OPENED || lives.containsKey(e.key())) {
        lives.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Double> hours = new ArrayList<>();
    for (List<PrEvent> life : lives.values()) {
      Optional<Instant> requested = PrWorkloadTest.requestedAt(life);
      Optional<PrEvent> first = PrWorkloadTest.firstHumanReview(life);
      if (requested.isPresent() && first.isPresent()) {
        BusinessCalendar calendar = new BusinessCalendar(TeamDirectory.defaults().find(life.get(0).team()).orElseThrow());
        hours.add(calendar.businessTimeBetween(requested.get(), first.get().at()).toSeconds() / 3600.0);
      }
    }
    assertThat(hours).hasSizeGreaterThan(300);
    return EscalationWorkloadTest.quantile(hours, 0.5);
  }

  private static List<PrEvent> prsAfter(int breakingMerges, Instant switchAt, Instant until) {
    PrWorkload prs = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN);
    prs.advanceTo(switchAt, e -> { });
    prs.breakNextMerges(breakingMerges);
    return prs.eventsUntil(until);
  }

  private static List<EscalationEvent> escalationsAfter(long seed, boolean storm, Instant switchAt, Instant until) {
    EscalationWorkload escalations = new EscalationWorkload(seed, ORIGIN);
    escalations.advanceTo(switchAt, e -> { });
    escalations.setStorm(storm, switchAt);
    return escalations.eventsUntil(until);
  }

  private static double medianP0ResolutionHours(boolean storm) {
    Instant openedBy = SWITCH.plus(Duration.ofDays(storm ? 30 : 365));
    Map<String, List<EscalationEvent>> lives = new LinkedHashMap<>();
    for (EscalationEvent e : escalationsAfter(5, storm, SWITCH, openedBy.plus(Duration.ofDays(60)))) {
      if (e.severity() != Severity.P0 || e.type() == EscalationEvent.Type.OPENED && e.at().isAfter(openedBy)) {
        continue;
      }
      if (e.type() == EscalationEvent.Type.OPENED || lives.containsKey(e.id())) {
        lives.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Double> hours = lives.values().stream().map(l -> EscalationWorkloadTest.hours(l.get(0), l.get(1))).toList();
    assertThat(hours).hasSizeGreaterThan(50);
    return EscalationWorkloadTest.quantile(hours, 0.5);
  }
}
