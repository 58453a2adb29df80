package dev.pmpulse.benchmark;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topic;
import dev.pmpulse.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The benchmark's input, generated from a seed, in event-time order. Simulated time advances with
 * the latency samples: {@value #CLUSTERS} clusters, each reporting {@link #samplesPerClusterMinute}
 * samples per simulated minute, which makes the stream's clock. On it:
 *
 * <ul>
 *   <li>one delivery sample per cluster per simulated minute (at the minute boundary);
 *   <li>PR lifecycles (opened with a reviewer, sometimes a bot comment, one review that approves or
 *       requests changes, then merged or closed, some merges with API changes) and escalations
 *       (opened, resolved minutes to hours later). Their natural rate is a few dozen a day, which at
 *       this sample rate would be a handful of events per run; they are time-compressed to about
 *       {@value #PR_EVENT_SHARE} and {@value #ESCALATION_EVENT_SHARE} of all events, so their code
 *       paths run and show in the profile while latency samples stay ~98% of the input.
 * </ul>
 *
 * <p>The same seed and origin give the same events, byte for byte.
 */
final class BenchmarkInput {
  static final int CLUSTERS = 6;
  static final double PR_EVENT_SHARE = 0.01;
  static final double ESCALATION_EVENT_SHARE = 0.002;
  private static final double EVENTS_PER_PR = 3.4; // opened, 40% bot comment, review, merged/closed
  private static final long MINUTE_MS = 60_000;

  private record Pending(long at, long seq, BenchEvent event) {}

  private final SplittableRandom random;
  private final long msPerSample;
  private final double prStartPerSample;
  private final double escalationStartPerSample;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(Comparator.comparingLong(Pending::at).thenComparingLong(Pending::seq));
  private final List<String> clusters = new ArrayList<>();
  private long now;
  private long lastBoundary;
  private long seq;
  private long eventIds;
  private int prNumber;
  private int escalationNumber;
  private List<String> teams = List.of("streams", "clients", "connect", "platform");
  private int nextTeam;
  private long reviewDelayMinMs = 2 * MINUTE_MS;
  private long reviewDelayMaxMs = 30 * MINUTE_MS;

  /**
   * @param samplesPerClusterMinute latency samples per cluster per simulated minute; 60000 must be a
   *     multiple of {@code CLUSTERS * samplesPerClusterMinute} in ms steps, so at most 10000
   */
  BenchmarkInput(long seed, Instant origin, int samplesPerClusterMinute) {
    this.random = new SplittableRandom(seed);
    this.now = origin.toEpochMilli() - Math.floorMod(origin.toEpochMilli(), MINUTE_MS);
    this.lastBoundary = now;
    this.msPerSample = Math.max(1, MINUTE_MS / ((long) CLUSTERS * samplesPerClusterMinute));
    double latencyShare = 1 - PR_EVENT_SHARE - ESCALATION_EVENT_SHARE;
    this.prStartPerSample = PR_EVENT_SHARE / latencyShare / EVENTS_PER_PR;
    this.escalationStartPerSample = ESCALATION_EVENT_SHARE / latencyShare / 2;
    String[] names = {"prod-us-east-1", "prod-us-west-2", "prod-eu-west-1", "prod-eu-central-1", "prod-ap-south-1", "staging-us-east-1"};
    for (int i = 0; i < CLUSTERS; i++) {
      clusters.add(names[i]);
    }
  }

  /**
   * From now on, new PRs go round-robin to these teams, and their review comes this long (simulated)
   * after the PR opens. The latency probe uses teams of its own, so each KPI update it sees on the
   * output topic belongs to one review it sent.
   */
  void prShape(List<String> teams, long reviewDelayMinMs, long reviewDelayMaxMs) {
    this.teams = List.copyOf(teams);
    this.nextTeam = 0;
    this.reviewDelayMinMs = reviewDelayMinMs;
    this.reviewDelayMaxMs = reviewDelayMaxMs;
  }

  /** Simulated milliseconds per latency sample: how fast event time moves per input event. */
  long msPerSample() {
    return msPerSample;
  }

  List<BenchEvent> next(int n) {
    List<BenchEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  BenchEvent next() {
    long nextSample = now + msPerSample;
    long boundary = nextSample - Math.floorMod(nextSample, MINUTE_MS);
    if (boundary > lastBoundary) {
      lastBoundary = boundary;
      for (String cluster : clusters) {
        schedule(boundary, delivery(cluster, boundary));
      }
    }
    // Everything pending is at or after the last sample: emitting it before the next sample keeps
    // the output in event-time order.
    Pending due = pending.peek();
    if (due != null && due.at() <= nextSample) {
      return pending.poll().event();
    }
    now = nextSample;
    if (random.nextDouble() < prStartPerSample) {
      startPr(now);
    }
    if (random.nextDouble() < escalationStartPerSample) {
      startEscalation(now);
    }
    return latency(now);
  }

  private BenchEvent latency(long at) {
    String cluster = clusters.get(random.nextInt(CLUSTERS));
    // Log-normal around 8 ms, with an occasional slow publish.
    double ms = Math.exp(Math.log(8) + 0.5 * gaussian());
    if (random.nextInt(200) == 0) {
      ms *= 5;
    }
    ms = Math.round(ms * 100) / 100.0;
    LatencySample s = new LatencySample(LatencySample.VERSION, cluster, "region-" + cluster.hashCode() % 3, "produce", ms, Instant.ofEpochMilli(at));
    return event(Topics.LATENCY_SAMPLES, cluster, s, at, null);
  }

  private BenchEvent delivery(String cluster, long minuteEnd) {
    long produced = 900_000 + random.nextInt(200_000);
    long lost = random.nextInt(100) == 0 ? random.nextInt(300) : 0;
    long duplicates = random.nextInt(20);
    DeliverySample d =
        new DeliverySample(
            DeliverySample.VERSION, cluster, Instant.ofEpochMilli(minuteEnd - MINUTE_MS), Instant.ofEpochMilli(minuteEnd),
            produced, produced - lost, duplicates);
    return event(Topics.DELIVERY_SAMPLES, cluster, d, minuteEnd, null);
  }

  private void startPr(long at) {
    String team = teams.get(nextTeam++ % teams.size());
    int number = ++prNumber;
    String repo = "acme/" + team;
    String author = team + "-dev-" + random.nextInt(8);
    String reviewer = team + "-reviewer-" + random.nextInt(8);
    long review = at + reviewDelayMinMs + (long) (random.nextDouble() * (reviewDelayMaxMs - reviewDelayMinMs));
    schedule(at, pr(PrEvent.Type.OPENED, repo, number, team, author, author, List.of(reviewer), null, List.of(), at, null));
    if (random.nextInt(10) < 4) {
      long comment = at + (review - at) / 3;
      schedule(comment, pr(PrEvent.Type.REVIEW_SUBMITTED, repo, number, team, author, "ci-checks[bot]", List.of(),
          PrEvent.ReviewState.COMMENTED, List.of(), comment, null));
    }
    PrEvent.ReviewState verdict = random.nextInt(5) == 0 ? PrEvent.ReviewState.CHANGES_REQUESTED : PrEvent.ReviewState.APPROVED;
    schedule(review, pr(PrEvent.Type.REVIEW_SUBMITTED, repo, number, team, author, reviewer, List.of(), verdict, List.of(), review, team));
    long end = review + MINUTE_MS + random.nextInt(20) * MINUTE_MS;
    if (random.nextInt(10) == 0) {
      schedule(end, pr(PrEvent.Type.CLOSED, repo, number, team, author, author, List.of(), null, List.of(), end, null));
    } else {
      int roll = random.nextInt(10);
      List<ApiChange> changes =
          roll == 0 ? List.of(new ApiChange("producer-api", ApiChange.Kind.BREAKING))
              : roll < 3 ? List.of(new ApiChange("admin-api", ApiChange.Kind.ADDITIVE))
              : List.of();
      schedule(end, pr(PrEvent.Type.MERGED, repo, number, team, author, reviewer, List.of(), null, changes, end, null));
    }
  }

  private BenchEvent pr(PrEvent.Type type, String repo, int number, String team, String author, String actor,
      List<String> reviewers, PrEvent.ReviewState state, List<ApiChange> changes, long at, String reviewTeam) {
    PrEvent e = new PrEvent(PrEvent.VERSION, "bench-" + (++eventIds), type, repo, number, team, author, actor,
        reviewers, List.of(), state, changes, Instant.ofEpochMilli(at));
    return event(Topics.PR_EVENTS, e.key(), e, at, reviewTeam);
  }

  private void startEscalation(long at) {
    String id = "ESC-" + (++escalationNumber);
    int s = random.nextInt(10);
    EscalationEvent.Severity severity =
        s == 0 ? EscalationEvent.Severity.P0 : s < 4 ? EscalationEvent.Severity.P1 : s < 8 ? EscalationEvent.Severity.P2 : EscalationEvent.Severity.P3;
    String customer = "customer-" + random.nextInt(40);
    schedule(at, escalation(EscalationEvent.Type.OPENED, id, customer, severity, at));
    long resolved = at + 10 * MINUTE_MS + (long) (random.nextDouble() * 6 * 60 * MINUTE_MS);
    schedule(resolved, escalation(EscalationEvent.Type.RESOLVED, id, customer, severity, resolved));
  }

  private BenchEvent escalation(EscalationEvent.Type type, String id, String customer, EscalationEvent.Severity severity, long at) {
    EscalationEvent e = new EscalationEvent(EscalationEvent.VERSION, "bench-" + (++eventIds), type, id, customer, severity,
        "streams", Instant.ofEpochMilli(at));
    return event(Topics.ESCALATION_EVENTS, id, e, at, null);
  }

  private void schedule(long at, BenchEvent event) {
    pending.add(new Pending(at, seq++, event));
  }

  static <T> BenchEvent event(Topic<String, T> topic, String key, T value, long at, String reviewTeam) {
    return new BenchEvent(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value), at, reviewTeam);
  }

  private double gaussian() {
    // Box-Muller from the seeded generator, so the output depends on the seed alone.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
