package dev.pmpulse.benchmark.jmh;

import dev.pmpulse.events.BusinessCalendar;
import dev.pmpulse.events.TeamDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link BusinessCalendar#businessTimeBetween}, as the review tracker calls it: a review request
 * and a review a few hours to a few days apart, in a team with DST (Berlin, with holidays).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BusinessCalendarBench {
  @Param({"8", "72"})
  public int spanHours;

  private static final int N = 1024;
  private final Instant[] from = new Instant[N];
  private final Instant[] to = new Instant[N];
  private BusinessCalendar calendar;
  private int i;

  @Setup
  public void setUp() {
    calendar = new BusinessCalendar(TeamDirectory.defaults().teamOrFallback("connect"));
    SplittableRandom random = new SplittableRandom(7);
    Instant base = Instant.parse("2026-03-23T00:00:00Z");
    for (int k = 0; k < N; k++) {
      from[k] = base.plusSeconds(random.nextLong(14 * 24 * 3600));
      to[k] = from[k].plus(Duration.ofMinutes(random.nextLong(spanHours * 60L)));
    }
  }

  @Benchmark
  public Duration businessTimeBetween() {
    int k = i++ & (N - 1);
    return calendar.businessTimeBetween(from[k], to[k]);
  }
}
