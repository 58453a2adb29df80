package dev.pmpulse.producer;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Everything the producer sends, as one stream in simulated-time order: PR events, escalation
 * events, and latency and delivery samples. The generators are merged by always advancing the one
 * whose next entry is due first (ties go to the one listed first: PRs, escalations, samples). Like
 * each generator, the merged output depends only on the settings, the seed and the instants of the
 * scenario switches, not on the steps in which {@link #advanceTo} is called.
 */
public final class Workload {
  /** One generator, seen the same way whatever it generates. */
  private interface Source {
    Instant nextDue();

    int advanceTo(Instant now, Consumer<Emission<?>> sink);
  }

  private final PrWorkload prs;
  private final EscalationWorkload escalations;
  private final ClusterSamples samples;
  private final RolloutWorkload rollouts;
  private final List<Source> sources;
  private Instant advancedTo;
  private ScenarioState scenario;

  /**
   * Every generator starts at {@code origin}.
   *
   * @param samplesPerMinute latency samples per cluster per simulated minute (see {@link
   *     ClusterSamples#samplesPerMinute(int, int, double)})
   */
  public Workload(List<TeamRoster> rosters, long seed, double rateMultiplier, int samplesPerMinute, Instant origin) {
    this(rosters, seed, rateMultiplier, samplesPerMinute, origin, origin);
  }

  /**
   * PRs, escalations and rollouts start at {@code origin}; latency and delivery samples at {@code
   * samplesFrom} (not before {@code origin}). The producer starts the samples where its backfill
   * ends: see {@link WorkloadProducer}.
   */
  public Workload(
      List<TeamRoster> rosters, long seed, double rateMultiplier, int samplesPerMinute, Instant origin, Instant samplesFrom) {
    if (samplesFrom.isBefore(origin)) {
      throw new IllegalArgumentException("samples cannot start (" + samplesFrom + ") before the workload (" + origin + ")");
    }
    this.prs = new PrWorkload(rosters, seed, rateMultiplier, origin);
    this.escalations = new EscalationWorkload(seed, origin);
    this.samples = new ClusterSamples(seed, samplesPerMinute, samplesFrom);
    this.rollouts = new RolloutWorkload(seed, origin);
    this.sources =
        List.of(
            new Source() {
              public Instant nextDue() {
                return prs.nextDue();
              }

              public int advanceTo(Instant now, Consumer<Emission<?>> sink) {
                return prs.advanceTo(now, e -> sink.accept(pr(e)));
              }
            },
            new Source() {
              public Instant nextDue() {
                return escalations.nextDue();
              }

              public int advanceTo(Instant now, Consumer<Emission<?>> sink) {
                return escalations.advanceTo(now, e -> sink.accept(escalation(e)));
              }
            },
            new Source() {
              public Instant nextDue() {
                return samples.nextDue();
              }

              public int advanceTo(Instant now, Consumer<Emission<?>> sink) {
                return samples.advanceTo(now, sink);
              }
            },
            new Source() {
              public Instant nextDue() {
                return rollouts.nextDue();
              }

              public int advanceTo(Instant now, Consumer<Emission<?>> sink) {
                return rollouts.advanceTo(now, e -> sink.accept(rollout(e)));
              }
            });
    this.advancedTo = origin;
    this.scenario = new ScenarioState(Scenario.STEADY, origin);
  }

  /**
   * Sets every generator's knobs as {@code to} has them, from the simulated instant the workload has
   * been advanced to (the last {@link #advanceTo}), so the output depends only on the seed, the
   * settings and the instants of the switches. Each knob not named by {@code to} goes back to
   * normal: one scenario is in force at a time.
   */
  public ScenarioState switchScenario(Scenario to) {
    prs.setReviewDelayFactor(to == Scenario.REVIEW_BACKLOG ? PrWorkload.BACKLOG_REVIEW_DELAY_FACTOR : 1);
    prs.breakNextMerges(to == Scenario.BREAKING_CHANGE ? PrWorkload.BREAKING_MERGES : 0);
    escalations.setStorm(to == Scenario.ESCALATION_STORM, advancedTo);
    samples.setBadDeploy(to == Scenario.BAD_DEPLOY, advancedTo);
    samples.setDuplicating(to == Scenario.DUPLICATE_DELIVERY);
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
      Source first = null;
      Instant due = null;
      for (Source source : sources) {
        Instant d = source.nextDue();
        if (due == null || d.isBefore(due)) {
          first = source;
          due = d;
        }
      }
      if (due.isAfter(now)) {
        return emitted;
      }
      emitted += first.advanceTo(due, sink);
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
    Instant due = null;
    for (Source source : sources) {
      Instant d = source.nextDue();
      if (due == null || d.isBefore(due)) {
        due = d;
      }
    }
    return due;
  }

  private static Emission<PrEvent> pr(PrEvent e) {
    return new Emission<>(Topics.PR_EVENTS, e.key(), e, e.at(), kind(e.type()));
  }

  private static Emission<EscalationEvent> escalation(EscalationEvent e) {
    return new Emission<>(Topics.ESCALATION_EVENTS, e.id(), e, e.at(), kind(e.type()));
  }

  private static Emission<RolloutEvent> rollout(RolloutEvent e) {
    return new Emission<>(Topics.ROLLOUT_EVENTS, e.key(), e, e.at(), "stage-" + e.stagePercent());
  }

  static String kind(Enum<?> type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
