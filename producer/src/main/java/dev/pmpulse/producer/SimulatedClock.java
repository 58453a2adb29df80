package dev.pmpulse.producer;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The producer's simulated time, driven by a wall clock.
 *
 * <p>Semantics: {@code start} is the simulated instant at which live production begins. With a
 * backfill of N days the simulation begins at {@link #origin()} = {@code start} minus N × 24 h, and
 * everything between the origin and {@code start} is due at once, so it is produced as fast as
 * Kafka takes it. {@link #goLive()} then anchors the clock to the wall clock: from that moment
 * simulated time is {@code start + wallElapsed × speed}. Without backfill the producer goes live
 * immediately. Anchoring after the backfill (rather than at construction) means live time really
 * begins at {@code start}, however long the backfill took.
 *
 * <p>Before {@link #goLive()}, {@link #now()} is {@code start}: the whole backfill is in the past.
 *
 * <p>{@link #pause()} stops simulated time where it is and {@link #resume()} goes on from there, as
 * if the pause had not happened: the demo pauses the workload to compare the KPIs before and after
 * a fault, and the workload must not then catch up on the simulated hours of the pause in a burst.
 */
public final class SimulatedClock {
  private final Clock wall;
  private final Instant start;
  private final double speed;
  private final int backfillDays;
  private volatile Instant wallAnchor;
  private volatile Instant liveFrom;
  private volatile boolean paused;
  /** Where simulated time stopped, while paused once live; null otherwise. */
  private volatile Instant pausedAt;

  public SimulatedClock(Clock wall, Instant start, double speed, int backfillDays) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a positive number, got " + speed);
    }
    if (backfillDays < 0) {
      throw new IllegalArgumentException("backfill days must be >= 0, got " + backfillDays);
    }
    this.wall = wall;
    this.start = start;
    this.speed = speed;
    this.backfillDays = backfillDays;
  }

  /**
   * The default start: the most recent Monday 00:00 UTC at or before {@code wallNow}. The demo then
   * opens at the beginning of a work week, and the earliest team (India, 04:30 UTC) starts work a
   * few simulated hours in, so every team shows review latency within the first simulated day and
   * a half.
   */
  public static Instant startOfWeek(Instant wallNow) {
    return wallNow
        .atOffset(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.DAYS)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .toInstant();
  }

  /** The first simulated instant: {@code start} minus the backfill. */
  public Instant origin() {
    return start.minus(Duration.ofDays(backfillDays));
  }

  public Instant start() {
    return start;
  }

  public double speed() {
    return speed;
  }

  public int backfillDays() {
    return backfillDays;
  }

  public boolean isLive() {
    return wallAnchor != null;
  }

  /** Starts live time at {@code start}; later calls change nothing. */
  public void goLive() {
    goLiveAt(start);
  }

  /**
   * Starts live time at {@code from}, {@code start} or later: a restarted producer goes on from
   * where its previous run stopped, not from where the wall clock would have taken it meanwhile.
   * Later calls change nothing.
   */
  public synchronized void goLiveAt(Instant from) {
    if (from.isBefore(start)) {
      throw new IllegalArgumentException("live time begins at " + start + " or later, not " + from);
    }
    if (wallAnchor == null) {
      liveFrom = from;
      wallAnchor = wall.instant();
      if (paused) {
        pausedAt = from;
      }
    }
  }

  /** Stops simulated time (live or not yet) until {@link #resume()}; a second call changes nothing. */
  public synchronized void pause() {
    if (!paused) {
      pausedAt = wallAnchor == null ? null : now();
      paused = true;
    }
  }

  /** Goes on from where {@link #pause()} stopped simulated time. */
  public synchronized void resume() {
    if (paused) {
      if (pausedAt != null) {
        liveFrom = pausedAt;
        wallAnchor = wall.instant();
      }
      paused = false;
      pausedAt = null;
    }
  }

  public boolean isPaused() {
    return paused;
  }

  public Instant now() {
    Instant stopped = pausedAt;
    if (stopped != null) {
      return stopped;
    }
    Instant anchor = wallAnchor;
    if (anchor == null) {
      return start;
    }
    Duration wallElapsed = Duration.between(anchor, wall.instant());
    if (wallElapsed.isNegative()) {
      return liveFrom; // the wall clock stepped back: never run simulated time backwards past where it went live
    }
    return liveFrom.plus(scaled(wallElapsed, speed));
  }

  /** How long the wall clock takes to cover {@code simulated} at this speed. */
  public Duration wallTimeFor(Duration simulated) {
    return scaled(simulated, 1 / speed);
  }

  private static Duration scaled(Duration d, double factor) {
    // Seconds and nanos separately: d.toNanos() × speed overflows a long after weeks of wall time.
    double seconds = (d.getSeconds() + d.getNano() / 1e9) * factor;
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return Duration.ofSeconds(whole, nanos);
  }
}
