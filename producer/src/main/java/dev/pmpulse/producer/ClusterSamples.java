package dev.pmpulse.producer;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Publish-latency and delivery samples of a few Kafka clusters, as a discrete-event simulation in
 * the style of {@link PrWorkload}. Every simulated minute, for every cluster:
 *
 * <ul>
 *   <li>{@code samplesPerMinute} latency samples, spread evenly over the minute (each at a random
 *       moment of its own slice), log-normal around the cluster's baseline: median and p99 as in
 *       {@link #CLUSTERS} (for {@code us-east-1}, median 12 ms and p99 40 ms);
 *   <li>one delivery sample for the minute, at its end: {@code produced} about the cluster's
 *       throughput (±5%), {@code delivered} = produced except that one minute in fifty loses 1 to 5
 *       messages, {@code duplicates} 0.
 * </ul>
 *
 * <p>Two knobs, which the scenarios set, on {@value #INCIDENT_CLUSTER} only: a bad deploy ({@link
 * #setBadDeploy}) multiplies its latencies by {@value #BAND_FACTOR} for {@value #BAND_MINUTES}
 * simulated minutes after it began (past the streams app's 10% tolerance band, short of its +50%
 * incident threshold), then by {@value #INCIDENT_FACTOR} (past the incident threshold, and the 50 ms
 * SLO); duplicating ({@link #setDuplicating}) makes about {@value #DUPLICATE_RATIO} of its produced
 * messages arrive twice (duplicates = produced × 0.001 ± 20%), ten times the 99.99% guarantee's
 * error budget. A latency takes the knobs in force at its own instant; a delivery sample those in
 * force at its interval's end.
 *
 * <p>The random draws do not depend on the knobs, so a run that turns them differs from one that
 * does not only in what they change.
 */
public final class ClusterSamples {
  /** A cluster and its normal publish latency. */
  public record Cluster(String name, String region, double medianMs, double p99Ms, long producedPerMinute) {
    /** σ of the log-normal with this median and p99: p99 = median × e^(2.326 σ). */
    double sigma() {
      return Math.log(p99Ms / medianMs) / Z99;
    }
  }

  public static final List<Cluster> CLUSTERS =
      List.of(
          new Cluster("us-east-1", "us-east", 12, 40, 120_000),
          new Cluster("eu-west-1", "eu-west", 10, 34, 100_000),
          new Cluster("ap-south-1", "ap-south", 14, 44, 80_000));
  public static final String INCIDENT_CLUSTER = "us-east-1";
  public static final String OPERATION = "produce";
  public static final int DEFAULT_SAMPLES_PER_MINUTE = 2000;
  public static final int DEFAULT_MAX_SAMPLES_PER_SECOND = 3000;
  static final double BAND_FACTOR = 1.25;
  static final int BAND_MINUTES = 30;
  static final double INCIDENT_FACTOR = 1.8;
  static final double DUPLICATE_RATIO = 0.001;
  static final double LOSS_MINUTE_PROBABILITY = 0.02;

  private static final double Z99 = 2.3263478740408408;
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** A latency sample planned at the start of its minute; its value is fixed at emission time. */
  private record Entry(Instant at, long seq, int cluster, double z, boolean delivery) {}

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
  private final int samplesPerMinute;
  private final List<SplittableRandom> latencyRandom = new ArrayList<>();
  private final List<SplittableRandom> deliveryRandom = new ArrayList<>();
  private Instant nextMinute;
  private long seq;
  /** When the bad deploy in force began; null when there is none. */
  private Instant badDeploySince;
  private boolean duplicating;

  /**
   * @param samplesPerMinute latency samples per cluster per simulated minute, at least 1
   * @param origin the first minute starts here, or at the next whole minute
   */
  public ClusterSamples(long seed, int samplesPerMinute, Instant origin) {
    if (samplesPerMinute < 1) {
      throw new IllegalArgumentException("samples per minute must be at least 1, got " + samplesPerMinute);
    }
    this.samplesPerMinute = samplesPerMinute;
    SplittableRandom root = new SplittableRandom(seed ^ 0x736c6f73L);
    for (int i = 0; i < CLUSTERS.size(); i++) {
      latencyRandom.add(root.split());
      deliveryRandom.add(root.split());
    }
    Instant floor = origin.truncatedTo(ChronoUnit.MINUTES);
    this.nextMinute = floor.equals(origin) ? origin : floor.plus(MINUTE);
  }

  /**
   * Latency samples per cluster per simulated minute such that the producer sends at most {@code
   * maxPerWallSecond} samples a wall second in all at {@code speed}: {@code requested}, or fewer
   * when speed is high, but at least one. At the default speed (3600) and cap (3000) with three
   * clusters that is 16; at speed 60 it is 1000; at speed 1 the full 2000. Fixed for the run, so the
   * output stays a function of the settings (the backfill uses the same rate).
   */
  public static int samplesPerMinute(int requested, int maxPerWallSecond, double speed) {
    double wallSecondsPerMinute = 60 / speed;
    double allowed = Math.floor(maxPerWallSecond * wallSecondsPerMinute / CLUSTERS.size());
    return (int) Math.max(1, Math.min(requested, allowed));
  }

  public int samplesPerMinute() {
    return samplesPerMinute;
  }

  /**
   * A bad deploy on the incident cluster begins ({@code true}) or is over ({@code false}) at {@code
   * at}, the instant the workload has been advanced to.
   */
  public void setBadDeploy(boolean bad, Instant at) {
    badDeploySince = bad ? at : null;
  }

  /** Whether the incident cluster duplicates messages, from the instant the workload has been advanced to. */
  public void setDuplicating(boolean duplicating) {
    this.duplicating = duplicating;
  }

  /**
   * Emits to {@code sink}, in time order, every sample at or before {@code now} not emitted yet.
   *
   * @return how many samples were emitted
   */
  public int advanceTo(Instant now, Consumer<Emission<?>> sink) {
    int emitted = 0;
    while (true) {
      Entry next = queue.peek();
      if (next != null && !next.at().isAfter(now) && next.at().isBefore(nextMinute)) {
        queue.poll();
        sink.accept(next.delivery() ? delivery(next) : latency(next));
        emitted++;
      } else if (!nextMinute.isAfter(now) && (next == null || !next.at().isBefore(nextMinute))) {
        planMinute(nextMinute);
        nextMinute = nextMinute.plus(MINUTE);
      } else {
        return emitted;
      }
    }
  }

  /** All samples at or before {@code now}, for tests and tools. */
  public List<Emission<?>> emissionsUntil(Instant now) {
    List<Emission<?>> out = new ArrayList<>();
    advanceTo(now, out::add);
    return out;
  }

  public Instant nextDue() {
    Entry next = queue.peek();
    return next != null && next.at().isBefore(nextMinute) ? next.at() : nextMinute;
  }

  private void planMinute(Instant start) {
    long sliceMicros = MINUTE.toNanos() / 1000 / samplesPerMinute;
    for (int c = 0; c < CLUSTERS.size(); c++) {
      SplittableRandom rng = latencyRandom.get(c);
      for (int i = 0; i < samplesPerMinute; i++) {
        Instant at = start.plus(i * sliceMicros + rng.nextLong(sliceMicros), ChronoUnit.MICROS)
            .truncatedTo(ChronoUnit.MILLIS);
        queue.add(new Entry(at, seq++, c, rng.nextGaussian(), false));
      }
      queue.add(new Entry(start.plus(MINUTE), seq++, c, 0, true));
    }
  }

  private Emission<LatencySample> latency(Entry e) {
    Cluster cluster = CLUSTERS.get(e.cluster());
    double ms = cluster.medianMs() * Math.exp(cluster.sigma() * e.z()) * latencyFactor(cluster, e.at());
    ms = Math.round(Math.min(ms, 3_600_000) * 1000) / 1000.0;
    LatencySample sample = new LatencySample(LatencySample.VERSION, cluster.name(), cluster.region(), OPERATION, ms, e.at());
    return new Emission<>(Topics.LATENCY_SAMPLES, cluster.name(), sample, e.at(), "latency_sample");
  }

  private double latencyFactor(Cluster cluster, Instant at) {
    if (badDeploySince == null || !cluster.name().equals(INCIDENT_CLUSTER) || at.isBefore(badDeploySince)) {
      return 1;
    }
    return at.isBefore(badDeploySince.plus(Duration.ofMinutes(BAND_MINUTES))) ? BAND_FACTOR : INCIDENT_FACTOR;
  }

  private Emission<DeliverySample> delivery(Entry e) {
    Cluster cluster = CLUSTERS.get(e.cluster());
    SplittableRandom rng = deliveryRandom.get(e.cluster());
    // Always the same four draws, whatever the knobs.
    double throughput = rng.nextGaussian();
    boolean lossy = rng.nextDouble() < LOSS_MINUTE_PROBABILITY;
    long lost = 1 + rng.nextInt(5);
    double duplicateNoise = 0.8 + 0.4 * rng.nextDouble();

    long produced = Math.max(0, Math.round(cluster.producedPerMinute() * (1 + 0.05 * throughput)));
    long delivered = lossy ? Math.max(0, produced - lost) : produced;
    long duplicates =
        duplicating && cluster.name().equals(INCIDENT_CLUSTER)
            ? Math.max(1, Math.round(produced * DUPLICATE_RATIO * duplicateNoise))
            : 0;
    Instant end = e.at();
    DeliverySample sample =
        new DeliverySample(DeliverySample.VERSION, cluster.name(), end.minus(MINUTE), end, produced, delivered, duplicates);
    return new Emission<>(Topics.DELIVERY_SAMPLES, cluster.name(), sample, end, "delivery_sample");
  }
}
