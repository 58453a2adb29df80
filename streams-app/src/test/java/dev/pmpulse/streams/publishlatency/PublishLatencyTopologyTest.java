package dev.pmpulse.streams.publishlatency;

import static dev.pmpulse.events.SloViolation.Kind.CROSSED;
import static dev.pmpulse.events.SloViolation.Kind.RECOVERED;
import static dev.pmpulse.events.SloViolation.Level.BAND;
import static dev.pmpulse.events.SloViolation.Level.INCIDENT;
import static dev.pmpulse.events.SloViolation.Level.SLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.slo.SloSettings;
import dev.pmpulse.streams.slo.SloTestSettings;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publish-latency p99 per cluster-minute and its SLO lines, on the real topology with the default
 * settings (SLO 50 ms, grace 10 s, band +10%, incident +50%, baseline = median of up to 60
 * preceding minutes, judged from the 10th). Expected values are worked out in each test.
 */
class PublishLatencyTopologyTest {
  private static final double ERR = DurationSketch.RELATIVE_ACCURACY;
  /** Minute 0 of the tests; minute n starts n minutes later. */
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private FullTopology topology;
  private TestInputTopic<String, LatencySample> samples;
  private TestOutputTopic<String, PublishLatencyKpi> kpis;
  private TestOutputTopic<String, SloViolation> violations;

  @BeforeEach
  void start() {
    // These tests send one sample per minute and judge each minute on its own samples; the
    // merging of thin minutes (the default) is tested in SloThinMinutesTest.
    start(SloTestSettings.PER_MINUTE);
  }

