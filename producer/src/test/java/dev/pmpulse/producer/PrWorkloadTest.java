package dev.pmpulse.producer;

import dev.pmpulse.events.BusinessCalendar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PrEvent.ReviewState;
import dev.pmpulse.events.PrEvent.Type;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator on its own: driven straight in simulated time, no Kafka, no wall clock. */
class PrWorkloadTest {
  // A Monday; the four weeks after it include both the US (03-08) and EU (03-29) clock changes.
  static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z");
  static final Instant HORIZON = ORIGIN.plus(Duration.ofDays(28));
  static final Map<String, TeamRoster> ROSTERS =
      TeamRoster.defaults().stream().collect(Collectors.toMap(r -> r.team().name(), Function.identity()));

  static List<PrEvent> events;
  /** PRs opened before the horizon, each with every event of its life (simulated well past the horizon). */
  static Map<String, List<PrEvent>> prs;

  @BeforeAll
  static void simulate() {
    events = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN).eventsUntil(HORIZON);
    prs = new LinkedHashMap<>();
    for (PrEvent e : new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN).eventsUntil(HORIZON.plus(Duration.ofDays(40)))) {
      if (e.type() == Type.OPENED && e.at().isAfter(HORIZON)) {
        continue;
      }
      if (e.type() == Type.OPENED || prs.containsKey(e.key())) {
        prs.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      }
    }
  }

  @Test
  void eventsComeInSimulatedTimeOrder() {
    assertThat(events).hasSizeGreaterThan(1000);
    assertThat(events).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(events).allSatisfy(e -> assertThat(e.at()).isBetween(ORIGIN, HORIZON));
  }

  @Test
  void sameSeedGivesTheSameEventsWhateverTheSteps() {
    PrWorkload stepped = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN);
    List<PrEvent> inSteps = new ArrayList<>();
    for (Instant t = ORIGIN; t.isBefore(HORIZON); t = t.plus(Duration.ofMinutes(7))) {
      stepped.advanceTo(t, inSteps::add);
    }
    stepped.advanceTo(HORIZON, inSteps::add);
    assertThat(inSteps).isEqualTo(events);

    List<PrEvent> otherSeed = new PrWorkload(TeamRoster.defaults(), 43, 1.0, ORIGIN).eventsUntil(HORIZON);
    assertThat(otherSeed).isNotEqualTo(events);
    assertThat(otherSeed.stream().map(PrEvent::eventId)).doesNotContainAnyElementsOf(ids(events));
  }

  @Test
  void eventIdsAreUnique() {
    assertThat(ids(events)).doesNotHaveDuplicates().doesNotContainNull();
  }

  @Test
  void everyPrLifecycleIsWellFormed() {
    assertThat(prs).hasSizeGreaterThan(1000);
    prs.forEach((key, life) -> {
      PrEvent opened = life.get(0);
      assertThat(opened.type()).as(key).isEqualTo(Type.OPENED);
      assertThat(opened.actor()).as(key).isEqualTo(opened.author());
      PrEvent last = life.get(life.size() - 1);
      assertThat(last.type()).as(key + " ends merged or closed").isIn(Type.MERGED, Type.CLOSED);
      assertThat(life.stream().filter(e -> e.type() == Type.MERGED || e.type() == Type.CLOSED)).as(key).hasSize(1);
      assertThat(life.stream().filter(e -> e.type() == Type.OPENED)).as(key).hasSize(1);
      for (int i = 1; i < life.size(); i++) {
        assertThat(life.get(i).at()).as(key + " strictly in order").isAfter(life.get(i - 1).at());
      }

      TeamRoster roster = ROSTERS.get(opened.team());
      Set<String> requested = new HashSet<>();
      boolean ready = !opened.reviewers().isEmpty();
      boolean approved = false;
      for (PrEvent e : life) {
        assertThat(e.v()).isEqualTo(PrEvent.VERSION);
        assertThat(e.repo()).isEqualTo(roster.repo());
        assertThat(e.number()).isEqualTo(opened.number());
        assertThat(e.author()).isEqualTo(opened.author());
        assertThat(e.labels()).isEqualTo(opened.labels());
        assertThat(e.actor()).isNotBlank();
        assertThat(e.reviewState() != null).as(key + " " + e.type()).isEqualTo(e.type() == Type.REVIEW_SUBMITTED);
        if (e.type() != Type.MERGED) {
          assertThat(e.apiChanges()).as(key).isEmpty();
        }
        if (e.type() != Type.OPENED && e.type() != Type.REVIEW_REQUESTED) {
          assertThat(e.reviewers()).as(key).isEmpty();
        }
        assertThat(e.reviewers()).as(key).doesNotContain(e.author()).allMatch(r -> roster.engineers().contains(r));
        switch (e.type()) {
          case READY_FOR_REVIEW -> {
            assertThat(ready).as(key + " ready for review once, from draft").isFalse();
            ready = true;
          }
          case REVIEW_REQUESTED -> {
            assertThat(e.reviewers()).as(key).isNotEmpty();
            requested.addAll(e.reviewers());
          }
          case REVIEW_SUBMITTED -> {
            if (e.reviewState() != ReviewState.COMMENTED) {
              assertThat(requested).as(key + " verdicts come from requested reviewers").contains(e.actor());
              approved |= e.reviewState() == ReviewState.APPROVED;
            } else {
              assertThat(e.actor().equals(e.author()) || PrEvent.isBot(e.actor()) || requested.contains(e.actor()))
                  .as(key + " commenter " + e.actor()).isTrue();
            }
          }
          case MERGED -> assertThat(approved).as(key + " merged after an approval").isTrue();
          default -> { }
        }
        if (e.type() == Type.OPENED) {
          requested.addAll(e.reviewers());
        }
      }
    });
  }

  @Test
  void reviewersAnswerOnlyDuringTheirBusinessHours() {
    List<PrEvent> reviews = humanReviews().toList();
    assertThat(reviews).hasSizeGreaterThan(1000);
    assertThat(reviews).allSatisfy(e ->
        assertThat(calendarOf(e).isWorkingTime(e.at())).as(e.toString()).isTrue());
  }

  @Test
  void aRequestLateOnFridayIsAnsweredOnMondayOrLater() {
    int lateFriday = 0;
    for (List<PrEvent> life : prs.values()) {
      Optional<Instant> requested = requestedAt(life);
      Optional<PrEvent> first = firstHumanReview(life);
      if (requested.isEmpty() || first.isEmpty()) {
        continue;
      }
      Team team = TeamDirectory.defaults().find(life.get(0).team()).orElseThrow();
      ZonedDateTime local = requested.get().atZone(team.zone());
      boolean fridayEvening = local.getDayOfWeek() == DayOfWeek.FRIDAY
          && !local.toLocalTime().isBefore(team.workEnd().minusMinutes(30));
      if (fridayEvening) {
        lateFriday++;
        ZonedDateTime answered = first.get().at().atZone(team.zone());
        assertThat(answered.toLocalDate()).isAfterOrEqualTo(local.toLocalDate().plusDays(3));
      }
    }
    assertThat(lateFriday).as("late-Friday requests in four weeks").isGreaterThanOrEqualTo(5);
  }

  @Test
  void firstReviewsTakeHoursOfBusinessTimeWithALongTail() {
    List<Double> hours = new ArrayList<>();
    for (List<PrEvent> life : prs.values()) {
      Optional<Instant> requested = requestedAt(life);
      Optional<PrEvent> first = firstHumanReview(life);
      if (requested.isPresent() && first.isPresent()) {
        BusinessCalendar calendar = calendarOf(first.get());
        hours.add(calendar.businessTimeBetween(requested.get(), first.get().at()).toSeconds() / 3600.0);
      }
    }
    hours.sort(Double::compare);
    double median = hours.get(hours.size() / 2);
    double p90 = hours.get(hours.size() * 9 / 10);
    assertThat(median).isBetween(0.5, 6.0);
    assertThat(p90).isGreaterThan(median * 2);
    assertThat(hours.get(hours.size() - 1)).as("longest wait").isGreaterThan(16.0);
  }

  @Test
  void someReviewersCommentBeforeTheyApprove() {
    long commentedFirst = prs.values().stream().filter(life -> {
      Optional<PrEvent> verdict = firstHumanReview(life);
      return verdict.isPresent() && life.stream().anyMatch(e ->
          e.type() == Type.REVIEW_SUBMITTED && e.reviewState() == ReviewState.COMMENTED
              && e.actor().equals(verdict.get().actor()) && e.at().isBefore(verdict.get().at()));
    }).count();
    assertThat(commentedFirst).isBetween(prs.size() / 10L, prs.size() / 2L);
  }

  @Test
  void authorsAndBotsComment() {
    List<PrEvent> comments = events.stream()
        .filter(e -> e.type() == Type.REVIEW_SUBMITTED && e.reviewState() == ReviewState.COMMENTED).toList();
    assertThat(comments).anyMatch(e -> e.actor().equals(e.author()) && !PrEvent.isBot(e.author()));
    assertThat(comments).anyMatch(e -> PrEvent.isBot(e.actor()));
    assertThat(events).anyMatch(e -> e.type() == Type.OPENED && PrEvent.isBot(e.author()));
  }

  @Test
  void draftsBecomeReadyAndSomeReviewersAreRequestedLater() {
    assertThat(events).anyMatch(e -> e.type() == Type.READY_FOR_REVIEW);
    assertThat(events).anyMatch(e -> e.type() == Type.OPENED && !e.reviewers().isEmpty());
    assertThat(events).anyMatch(e -> e.type() == Type.REVIEW_REQUESTED);
    assertThat(events).anyMatch(e -> !e.labels().isEmpty());
    assertThat(events).anyMatch(e -> e.labels().isEmpty());
  }

  @Test
  void everyTeamShowsReviewLatencyWithinThirtySimulatedHours() {
    Instant cutoff = ORIGIN.plus(Duration.ofHours(30));
    for (Team team : TeamDirectory.defaults().teams()) {
      assertThat(prs.values().stream().map(life -> life.get(0)).filter(e -> e.team().equals(team.name())))
          .as(team.name()).isNotEmpty();
      assertThat(prs.values().stream()
              .filter(life -> life.get(0).team().equals(team.name()))
              .map(PrWorkloadTest::firstHumanReview)
              .flatMap(Optional::stream)
              .filter(e -> !e.at().isAfter(cutoff)))
          .as(team.name() + " first reviews by " + cutoff).isNotEmpty();
    }
  }

  @Test
  void aboutFortyToEightyPrsADayMostlyInBusinessHours() {
    List<PrEvent> opened = events.stream().filter(e -> e.type() == Type.OPENED).toList();
    double perDay = opened.size() / 28.0;
    assertThat(perDay).isBetween(40.0, 80.0);

    Map<Boolean, Long> byWeekend = opened.stream().collect(Collectors.partitioningBy(
        e -> LocalDate.ofInstant(e.at(), ZoneOffset.UTC).getDayOfWeek().getValue() >= 6, Collectors.counting()));
    assertThat(byWeekend.get(false) / 20.0).isGreaterThan(2 * byWeekend.get(true) / 8.0);

    List<PrEvent> byHumans = opened.stream().filter(e -> !PrEvent.isBot(e.author())).toList();
    long inHours = byHumans.stream().filter(e -> calendarOf(e).isWorkingTime(e.at())).count();
    assertThat((double) inHours / byHumans.size()).isGreaterThan(0.8);
  }

  @Test
  void theRateMultiplierScalesArrivals() {
    long base = events.stream().filter(e -> e.type() == Type.OPENED).count();
    long doubled = new PrWorkload(TeamRoster.defaults(), 42, 2.0, ORIGIN).eventsUntil(HORIZON).stream()
        .filter(e -> e.type() == Type.OPENED).count();
    assertThat((double) doubled / base).isBetween(1.7, 2.3);
  }

  @Test
  void mergesCarryApiChangesMostlyNoneRarelyBreaking() {
    Instant quarter = ORIGIN.plus(Duration.ofDays(91));
    List<PrEvent> merged = new PrWorkload(TeamRoster.defaults(), 42, 1.0, ORIGIN).eventsUntil(quarter).stream()
        .filter(e -> e.type() == Type.MERGED).toList();
    Map<ApiChange.Kind, Long> kinds = merged.stream().flatMap(e -> e.apiChanges().stream())
        .collect(Collectors.groupingBy(ApiChange::kind, Collectors.counting()));
    long untouched = merged.stream()
        .filter(e -> e.apiChanges().stream().allMatch(c -> c.kind() == ApiChange.Kind.NONE)).count();

    assertThat((double) untouched / merged.size()).isGreaterThan(0.75);
    assertThat(kinds.getOrDefault(ApiChange.Kind.BREAKING, 0L)).isPositive()
        .isLessThan(kinds.getOrDefault(ApiChange.Kind.DEPRECATION, 0L));
    assertThat(kinds.getOrDefault(ApiChange.Kind.DEPRECATION, 0L)).isLessThan(kinds.get(ApiChange.Kind.ADDITIVE));
    assertThat(merged.stream().flatMap(e -> e.apiChanges().stream()).map(ApiChange::surface).distinct())
        .containsExactlyInAnyOrderElementsOf(TeamRoster.API_SURFACES);
  }

  /** Reviews by someone other than the author or a bot. */
  static java.util.stream.Stream<PrEvent> humanReviews() {
    return events.stream().filter(e -> e.type() == Type.REVIEW_SUBMITTED
        && !e.actor().equals(e.author()) && !PrEvent.isBot(e.actor()));
  }

  /** When review was first requested: review_requested, ready_for_review, or opened with reviewers. */
  static Optional<Instant> requestedAt(List<PrEvent> life) {
    return life.stream().filter(e -> e.type() == Type.REVIEW_REQUESTED || e.type() == Type.READY_FOR_REVIEW
            || (e.type() == Type.OPENED && !e.reviewers().isEmpty()))
        .map(PrEvent::at).findFirst();
  }

  /** The first review of any kind from someone other than the author or a bot. */
  static Optional<PrEvent> firstHumanReview(List<PrEvent> life) {
    return life.stream().filter(e -> e.type() == Type.REVIEW_SUBMITTED
        && !e.actor().equals(e.author()) && !PrEvent.isBot(e.actor())
        && e.reviewState() != ReviewState.COMMENTED).findFirst();
  }

  static BusinessCalendar calendarOf(PrEvent e) {
    return new BusinessCalendar(ROSTERS.get(e.team()).team());
  }

  static List<String> ids(List<PrEvent> events) {
    return events.stream().map(PrEvent::eventId).toList();
  }
}
