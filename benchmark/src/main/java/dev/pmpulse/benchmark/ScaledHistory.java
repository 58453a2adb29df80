package dev.pmpulse.benchmark;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Team;
import dev.pmpulse.events.TeamDirectory;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.Emission;
import dev.pmpulse.producer.ProducerSettings;
import dev.pmpulse.producer.TeamRoster;
import dev.pmpulse.producer.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The history the state-scale phase builds its state from: the demo's backfill (what {@code
 * ./run-demo}'s producer writes before its live start: the PRs, escalations and rollouts of {@value
 * #DEMO_BACKFILL_DAYS} simulated days, four teams, seed 42) {@code scale} times over. Copy 1 is the
 * demo's; copy k (k ≥ 2) is the same events for teams of its own ({@code streams-k}, ...), so at
 * scale S there are exactly S times the demo's teams, PRs, escalations, open PRs and open
 * escalations, and S times its history on the same days.
 *
 * <p>Every key of copy k carries {@code -k} (repository {@code acme/streams-k}, escalation {@code
 * ESC-1001-k}, event ids), copy 1's too, so no key of the history is one of the measured input's
 * ({@link BenchmarkInput}: {@code acme/streams#1}, {@code ESC-1}, ...). Rollouts (keyed by feature
 * flag, a handful) are copy 1's only. The copies are interleaved event by event, so the whole
 * history is in event-time order, as the producer writes it.
 */
final class ScaledHistory {
  static final int DEMO_BACKFILL_DAYS = ProducerSettings.DEFAULT_BACKFILL_DAYS;

  /** What the history holds: the teams its PRs belong to, its events, and the PRs and escalations still open at its end. */
  record Counts(int teams, long prEvents, long escalationEvents, long rolloutEvents, long prs, long escalations,
      long openPrs, long openEscalations) {
    long events() {
      return prEvents + escalationEvents + rolloutEvents;
    }
  }

  private final List<Emission<?>> demo;
  private final int scale;

  /**
   * @param demo the demo's history in event-time order ({@link #demoBackfill})
   * @param scale how many copies
   */
  ScaledHistory(List<Emission<?>> demo, int scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, not " + scale);
    }
    this.demo = List.copyOf(demo);
    this.scale = scale;
  }

  /**
   * The demo producer's backfill as it writes it: the {@link Workload} of the shipped teams, seed
   * {@code seed}, the default rate, over the {@value #DEMO_BACKFILL_DAYS} days before {@code end};
   * PRs, escalations and rollouts only (the producer starts latency and delivery samples at its
   * live start).
   */
  static List<Emission<?>> demoBackfill(long seed, Instant end) {
    Instant start = end.minus(Duration.ofDays(DEMO_BACKFILL_DAYS));
    Workload workload = new Workload(TeamRoster.defaults(), seed, 1.0, 1, start, end);
    Set<String> history = Set.of(Topics.PR_EVENTS.name(), Topics.ESCALATION_EVENTS.name(), Topics.ROLLOUT_EVENTS.name());
    return workload.emissionsUntil(end).stream().filter(e -> history.contains(e.topic().name())).toList();
  }

  /** The demo's teams, and copy k's for k = 2 .. scale: the teams topic of this scale. */
  TeamDirectory teams(TeamDirectory demoTeams) {
    List<Team> teams = new ArrayList<>(demoTeams.teams());
    for (int k = 2; k <= scale; k++) {
      String copy = "-" + k;
      for (Team t : demoTeams.teams()) {
        teams.add(new Team(t.name() + copy, t.zone(), t.workStart(), t.workEnd(), t.workDays(), t.publicHolidays(),
            t.daysOff(), t.repositories().stream().map(r -> r + copy).toList(), t.members(), t.ignoredLogins(),
            t.reviewTargetHours()));
      }
    }
    return new TeamDirectory(teams, demoTeams.escalationTargetHours());
  }

  /** The history, in event-time order: each of the demo's events, then its copies 2 .. scale. */
  Stream<Emission<?>> emissions() {
    return demo.stream().flatMap(e -> IntStream.rangeClosed(1, e.value() instanceof PrEvent || e.value() instanceof EscalationEvent ? scale : 1)
        .mapToObj(k -> copy(e, k)));
  }

  /** The history as the benchmark's producer sends it, serialized one event at a time. */
  Iterable<BenchEvent> events() {
    return () -> emissions().map(ScaledHistory::benchEvent).iterator();
  }

  Counts counts() {
    long[] byTopic = new long[3];
    Set<String> teams = new HashSet<>();
    Set<String> prs = new HashSet<>();
    Set<String> openPrs = new HashSet<>();
    Set<String> escalations = new HashSet<>();
    Set<String> openEscalations = new HashSet<>();
    emissions().forEach(e -> {
      if (e.value() instanceof PrEvent pr) {
        byTopic[0]++;
        teams.add(pr.team());
        prs.add(pr.key());
        if (pr.type() == PrEvent.Type.MERGED || pr.type() == PrEvent.Type.CLOSED) {
          openPrs.remove(pr.key());
        } else if (pr.type() == PrEvent.Type.OPENED) {
          openPrs.add(pr.key());
        }
      } else if (e.value() instanceof EscalationEvent esc) {
        byTopic[1]++;
        escalations.add(esc.id());
        if (esc.type() == EscalationEvent.Type.RESOLVED) {
          openEscalations.remove(esc.id());
        } else {
          openEscalations.add(esc.id());
        }
      } else {
        byTopic[2]++;
      }
    });
    return new Counts(teams.size(), byTopic[0], byTopic[1], byTopic[2], prs.size(), escalations.size(), openPrs.size(),
        openEscalations.size());
  }

  /** Copy k of one of the demo's events. */
  static Emission<?> copy(Emission<?> e, int k) {
    if (e.value() instanceof PrEvent p) {
      PrEvent c = new PrEvent(p.v(), p.eventId() + "-" + k, p.type(), p.repo() + "-" + k, p.number(), teamName(p.team(), k),
          p.author(), p.actor(), p.reviewers(), p.labels(), p.reviewState(), p.apiChanges(), p.at());
      return new Emission<>(Topics.PR_EVENTS, c.key(), c, e.at(), e.kind());
    }
    if (e.value() instanceof EscalationEvent x) {
      EscalationEvent c = new EscalationEvent(x.v(), x.eventId() + "-" + k, x.type(), x.id() + "-" + k, x.customer(), x.severity(),
          x.productArea(), x.at());
      return new Emission<>(Topics.ESCALATION_EVENTS, c.id(), c, e.at(), e.kind());
    }
    return e;
  }

  /** Copy 1 keeps the demo's team names, so 1x is the demo's teams file. */
  static String teamName(String demoTeam, int k) {
    return k == 1 ? demoTeam : demoTeam + "-" + k;
  }

  private static <V> BenchEvent benchEvent(Emission<V> e) {
    return BenchmarkInput.event(e.topic(), e.key(), e.value(), e.at().toEpochMilli(), null);
  }
}