  private void start(SloSettings settings) {
    topology = new FullTopology(stateDir, TopologySettings.defaults(meters).withSlo(settings));
    samples = topology.input(Topics.LATENCY_SAMPLES);
    kpis = topology.output(Topics.PUBLISH_LATENCY_KPI);
    violations = topology.output(Topics.SLO_VIOLATIONS);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void send(String cluster, Instant at, double latencyMs) {
    samples.pipeInput(cluster, new LatencySample(LatencySample.VERSION, cluster, "eu-west-1", "produce", latencyMs, at), at);
  }

  private static Instant minute(int n) {
    return T0.plusSeconds(60L * n);
  }

  /**
   * One sample of each given latency in consecutive minutes, each minute closed by a sample of
   * another cluster (on the same partition, so it moves the same stream time) at the next minute's
   * end of grace: minute n closes when stream time reaches its end + 10 s.
   */
  private void minutes(String cluster, int first, double... p99s) {
    for (int i = 0; i < p99s.length; i++) {
      send(cluster, minute(first + i).plusSeconds(30), p99s[i]);
      send(TICKER, minute(first + i + 1).plusSeconds(10), 1);
    }
  }

  private static final String TICKER = "ticker";

  /** The KPIs emitted since the last read, without the ticker's. */
  private List<PublishLatencyKpi> kpis() {
    return kpis.readValuesToList().stream().filter(k -> !k.cluster().equals(TICKER)).toList();
  }

  private double violationCount(String cluster, SloViolation.Level level, SloViolation.Kind kind) {
    return meters.counter("pmpulse.slo.violations", "cluster", cluster, "level", level.tag(), "kind", kind.tag()).count();
  }

  @Test
  void p99OfAMinuteIsEmittedOnceWhenTheMinuteCloses() {
    // 100 samples of 1..100 ms in minute 0. The sketch's q=0.99 is the value of 0-based rank
    // floor(0.99 * 99) = 98 in sorted order, i.e. 99 ms, within 1%.
    for (int ms = 1; ms <= 100; ms++) {
      send("c1", minute(0).plusMillis(500L * ms), ms);
    }
    // Another cluster's samples do not mix in.
    send("c2", minute(0).plusSeconds(5), 1000);
    // Minute 0 ends at 12:01:00 but stays open through the 10 s grace.
    send("c1", minute(1).plusSeconds(9), 5);
    assertThat(kpis.isEmpty()).isTrue();

    send("c1", minute(1).plusSeconds(10), 5);
    List<PublishLatencyKpi> out = kpis.readValuesToList();
    assertThat(out).extracting(PublishLatencyKpi::cluster).containsExactly("c1", "c2");
    PublishLatencyKpi c1 = out.get(0);
    assertThat(c1.minute()).isEqualTo(minute(0));
    assertThat(c1.count()).isEqualTo(100);
    assertThat(c1.p99Ms()).isCloseTo(99, within(99 * ERR));
    assertThat(c1.baselineMs()).isNull(); // the first minute has no history
    assertThat(c1.sloMs()).isEqualTo(50);
    assertThat(c1.sloBreached()).isTrue(); // 99 ms > 50 ms
    assertThat(out.get(1).p99Ms()).isCloseTo(1000, within(1000 * ERR));
    assertThat(out.get(1).count()).isEqualTo(1);

    // More samples in minute 1 emit nothing until minute 1 closes; minute 0 is not emitted again.
    for (int i = 0; i < 50; i++) {
      send("c1", minute(1).plusSeconds(20), 7);
    }
    assertThat(kpis.isEmpty()).isTrue();
  }

  @Test
  void sampleWithinGraceCountsAndSampleAfterGraceIsLate() {
    send("c1", minute(0).plusSeconds(1), 10);
    send("c1", minute(1).plusSeconds(5), 10); // stream time 12:01:05: minute 0 still open
    send("c1", minute(0).plusSeconds(59), 40); // out of order, within grace: counted
    send("c1", minute(1).plusSeconds(10), 10); // closes minute 0
    send("c1", minute(0).plusSeconds(30), 45); // minute 0 closed: late

    List<PublishLatencyKpi> out = kpis.readValuesToList();
    assertThat(out).hasSize(1);
    // Minute 0 holds 10 and 40 ms: sorted [10, 40], rank floor(0.99 * (2 - 1)) = 0 -> 10 ms.
    assertThat(out.get(0).count()).isEqualTo(2);
    assertThat(out.get(0).p99Ms()).isCloseTo(10, within(10 * ERR));
    assertThat(meters.counter("pmpulse.late.records", "kpi", "publish-latency").count()).isEqualTo(1);
  }

  @Test
  void noBandOrIncidentJudgementBeforeTenMinutesOfHistory() {
    // Nine minutes at 10 ms, then a 40 ms minute: only 9 minutes of history, so no baseline.
    minutes("c1", 0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 40);
    List<PublishLatencyKpi> out = kpis();
    assertThat(out).hasSize(10);
    assertThat(out.get(9).baselineMs()).isNull();
    assertThat(out.get(9).bandBreached()).isFalse();
    assertThat(violations.isEmpty()).isTrue();
  }

  @Test
  void bandAndIncidentCrossingsAndRecoveries() {
    // Ten minutes at 10 ms give a baseline of 10 ms (the sketch's value for 10 ms, within 1%):
    // band = 10 * 1.10 = 11 ms, incident = 10 * 1.50 = 15 ms, SLO 50 ms.
    minutes("c1", 0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
    assertThat(violations.isEmpty()).isTrue();
    PublishLatencyKpi tenth = kpis().get(9);
    assertThat(tenth.baselineMs()).isNull(); // judged on 9 minutes of history

    // Minute 10: 12 ms > 11 ms band, < 15 ms incident.
    minutes("c1", 10, 12);
    PublishLatencyKpi k10 = kpis().get(0);
    assertThat(k10.baselineMs()).isCloseTo(10, within(10 * ERR));
    assertThat(k10.bandMs()).isCloseTo(11, within(11 * ERR));
    assertThat(k10.incidentMs()).isCloseTo(15, within(15 * ERR));
    assertThat(k10.bandBreached()).isTrue();
    assertThat(k10.incidentBreached()).isFalse();
    SloViolation band = violations.readValue();
    assertThat(band.level()).isEqualTo(BAND);
    assertThat(band.kind()).isEqualTo(CROSSED);
    assertThat(band.p99Ms()).isCloseTo(12, within(12 * ERR));
    assertThat(band.thresholdMs()).isCloseTo(11, within(11 * ERR));
    assertThat(band.minute()).isEqualTo(minute(10));
    assertThat(violations.isEmpty()).isTrue();

    // Minute 11: back to 10 ms. History 10 x 10, 12: median 10 -> band recovered.
    minutes("c1", 11, 10);
    assertThat(violations.readValuesToList())
        .extracting(SloViolation::level, SloViolation::kind)
        .containsExactly(tuple(BAND, RECOVERED));

    // Minute 12: 20 ms, above band (11) and incident (15), below the SLO (50).
    minutes("c1", 12, 20);
    List<SloViolation> up = violations.readValuesToList();
    assertThat(up)
        .extracting(SloViolation::level, SloViolation::kind)
        .containsExactly(tuple(BAND, CROSSED), tuple(INCIDENT, CROSSED));
    assertThat(up.get(1).thresholdMs()).isCloseTo(15, within(15 * ERR));

    // Minute 13: 60 ms also crosses the SLO; band and incident stay breached (no new events).
    minutes("c1", 13, 60);
    List<SloViolation> slo = violations.readValuesToList();
    assertThat(slo).extracting(SloViolation::level, SloViolation::kind)
        .containsExactly(tuple(SLO, CROSSED));
    assertThat(slo.get(0).thresholdMs()).isEqualTo(50);

    // Minute 14: 10 ms. History sorted: 10 x 11, 12, 20, 60 (14 values): median = mean of the
    // 7th and 8th = 10 ms. Everything recovers, in level order.
    minutes("c1", 14, 10);
    assertThat(violations.readValuesToList())
        .extracting(SloViolation::level, SloViolation::kind)
        .containsExactly(
            tuple(SLO, RECOVERED),
            tuple(BAND, RECOVERED),
            tuple(INCIDENT, RECOVERED));

    assertThat(violationCount("c1", BAND, CROSSED)).isEqualTo(2);
    assertThat(violationCount("c1", BAND, RECOVERED)).isEqualTo(2);
    assertThat(violationCount("c1", INCIDENT, CROSSED)).isEqualTo(1);
    assertThat(violationCount("c1", INCIDENT, RECOVERED)).isEqualTo(1);
    assertThat(violationCount("c1", SLO, CROSSED)).isEqualTo(1);
    assertThat(violationCount("c1", SLO, RECOVERED)).isEqualTo(1);
  }

  @Test
  void baselineIsTheMedianOfTheLastSixtyMinutesOnly() {
    // 60 minutes at 30 ms, then 60 at 10 ms: by minute 120 the 30 ms minutes have left the
    // baseline window, so the baseline is 10 ms; at minute 90 it was the median of 30 x 30 ms and
    // 30 x 10 ms = (10 + 30) / 2 = 20 ms.
    double[] first = new double[60];
    Arrays.fill(first, 30);
    double[] second = new double[60];
    Arrays.fill(second, 10);
    minutes("c1", 0, first);
    minutes("c1", 60, second);
    List<PublishLatencyKpi> out = kpis();
    assertThat(out).hasSize(120);
    assertThat(out.get(90).baselineMs()).isCloseTo(20, within(20 * ERR));
    minutes("c1", 120, 10);
    assertThat(kpis().get(0).baselineMs()).isCloseTo(10, within(10 * ERR));
  }
}
