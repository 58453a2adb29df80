package dev.pmpulse.producer;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Everything the producer sends, as one stream in simulated-time order: the generators are merged by
 * always advancing the one whose next entry is due first (ties go to the one listed first: PRs,
 * then escalations). Like each generator, the merged output depends only on the settings and seed,
 * not on the steps in which {@link #advanceTo} is called.
 */
public final class Workload {
  private final PrWorkload prs;
  private final EscalationWorkload escalations;
  private Instant advancedTo;
  private ScenarioState scenario;

  public Workload(List<TeamRoster> rosters, long seed, double rateMultiplier, Instant origin) {
    this.prs = new PrWorkload(rosters, seed, rateMultiplier, origin);
    this.escalations = new EscalationWorkload(seed, origin);
    this.advancedTo = origin;
    this.scenario = new ScenarioState(Scenario.STEADY, origin);
  }

  /**
   * Switches every generator to {@code to} from the simulated instant the workload has been
   * advanced to (the last {@link #advanceTo}), so the output depends only on the seed, the settings
   * and the instants of the switches.
   */
  public ScenarioState switchScenario(Scenario to) {
    prs.switchScenario(to);
    escalations.switchScenario(to, advancedTo);
    scenario = new ScenarioState(to, advancedTo);
    return scenario;
  }

  public ScenarioState scenario() {
    return scenario;
  }

  /**
   * Emits to {@code sink}, in time order, every record at or before {@code now} not emitted yet.
   *
   * @return how many records were emitted
   */
  public int advanceTo(Instant now, Consumer<Emission<?>> sink) {
    if (now.isAfter(advancedTo)) {
      advancedTo = now;
    }
    int emitted = 0;
    while (true) {
      Instant prDue = prs.nextDue();
      Instant escalationDue = escalations.nextDue();
      if (!prDue.isAfter(escalationDue) && !prDue.isAfter(now)) {
        emitted += prs.advanceTo(prDue, e -> sink.accept(pr(e)));
      } else if (!escalationDue.isAfter(now)) {
        emitted += escalations.advanceTo(escalationDue, e -> sink.accept(escalation(e)));
      } else {
        return emitted;
      }
    }
  }

  /** All records at or before {@code now}, for tests and tools. */
  public List<Emission<?>> emissionsUntil(Instant now) {
    List<Emission<?>> out = new ArrayList<>();
    advanceTo(now, out::add);
    return out;
  }

  /** When the next entry of any generator is due. */
  public Instant nextDue() {
    Instant a = prs.nextDue();
    Instant b = escalations.nextDue();
    return a.isBefore(b) ? a : b;
  }

  private static Emission<PrEvent> pr(PrEvent e) {
    return new Emission<>(Topics.PR_EVENTS, e.key(), e, e.at(), kind(e.type()));
  }

  private static Emission<EscalationEvent> escalation(EscalationEvent e) {
    return new Emission<>(Topics.ESCALATION_EVENTS, e.id(), e, e.at(), kind(e.type()));
  }

  static String kind(Enum<?> type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
