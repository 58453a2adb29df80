package dev.pmpulse.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.Topics;
import dev.pmpulse.producer.ClusterSamples.Cluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Latency and delivery samples on their own, in simulated time, no Kafka. */
class ClusterSamplesTest {
  static final Instant ORIGIN = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant HOUR = ORIGIN.plus(Duration.ofHours(1));
  static final int RATE = 2000;
  static final Cluster INCIDENT =
      ClusterSamples.CLUSTERS.stream().filter(c -> c.name().equals(ClusterSamples.INCIDENT_CLUSTER)).findFirst().orElseThrow();

  @Test
  void steadyLatencyIsLogNormalAroundEachClustersBaselineAtTheRequestedRate() {
    List<Emission<?>> hour = new ClusterSamples(42, RATE, ORIGIN).emissionsUntil(HOUR);
    assertThat(hour).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    List<LatencySample> latencies = latencies(hour, s -> true);
    assertThat(ClusterSamples.CLUSTERS).hasSizeGreaterThanOrEqualTo(3);
    for (Cluster cluster : ClusterSamples.CLUSTERS) {
      List<LatencySample> mine = latencies.stream().filter(s -> s.cluster().equals(cluster.name())).toList();
      assertThat(mine).hasSize(60 * RATE);
      Map<Instant, Long> perMinute = mine.stream().collect(Collectors.groupingBy(
          s -> s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), Collectors.counting()));
      assertThat(perMinute).hasSize(60).allSatisfy((minute, n) -> assertThat(n).isEqualTo(RATE));
      List<Double> ms = mine.stream().map(LatencySample::latencyMs).toList();
      assertThat(EscalationWorkloadTest.quantile(ms, 0.5)).isCloseTo(cluster.medianMs(), org.assertj.core.data.Percentage.withPercentage(3));
      assertThat(EscalationWorkloadTest.quantile(ms, 0.99)).isCloseTo(cluster.p99Ms(), org.assertj.core.data.Percentage.withPercentage(5));
      assertThat(mine).allSatisfy(s -> {
        assertThat(s.v()).isEqualTo(LatencySample.VERSION);
        assertThat(s.region()).isEqualTo(cluster.region());
        assertThat(s.operation()).isEqualTo("produce");
        assertThat(s.latencyMs()).isPositive();
      });
    }
    assertThat(hour).filteredOn(e -> e.topic().equals(Topics.LATENCY_SAMPLES))
        .allSatisfy(e -> assertThat(e.key()).isEqualTo(((LatencySample) e.value()).cluster()));
  }

  @Test
  void oneDeliverySamplePerClusterPerMinuteWithRareLossesAndNoDuplicates() {
    List<Emission<?>> month = new ClusterSamples(42, 1, ORIGIN).emissionsUntil(ORIGIN.plus(Duration.ofDays(30)));
    for (Cluster cluster : ClusterSamples.CLUSTERS) {
      List<DeliverySample> mine = deliveries(month, cluster.name());
      assertThat(mine).hasSize(30 * 24 * 60);
      for (int i = 0; i < mine.size(); i++) {
        DeliverySample d = mine.get(i);
        assertThat(d.v()).isEqualTo(DeliverySample.VERSION);
        assertThat(d.intervalStart()).isEqualTo(ORIGIN.plus(Duration.ofMinutes(i)));
        assertThat(d.intervalEnd()).isEqualTo(d.intervalStart().plus(Duration.ofMinutes(1)));
        assertThat(d.produced()).isBetween(cluster.producedPerMinute() * 3 / 4, cluster.producedPerMinute() * 5 / 4);
        assertThat(d.delivered()).isBetween(d.produced() - 5, d.produced());
        assertThat(d.duplicates()).isZero();
      }
      long produced = mine.stream().mapToLong(DeliverySample::produced).sum();
      long lost = mine.stream().mapToLong(d -> d.produced() - d.delivered()).sum();
      assertThat(lost).as("some losses").isPositive();
      assertThat((double) lost / produced).as("well within 99.99%").isLessThan(1e-6);
    }
    assertThat(month).filteredOn(e -> e.topic().equals(Topics.DELIVERY_SAMPLES))
        .allSatisfy(e -> assertThat(e.at()).isEqualTo(((DeliverySample) e.value()).intervalEnd()));
  }

  @Test
  void badDeployRaisesOneClustersP99PastTheBandThenPastTheIncidentThreshold() {
    ClusterSamples samples = new ClusterSamples(42, RATE, ORIGIN);
    List<Emission<?>> before = samples.emissionsUntil(HOUR);
    samples.setBadDeploy(true, HOUR);
    List<Emission<?>> band = samples.emissionsUntil(HOUR.plus(Duration.ofMinutes(ClusterSamples.BAND_MINUTES)));
    List<Emission<?>> incident = samples.emissionsUntil(HOUR.plus(Duration.ofMinutes(60)));

    double baseline = p99(latencies(before, s -> s.cluster().equals(INCIDENT.name())));
    double bandP99 = p99(latencies(band, s -> s.cluster().equals(INCIDENT.name())));
    double incidentP99 = p99(latencies(incident, s -> s.cluster().equals(INCIDENT.name())));
    assertThat(bandP99).isGreaterThan(baseline * 1.1).isLessThan(baseline * 1.5);
    assertThat(incidentP99).isGreaterThan(baseline * 1.5).isGreaterThan(50);
    // Every single minute of the second phase is past the incident threshold.
    latencies(incident, s -> s.cluster().equals(INCIDENT.name())).stream()
        .collect(Collectors.groupingBy(s -> s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))
        .values().forEach(minute -> assertThat(p99(minute)).isGreaterThan(baseline * 1.5));

    // The other clusters get exactly what they would have got without the switch.
    List<Emission<?>> unswitched = new ClusterSamples(42, RATE, ORIGIN).emissionsUntil(HOUR.plus(Duration.ofMinutes(60)));
    Predicate<LatencySample> others = s -> !s.cluster().equals(INCIDENT.name());
    assertThat(latencies(concat(before, band, incident), others)).isEqualTo(latencies(unswitched, others));
  }

  @Test
  void duplicateDeliveryDuplicatesAboutOnePerThousandOnOneClusterUntilSwitchedBack() {
    ClusterSamples samples = new ClusterSamples(42, 1, ORIGIN);
    samples.emissionsUntil(HOUR);
    samples.setDuplicating(true);
    List<Emission<?>> duplicating = samples.emissionsUntil(HOUR.plus(Duration.ofHours(1)));
    samples.setDuplicating(false);
    List<Emission<?>> after = samples.emissionsUntil(HOUR.plus(Duration.ofHours(2)));

    List<DeliverySample> hit = deliveries(duplicating, INCIDENT.name());
    assertThat(hit).hasSize(60).allSatisfy(d ->
        assertThat((double) d.duplicates() / d.produced()).isGreaterThan(0.0001).isBetween(0.0007, 0.0013));
    for (Cluster other : ClusterSamples.CLUSTERS) {
      if (!other.equals(INCIDENT)) {
        assertThat(deliveries(duplicating, other.name())).allSatisfy(d -> assertThat(d.duplicates()).isZero());
      }
    }
    assertThat(deliveries(after, INCIDENT.name())).hasSize(60).allSatisfy(d -> assertThat(d.duplicates()).isZero());
  }

  @Test
  void theWallClockCapSpreadsFewerSamplesOverEachSimulatedMinuteAtHighSpeed() {
    assertThat(ClusterSamples.samplesPerMinute(2000, 3000, 3600)).isEqualTo(16);
    assertThat(ClusterSamples.samplesPerMinute(2000, 3000, 60)).isEqualTo(1000);
    assertThat(ClusterSamples.samplesPerMinute(2000, 3000, 1)).isEqualTo(2000);
    assertThat(ClusterSamples.samplesPerMinute(500, 3000, 1)).isEqualTo(500);
    assertThat(ClusterSamples.samplesPerMinute(2000, 1, 3600)).isEqualTo(1);
    // 16 per cluster per simulated minute at 3600x is 16 * 3 * 60 = 2880 a wall second: under the cap.
    assertThat(16 * ClusterSamples.CLUSTERS.size() * 3600 / 60).isLessThanOrEqualTo(3000);
  }

  @Test
  void theSameSeedGivesTheSameSamplesWhateverTheSteps() {
    List<Emission<?>> once = new ClusterSamples(7, 50, ORIGIN).emissionsUntil(HOUR);
    ClusterSamples stepped = new ClusterSamples(7, 50, ORIGIN);
    List<Emission<?>> inSteps = new java.util.ArrayList<>();
    for (Instant t = ORIGIN; t.isBefore(HOUR); t = t.plusMillis(7_919)) {
      stepped.advanceTo(t, inSteps::add);
    }
    stepped.advanceTo(HOUR, inSteps::add);
    assertThat(inSteps).isEqualTo(once);
    assertThat(new ClusterSamples(8, 50, ORIGIN).emissionsUntil(HOUR)).isNotEqualTo(once);
  }

  @Test
  void aStartBetweenMinutesBeginsAtTheNextWholeMinute() {
    List<Emission<?>> out = new ClusterSamples(1, 3, ORIGIN.plusSeconds(20)).emissionsUntil(ORIGIN.plusSeconds(180));
    assertThat(out).allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(ORIGIN.plusSeconds(60)));
    assertThat(out).filteredOn(e -> e.topic().equals(Topics.DELIVERY_SAMPLES)).hasSize(2 * ClusterSamples.CLUSTERS.size());
  }

  @SafeVarargs
  private static List<Emission<?>> concat(List<Emission<?>>... parts) {
    List<Emission<?>> all = new java.util.ArrayList<>();
    for (List<Emission<?>> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }

  private static double p99(List<LatencySample> samples) {
    return EscalationWorkloadTest.quantile(samples.stream().map(LatencySample::latencyMs).toList(), 0.99);
  }

  private static List<LatencySample> latencies(List<Emission<?>> emissions, Predicate<LatencySample> which) {
    return emissions.stream().filter(e -> e.topic().equals(Topics.LATENCY_SAMPLES))
        .map(e -> (LatencySample) e.value()).filter(which).toList();
  }

  private static List<DeliverySample> deliveries(List<Emission<?>> emissions, String cluster) {
    return emissions.stream().filter(e -> e.topic().equals(Topics.DELIVERY_SAMPLES))
        .map(e -> (DeliverySample) e.value()).filter(d -> d.cluster().equals(cluster)).toList();
  }
}
