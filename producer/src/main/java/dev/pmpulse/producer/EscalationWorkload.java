package dev.pmpulse.producer;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationEvent.Severity;
import dev.pmpulse.events.EscalationEvent.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Customer escalations as a discrete-event simulation, in the style of {@link PrWorkload}: arrivals
 * come as a Poisson stream around the clock (customers do not keep business hours), and each
 * escalation's whole life is planned when it opens and queued by simulated time.
 *
 * <p>Steady state: {@value #ESCALATIONS_PER_DAY} escalations a simulated day, P0 5%, P1 20%, P2 40%,
 * P3 35%. Resolution takes a log-normal number of calendar hours (σ = {@value #RESOLUTION_SIGMA})
 * with median 10 h for P0, 30 h for P1, 40 h for P2 and 60 h for P3, so a few take a week. One in
 * twenty is reopened (median 12 h after its resolution) and resolved again. Severity never changes
 * during an escalation's life.
 *
 * <p>In a storm ({@link #setStorm}, set by the escalation-storm scenario) escalations arrive {@value #STORM_RATE_FACTOR} times as
 * often, in a mix of P0 60%, P1 25%, P2 10%, P3 5%, and those opened during the storm take {@value
 * #STORM_RESOLUTION_FACTOR} times as long to resolve. The arrival rate changes at the moment of the
 * switch (the wait for the next arrival is drawn afresh: arrivals are memoryless).
 *
 * <p>Like {@link PrWorkload}, the output depends only on the seed, the origin and the instants at
 * which storms start and end, not on the steps in which {@link #advanceTo} is called.
 */
public final class EscalationWorkload {
  static final double ESCALATIONS_PER_DAY = 4;
  static final double RESOLUTION_SIGMA = 0.8;
  static final double REOPEN_PROBABILITY = 0.05;
  static final Map<Severity, Double> STEADY_MIX = mix(0.05, 0.20, 0.40, 0.35);
  static final Map<Severity, Double> MEDIAN_RESOLUTION_HOURS = mix(10, 30, 40, 60);
  static final double STORM_RATE_FACTOR = 3;
  static final Map<Severity, Double> STORM_MIX = mix(0.60, 0.25, 0.10, 0.05);
  static final double STORM_RESOLUTION_FACTOR = 2.5;
  static final List<String> CUSTOMERS =
      List.of("northwind-bank", "globex", "initech", "umbrella-health", "stark-logistics", "wayne-retail",
          "acme-telecom", "hooli-cloud", "tyrell-energy", "soylent-foods", "wonka-media", "cyberdyne-auto");
  static final List<String> PRODUCT_AREAS =
      List.of("producer", "consumer", "kafka-streams", "connect", "schema-registry", "brokers");

  private static final Duration MIN_STEP = Duration.ofMinutes(15);

  private record Entry(Instant at, long seq, EscalationEvent event) {}

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
  private final SplittableRandom arrivals;
  private final String runId;
  private Instant nextArrival;
  private int lastNumber = 1000;
  private long seq;
  private boolean storm;

  public EscalationWorkload(long seed, Instant origin) {
    // A stream of its own, so adding escalations leaves the PR workload of a seed as it was.
    this.arrivals = new SplittableRandom(seed ^ 0x65736361L);
    this.runId = "escalations/" + seed + "/" + origin;
    this.nextArrival = nextArrivalAfter(origin);
  }

  /**
   * Emits to {@code sink}, in time order, every event at or before {@code now} not emitted yet.
   *
   * @return how many events were emitted
   */
  public int advanceTo(Instant now, Consumer<EscalationEvent> sink) {
    int emitted = 0;
    while (true) {
      Entry next = queue.peek();
      if (next != null && !next.at().isAfter(now) && !next.at().isAfter(nextArrival)) {
        queue.poll();
        sink.accept(next.event());
        emitted++;
      } else if (!nextArrival.isAfter(now)) {
        Instant at = nextArrival;
        open(at);
        nextArrival = nextArrivalAfter(at);
      } else {
        return emitted;
      }
    }
  }

  /** All events at or before {@code now}, for tests and tools. */
  public List<EscalationEvent> eventsUntil(Instant now) {
    List<EscalationEvent> events = new ArrayList<>();
    advanceTo(now, events::add);
    return events;
  }

  /** Starts ({@code true}) or ends a storm at {@code at}, the instant the workload has been advanced to. */
  public void setStorm(boolean storm, Instant at) {
    if (storm != this.storm) {
      this.storm = storm;
      nextArrival = nextArrivalAfter(at);
    }
  }

  /** When the next event or arrival is due. */
  public Instant nextDue() {
    Entry next = queue.peek();
    return next != null && next.at().isBefore(nextArrival) ? next.at() : nextArrival;
  }

  private Instant nextArrivalAfter(Instant after) {
    double perDay = ESCALATIONS_PER_DAY * (storm ? STORM_RATE_FACTOR : 1);
    double gapHours = -Math.log(1 - arrivals.nextDouble()) * 24 / perDay;
    return after.plus(hours(gapHours)).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
  }

  private void open(Instant at) {
    SplittableRandom rng = arrivals.split();
    String id = "ESC-" + (++lastNumber);
    Severity severity = pick(storm ? STORM_MIX : STEADY_MIX, rng.nextDouble());
    String customer = CUSTOMERS.get(rng.nextInt(CUSTOMERS.size()));
    String area = PRODUCT_AREAS.get(rng.nextInt(PRODUCT_AREAS.size()));
    double median = MEDIAN_RESOLUTION_HOURS.get(severity) * (storm ? STORM_RESOLUTION_FACTOR : 1);

    List<Instant> times = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    times.add(at);
    types.add(Type.OPENED);
    Instant resolved = at.plus(atLeastMinStep(logNormalHours(rng, median)));
    times.add(resolved);
    types.add(Type.RESOLVED);
    if (rng.nextDouble() < REOPEN_PROBABILITY) {
      // The fix did not hold: the customer comes back, and the second round is usually shorter.
      Instant reopened = resolved.plus(atLeastMinStep(logNormalHours(rng, 12)));
      times.add(reopened);
      types.add(Type.REOPENED);
      times.add(reopened.plus(atLeastMinStep(logNormalHours(rng, median / 2))));
      types.add(Type.RESOLVED);
    }
    for (int i = 0; i < times.size(); i++) {
      EscalationEvent event =
          new EscalationEvent(EscalationEvent.VERSION, eventId(id, i), types.get(i), id, customer, severity, area,
              times.get(i));
      queue.add(new Entry(event.at(), seq++, event));
    }
  }

  private String eventId(String id, int index) {
    String name = runId + "/" + id + "/" + index;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static double logNormalHours(SplittableRandom rng, double median) {
    return median * Math.exp(RESOLUTION_SIGMA * rng.nextGaussian());
  }

  private static Duration atLeastMinStep(double hours) {
    Duration d = hours(hours).truncatedTo(ChronoUnit.SECONDS);
    return d.compareTo(MIN_STEP) < 0 ? MIN_STEP : d;
  }

  static Severity pick(Map<Severity, Double> mix, double u) {
    double cumulative = 0;
    for (Map.Entry<Severity, Double> e : mix.entrySet()) {
      cumulative += e.getValue();
      if (u < cumulative) {
        return e.getKey();
      }
    }
    return Severity.P3;
  }

  private static Map<Severity, Double> mix(double p0, double p1, double p2, double p3) {
    Map<Severity, Double> m = new EnumMap<>(Severity.class);
    m.put(Severity.P0, p0);
    m.put(Severity.P1, p1);
    m.put(Severity.P2, p2);
    m.put(Severity.P3, p3);
    return m;
  }

  private static Duration hours(double hours) {
    return Duration.ofMillis(Math.round(hours * 3_600_000));
  }
}
