package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.Emission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class ScaledHistoryTest {
  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

  /**
   * By hand: two PRs of team streams (#1 still open: opened and reviewed; #2 opened and merged),
   * three escalations (1001 open; 1002 opened and resolved; 1003 opened, resolved and reopened:
   * open again) and one rollout stage.
   */
  private static List<Emission<?>> demo() {
    List<Emission<?>> e = new ArrayList<>();
    e.add(pr("p1", PrEvent.Type.OPENED, 1, 0));
    e.add(escalation("e1", EscalationEvent.Type.OPENED, "ESC-1001", 5));
    e.add(pr("p2", PrEvent.Type.OPENED, 2, 10));
    e.add(escalation("e2", EscalationEvent.Type.OPENED, "ESC-1002", 15));
    e.add(pr("p3", PrEvent.Type.REVIEW_SUBMITTED, 1, 20));
    e.add(new Emission<>(Topics.ROLLOUT_EVENTS, "flag-a", new RolloutEvent(RolloutEvent.VERSION, "r1", "flag-a", "us-east-1", 5,
        T0.plus(Duration.ofMinutes(25))), T0.plus(Duration.ofMinutes(25)), "stage-5"));
    e.add(escalation("e3", EscalationEvent.Type.RESOLVED, "ESC-1002", 30));
    e.add(pr("p4", PrEvent.Type.MERGED, 2, 40));
    e.add(escalation("e4", EscalationEvent.Type.OPENED, "ESC-1003", 45));
    e.add(escalation("e5", EscalationEvent.Type.RESOLVED, "ESC-1003", 50));
    e.add(escalation("e6", EscalationEvent.Type.REOPENED, "ESC-1003", 55));
    return e;
  }

  @Test
  void scaleSHoldsSTimesTheOpenPrsAndEscalationsAndHistory() {
    ScaledHistory.Counts one = new ScaledHistory(demo(), 1).counts();
    // 4 PR events, 6 escalation events, 1 rollout; PRs #1 and #2, #1 open; escalations 1001 and
    // 1003 open, 1002 resolved.
    assertThat(one).isEqualTo(new ScaledHistory.Counts(1, 4, 6, 1, 2, 3, 1, 2));
    // Three copies of the PRs and escalations (teams streams, streams-2, streams-3), the rollout once.
    ScaledHistory.Counts three = new ScaledHistory(demo(), 3).counts();
    assertThat(three).isEqualTo(new ScaledHistory.Counts(3, 12, 18, 1, 6, 9, 3, 6));
    assertThat(three.events()).isEqualTo(31);
  }

  @Test
  void copyOneKeepsTheDemosTeamsAndEveryCopyHasKeysOfItsOwn() {
    List<Emission<?>> copies = new ScaledHistory(demo(), 3).emissions().toList();
    List<String> firstThree = copies.subList(0, 3).stream().map(Emission::key).toList();
    assertThat(firstThree).containsExactly("acme/streams-1#1", "acme/streams-2#1", "acme/streams-3#1");
    assertThat(copies.subList(0, 3).stream().map(e -> ((PrEvent) e.value()).team()))
        .containsExactly("streams", "streams-2", "streams-3");
    assertThat(copies.subList(0, 3).stream().map(e -> ((PrEvent) e.value()).eventId())).containsExactly("p1-1", "p1-2", "p1-3");
    assertThat(copies.subList(3, 6).stream().map(Emission::key)).containsExactly("ESC-1001-1", "ESC-1001-2", "ESC-1001-3");
    assertThat(copies.stream().filter(e -> e.topic() == Topics.ROLLOUT_EVENTS)).hasSize(1);
    for (int i = 1; i < copies.size(); i++) {
      assertThat(copies.get(i).at()).isAfterOrEqualTo(copies.get(i - 1).at());
    }
  }

  @Test
  void theTeamsTopicOfAScaleHoldsEveryCopysTeams() {
    Team berlin = Team.nineToFive("streams", "Europe/Berlin");
    Team streams = new Team("streams", berlin.zone(), berlin.workStart(), berlin.workEnd(), berlin.workDays(), null, java.util.Set.of(),
        List.of("acme/streams"), List.of("maya-lin"), List.of(), 6);
    TeamDirectory demoTeams = new TeamDirectory(List.of(streams, Team.nineToFive("clients", "UTC")), 48);
    TeamDirectory three = new ScaledHistory(demo(), 3).teams(demoTeams);
    assertThat(three.teams().stream().map(Team::name))
        .containsExactly("streams", "clients", "streams-2", "clients-2", "streams-3", "clients-3");
    Team copy = three.find("streams-3").orElseThrow();
    assertThat(copy.repositories()).containsExactly("acme/streams-3");
    assertThat(copy.zone()).isEqualTo(berlin.zone());
    assertThat(copy.reviewTargetHours()).isEqualTo(6);
    assertThat(copy.members()).containsExactly("maya-lin");
    assertThat(new ScaledHistory(demo(), 1).teams(demoTeams)).isEqualTo(demoTeams);
  }

  @Test
  void theEventsAreSerializedForTheirTopics() throws Exception {
    List<BenchEvent> events = StreamSupport.stream(new ScaledHistory(demo(), 2).events().spliterator(), false).toList();
    assertThat(events).hasSize(21);
    BenchEvent second = events.get(1);
    assertThat(second.topic()).isEqualTo(Topics.PR_EVENTS.name());
    assertThat(second.key()).isEqualTo("acme/streams-2#1");
    assertThat(second.timestamp()).isEqualTo(T0.toEpochMilli());
    PrEvent decoded = Topics.PR_EVENTS.valueSerde().deserializer().deserialize(second.topic(), second.value());
    assertThat(decoded.team()).isEqualTo("streams-2");
  }

  @Test
  void theDemosBackfillIsItsFourWeeksOfPrsEscalationsAndRollouts() {
    Instant end = Instant.parse("2026-11-30T14:00:00Z");
    List<Emission<?>> demo = ScaledHistory.demoBackfill(42, end);
    assertThat(demo).isNotEmpty().allSatisfy(e -> {
      assertThat(e.at()).isBetween(end.minus(Duration.ofDays(28)), end);
      assertThat(e.topic()).isIn(Topics.PR_EVENTS, Topics.ESCALATION_EVENTS, Topics.ROLLOUT_EVENTS);
    });
    ScaledHistory.Counts one = new ScaledHistory(demo, 1).counts();
    ScaledHistory.Counts ten = new ScaledHistory(demo, 10).counts();
    assertThat(one.teams()).isEqualTo(4);
    assertThat(one.openPrs()).isPositive();
    assertThat(one.openEscalations()).isPositive();
    assertThat(ten).isEqualTo(new ScaledHistory.Counts(40, 10 * one.prEvents(), 10 * one.escalationEvents(), one.rolloutEvents(),
        10 * one.prs(), 10 * one.escalations(), 10 * one.openPrs(), 10 * one.openEscalations()));
  }

  @Test
  void aScaleBelowOneIsRefused() {
    assertThatThrownBy(() -> new ScaledHistory(demo(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }

  private static Emission<PrEvent> pr(String id, PrEvent.Type type, int number, int minute) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    PrEvent e = new PrEvent(PrEvent.VERSION, id, type, "acme/streams", number, "streams", "maya-lin",
        type == PrEvent.Type.REVIEW_SUBMITTED ? "tom-becker" : "maya-lin", List.of("tom-becker"), List.of(),
        type == PrEvent.Type.REVIEW_SUBMITTED ? PrEvent.ReviewState.APPROVED : null, List.of(), at);
    return new Emission<>(Topics.PR_EVENTS, e.key(), e, at, type.name().toLowerCase(java.util.Locale.ROOT));
  }

  private static Emission<EscalationEvent> escalation(String id, EscalationEvent.Type type, String escalation, int minute) {
    Instant at = T0.plus(Duration.ofMinutes(minute));
    EscalationEvent e = new EscalationEvent(EscalationEvent.VERSION, id, type, escalation, "globex", EscalationEvent.Severity.P1,
        "producer", at);
    return new Emission<>(Topics.ESCALATION_EVENTS, escalation, e, at, type.name().toLowerCase(java.util.Locale.ROOT));
  }
}
