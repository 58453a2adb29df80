package dev.pmpulse.producer;

import dev.pmpulse.events.RolloutEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Feature-flag rollouts in simulated time: a new flag starts every 4 to 6 hours (uniform, whole
 * minutes) on one of {@link #CLUSTERS} (uniform), and walks its stages 5, 10, 25, 50, 100% with 40
 * to 50 minutes (uniform, whole minutes) per stage, about 45 on average. A walk reaches 100% at
 * most 200 minutes after its start, so flags never overlap. Events go to {@code
 * Topics.ROLLOUT_EVENTS} keyed by {@link RolloutEvent#key()} (the flag), the simulated time as the
 * record timestamp. The walk ignores decisions: the streams app's abort is a verdict, not a control
 * loop, so an aborted flag keeps walking here.
 *
 * <p>Deterministic: the events depend only on the seed and origin, not on how {@link #advanceTo}
 * is stepped. Self-contained, like {@link PrWorkload}: the caller owns the clock and the sink.
 */
public final class RolloutWorkload {
  public static final List<String> CLUSTERS = List.of("us-east-1", "eu-west-1", "ap-south-1");
  static final int[] STAGES = {5, 10, 25, 50, 100};
  static final int MIN_GAP_MINUTES = 240;
  static final int MAX_GAP_MINUTES = 360;
  static final int MIN_STAGE_MINUTES = 40;
  static final int MAX_STAGE_MINUTES = 50;

  private final SplittableRandom random;
  private final String runId;
  private final Deque<RolloutEvent> pending = new ArrayDeque<>();
  private Instant nextFlagAt;
  private int flags;

  /** @param origin the first flag starts here */
  public RolloutWorkload(long seed, Instant origin) {
    this.random = new SplittableRandom(seed);
    this.runId = Long.toString(seed, 36) + "-" + origin.getEpochSecond();
    this.nextFlagAt = origin;
  }

  /**
   * Emits to {@code sink}, in time order, every event at or before {@code now} not emitted yet.
   *
   * @return how many events were emitted
   */
  public int advanceTo(Instant now, Consumer<RolloutEvent> sink) {
    int emitted = 0;
    while (true) {
      if (pending.isEmpty()) {
        if (nextFlagAt.isAfter(now)) {
          return emitted;
        }
        plan();
      }
      if (pending.peek().at().isAfter(now)) {
        return emitted;
      }
      sink.accept(pending.poll());
      emitted++;
    }
  }

  /** When the next event is due: the next planned stage, or the next flag's start. */
  public Instant nextDue() {
    return pending.isEmpty() ? nextFlagAt : pending.peek().at();
  }

  /** All events at or before {@code now}, for tests and tools. */
  public List<RolloutEvent> eventsUntil(Instant now) {
    List<RolloutEvent> out = new ArrayList<>();
    advanceTo(now, out::add);
    return out;
  }

  /** Plans the next flag's whole walk; the gap to the next flag counts from this flag's start. */
  private void plan() {
    int n = ++flags;
    String flag = "flag-" + n;
    String cluster = CLUSTERS.get(random.nextInt(CLUSTERS.size()));
    Instant at = nextFlagAt;
    for (int i = 0; i < STAGES.length; i++) {
      pending.add(new RolloutEvent(RolloutEvent.VERSION, runId + "-" + n + "-" + STAGES[i], flag, cluster, STAGES[i], at));
      if (i < STAGES.length - 1) {
        at = at.plus(Duration.ofMinutes(random.nextInt(MIN_STAGE_MINUTES, MAX_STAGE_MINUTES + 1)));
      }
    }
    nextFlagAt = nextFlagAt.plus(Duration.ofMinutes(random.nextInt(MIN_GAP_MINUTES, MAX_GAP_MINUTES + 1)));
  }
}
