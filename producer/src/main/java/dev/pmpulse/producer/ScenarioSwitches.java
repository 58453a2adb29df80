package dev.pmpulse.producer;

import dev.pmpulse.events.ProducerCheckpoint.ScenarioSwitch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenario switches of a run. Any thread may ask for one ({@code POST /scenarios/{name}}, the
 * demo's console); it waits in a queue until the pump applies it to the workload at the simulated
 * instant the pump has produced up to. The switches applied so far, in order and with their
 * instants, go into every checkpoint: with the run's settings they decide every event, so a rewind
 * replays them.
 */
final class ScenarioSwitches {
  private static final Logger log = LoggerFactory.getLogger(ScenarioSwitches.class);

  private record Pending(Scenario to, CompletableFuture<ScenarioState> applied) {}

  private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final ProducerMetrics metrics;
  /** The pump thread's own. */
  private final List<ScenarioSwitch> applied = new ArrayList<>();
  private volatile ScenarioState active;

  /** A run starts steady at its simulated origin; {@code metrics} count the switches asked for. */
  ScenarioSwitches(Instant origin, ProducerMetrics metrics) {
    this.active = new ScenarioState(Scenario.STEADY, origin);
    this.metrics = metrics;
  }

  /** The scenario the workload runs, and the simulated instant since when. */
  ScenarioState active() {
    return active;
  }

  /**
   * Asks the pump to switch to {@code to}, and waits up to {@code wait} for it to.
   *
   * @return the scenario as applied, or empty if the pump has not applied it in time (it still
   *     will, unless the producer stops)
   */
  Optional<ScenarioState> request(Scenario to, Duration wait) throws InterruptedException {
    Pending switchTo = new Pending(to, new CompletableFuture<>());
    pending.add(switchTo);
    try {
      return Optional.of(switchTo.applied().get(wait.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * On the pump thread: applies the switches asked for since the last call, in order, at the
   * simulated instant {@code workload} has been advanced to.
   *
   * @return whether there were any
   */
  boolean applyRequested(Workload workload) {
    boolean any = false;
    Pending next;
    while ((next = pending.poll()) != null) {
      ScenarioState state = apply(workload, next.to());
      metrics.switched(next.to()); // before the answer, so whoever asked sees it counted
      log.info("Scenario switched to {} at simulated {}", state.scenario(), state.since());
      next.applied().complete(state);
      any = true;
    }
    return any;
  }

  /** On the pump thread: the run's scenario from its start ({@code --scenario}), after a steady backfill. */
  void applyAtStart(Workload workload, Scenario scenario) {
    ScenarioState state = apply(workload, scenario);
    log.info("Scenario {} from {}", state.scenario(), state.since());
  }

  /** Whether no switch has been applied in this run, counting those of a checkpoint it resumed. */
  boolean noneApplied() {
    return applied.isEmpty();
  }

  /** The switches applied so far, in order: what a checkpoint holds. */
  List<ScenarioSwitch> history() {
    return List.copyOf(applied);
  }

  /**
   * Regenerates {@code fresh} up to {@code upTo} without sending anything, with {@code switches}
   * applied at their instants.
   *
   * @return how many events that is
   */
  static long replay(Workload fresh, List<ScenarioSwitch> switches, Instant upTo) {
    long events = 0;
    for (ScenarioSwitch sw : switches) {
      events += fresh.advanceTo(sw.at(), e -> {});
      Scenario to = Scenario.byLabel(sw.scenario())
          .orElseThrow(() -> new IllegalStateException("checkpoint names an unknown scenario: " + sw.scenario()));
      fresh.switchScenario(to);
    }
    return events + fresh.advanceTo(upTo, e -> {});
  }

  /** On the pump thread, after a rewind: {@code switches} are the run's so far, and {@code workload} runs on. */
  void restore(List<ScenarioSwitch> switches, Workload workload) {
    applied.clear();
    applied.addAll(switches);
    active = workload.scenario();
  }

  private ScenarioState apply(Workload workload, Scenario to) {
    ScenarioState state = workload.switchScenario(to);
    active = state;
    applied.add(new ScenarioSwitch(state.scenario().label(), state.since()));
    return state;
  }
}
