package dev.pmpulse.streams.escalationresolution;

import static dev.pmpulse.events.EscalationEvent.Severity.P0;
import static dev.pmpulse.events.EscalationEvent.Severity.P1;
import static dev.pmpulse.events.EscalationEvent.Severity.P2;
import static dev.pmpulse.events.EscalationEvent.Severity.P3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.intake.DeadLetter;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.stats.DurationSketch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escalation resolution time on the real topology; every expected value is worked out in the test. */
class EscalationResolutionTopologyTest {
  private static final double HOUR = 3600;
  private static final double ERR = DurationSketch.RELATIVE_ACCURACY;

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private FullTopology topology;
  private TestInputTopic<String, EscalationEvent> events;
  private TestOutputTopic<String, EscalationResolutionKpi> kpis;
  private TestOutputTopic<String, OpenEscalation> openEscalations;
  private TestOutputTopic<String, byte[]> deadLetters;
  private final Map<String, EscalationResolutionKpi> latest = new HashMap<>();

  @BeforeEach
  void start() {
    topology = new FullTopology(stateDir, meters);
    events = topology.input(Topics.ESCALATION_EVENTS);
    kpis = topology.output(Topics.ESCALATION_RESOLUTION_KPI);
    openEscalations = topology.output(Topics.OPEN_ESCALATIONS);
    deadLetters =
        topology.driver().createOutputTopic(Topics.DEAD_LETTER.name(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void send(EscalationEvent... es) {
    for (EscalationEvent e : es) {
      events.pipeInput(e.id(), e, e.at());
    }
  }

  /** The newest KPI record per severity emitted so far. */
  private Map<String, EscalationResolutionKpi> latestBySeverity() {
    latest.putAll(kpis.readKeyValuesToMap());
    return latest;
  }

  private EscalationResolutionKpi kpi(EscalationEvent.Severity severity) {
    return latestBySeverity().get(severity.name());
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private double deadLettered(String reason) {
    return meters.counter("pmpulse.dead.letter.records", "topic", Topics.ESCALATION_EVENTS.name(), "reason", reason).count();
  }

  @Test
  void p0AndP1MediansAndP90OverAWeek() {
    // All opened Monday 2026-11-23 00:00 UTC (ISO week 2026-W48, quarter 2026-Q4), each resolved
    // after the given number of calendar hours, all within the same week (the longest, 70 h, ends
    // Wednesday 22:00).
    int[] p0Hours = {10, 20, 30, 50, 70};
    int[] p1Hours = {1, 2, 4, 8, 16, 32, 64};
    List<EscalationEvent> all = new ArrayList<>();
    for (int i = 0; i < p0Hours.length; i++) {
      EscalationStory s = new EscalationStory("P0-" + i, P0);
      all.add(s.opened("2026-11-23T00:00"));
      all.add(s.resolved(EscalationStory.plusHours("2026-11-23T00:00", p0Hours[i])));
    }
    for (int i = 0; i < p1Hours.length; i++) {
      EscalationStory s = new EscalationStory("P1-" + i, P1);
      all.add(s.opened("2026-11-23T00:00"));
      all.add(s.resolved(EscalationStory.plusHours("2026-11-23T00:00", p1Hours[i])));
    }
    all.sort(Comparator.comparing(EscalationEvent::at));
    send(all.toArray(EscalationEvent[]::new));

    EscalationResolutionKpi p0 = kpi(P0);
    assertThat(p0.week()).isEqualTo("2026-W48");
    assertThat(p0.quarter()).isEqualTo("2026-Q4");
    assertThat(p0.targeted()).isTrue();
    assertThat(p0.targetSeconds()).isEqualTo(48 * HOUR);
    assertThat(p0.thisWeek().count()).isEqualTo(5);
    // mean = (10+20+30+50+70)/5 = 36 h; within 48 h: 10, 20, 30 -> 3 of 5 = 0.6.
    assertThat(p0.thisWeek().meanSeconds()).isCloseTo(36 * HOUR, within(1e-6));
    assertThat(p0.thisWeek().withinTargetRatio()).isEqualTo(0.6);
    // The sketch's quantile q is the value of 0-based rank floor(q*(n-1)), within 1%. n = 5:
    // p50 -> rank floor(0.5*4) = 2 -> 30 h; p90 -> rank floor(0.9*4) = floor(3.6) = 3 -> 50 h.
    assertThat(p0.thisWeek().p50Seconds()).isCloseTo(30 * HOUR, within(30 * HOUR * ERR));
    assertThat(p0.thisWeek().p90Seconds()).isCloseTo(50 * HOUR, within(50 * HOUR * ERR));
    // The quarter holds the same five resolutions.
    assertThat(p0.thisQuarter().count()).isEqualTo(5);
    assertThat(p0.thisQuarter().p50Seconds()).isCloseTo(30 * HOUR, within(30 * HOUR * ERR));

    EscalationResolutionKpi p1 = kpi(P1);
    assertThat(p1.thisWeek().count()).isEqualTo(7);
    // n = 7: p50 -> rank floor(0.5*6) = 3 -> 8 h; p90 -> rank floor(0.9*6) = floor(5.4) = 5 -> 32 h.
    assertThat(p1.thisWeek().p50Seconds()).isCloseTo(8 * HOUR, within(8 * HOUR * ERR));
    assertThat(p1.thisWeek().p90Seconds()).isCloseTo(32 * HOUR, within(32 * HOUR * ERR));
    // mean = (1+2+4+8+16+32+64)/7 = 127/7 h; within 48 h: all but 64 -> 6 of 7.
    assertThat(p1.thisWeek().meanSeconds()).isCloseTo(127.0 / 7 * HOUR, within(1e-6));
    assertThat(p1.thisWeek().withinTargetRatio()).isCloseTo(6.0 / 7, within(1e-12));

    // Every escalation is resolved again: nothing open, nothing over the target.
    assertThat(List.of(p0.open(), p0.openOverTarget(), p1.open(), p1.openOverTarget())).containsOnly(0L);
    assertThat(latestBySeverity()).containsOnlyKeys("P0", "P1");
  }

  @Test
  void weekAndQuarterBucketsAtAQuarterBoundary() {
    // ISO week 2026-W53 runs Monday 2026-12-28 to Sunday 2027-01-03: one week, two quarters.
    EscalationStory a = new EscalationStory("A", P0);
    EscalationStory b = new EscalationStory("B", P0);
    // A: 2026-12-30 00:00 -> 2026-12-31 12:00 = 36 h, resolved in 2026-Q4.
    send(a.opened("2026-12-30T00:00"), a.resolved("2026-12-31T12:00"));
    EscalationResolutionKpi before = kpi(P0);
    assertThat(before.week()).isEqualTo("2026-W53");
    assertThat(before.quarter()).isEqualTo("2026-Q4");
    assertThat(before.thisWeek().count()).isEqualTo(1);
    assertThat(before.thisQuarter().count()).isEqualTo(1);
    assertThat(before.thisQuarter().p50Seconds()).isCloseTo(36 * HOUR, within(36 * HOUR * ERR));

    // B: 2026-12-31 20:00 -> 2027-01-01 08:00 = 12 h, resolved in 2027-Q1 but still in 2026-W53.
    send(b.opened("2026-12-31T20:00"), b.resolved("2027-01-01T08:00"));
    EscalationResolutionKpi after = kpi(P0);
    assertThat(after.week()).isEqualTo("2026-W53");
    assertThat(after.quarter()).isEqualTo("2027-Q1");
    // Week: both (36 h and 12 h), mean 24 h. Quarter 2027-Q1: only B, 12 h.
    assertThat(after.thisWeek().count()).isEqualTo(2);
    assertThat(after.thisWeek().meanSeconds()).isCloseTo(24 * HOUR, within(1e-6));
    assertThat(after.thisQuarter().count()).isEqualTo(1);
    assertThat(after.thisQuarter().p50Seconds()).isCloseTo(12 * HOUR, within(12 * HOUR * ERR));
  }

  @Test
  void aReopenedEscalationIsMeasuredFromItsReopening() {
    EscalationStory s = new EscalationStory("R", P1);
    // Open Mon 00:00, resolved Mon 10:00 (10 h); reopened Tue 00:00, resolved Wed 06:00 (30 h).
    send(s.opened("2026-11-23T00:00"), s.resolved("2026-11-23T10:00"));
    send(s.reopened("2026-11-24T00:00"));
    assertThat(kpi(P1).open()).isEqualTo(1);
    send(s.resolved("2026-11-25T06:00"));

    EscalationResolutionKpi p1 = kpi(P1);
    // Two resolutions, mean (10+30)/2 = 20 h. Measured from the first opening the second would be
    // 54 h and the mean 32 h.
    assertThat(p1.thisWeek().count()).isEqualTo(2);
    assertThat(p1.thisWeek().meanSeconds()).isCloseTo(20 * HOUR, within(1e-6));
    // n = 2: p90 -> rank floor(0.9*1) = 0 -> 10 h.
    assertThat(p1.thisWeek().p90Seconds()).isCloseTo(10 * HOUR, within(10 * HOUR * ERR));
    assertThat(p1.open()).isZero();
  }

  @Test
  void impossibleHistoriesGoToTheDeadLetterTopicWithTheirReason() {
    EscalationStory s = new EscalationStory("S", P0);
    EscalationStory ghost = new EscalationStory("GHOST", P0);
    EscalationEvent noCustomer =
        new EscalationEvent(EscalationEvent.VERSION, "X-1", EscalationEvent.Type.OPENED, "X", null, P1, "connect",
            EscalationStory.utc("2026-11-23T11:00"));
    send(
        s.opened("2026-11-23T10:00"),
        s.resolved("2026-11-23T09:00"), // an hour before its opening
        ghost.resolved("2026-11-23T12:00"), // never opened
        noCustomer,
        s.resolved("2026-11-23T14:00"), // valid: 4 h
        s.resolved("2026-11-23T15:00")); // a second resolution with a new event id

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).extracting(TestRecord::key).containsExactly("S", "GHOST", "X", "S");
    assertThat(dead).extracting(r -> header(r, DeadLetter.HEADER_REASON))
        .containsExactly("invalid-value", "never-opened", "missing-field", "invalid-value");
    assertThat(header(dead.get(0), DeadLetter.HEADER_DETAIL)).startsWith("resolved before opened");
    assertThat(header(dead.get(1), DeadLetter.HEADER_DETAIL)).contains("GHOST", "never opened");
    assertThat(header(dead.get(3), DeadLetter.HEADER_DETAIL)).startsWith("already resolved");
    assertThat(header(dead.get(0), DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.ESCALATION_EVENTS.name());
    // The dead letter carries the event itself.
    assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).contains("\"id\":\"GHOST\"", "\"type\":\"resolved\"");
    assertThat(deadLettered("invalid-value")).isEqualTo(2);
    assertThat(deadLettered("never-opened")).isEqualTo(1);
    assertThat(deadLettered("missing-field")).isEqualTo(1);

    // Only the valid resolution counts: 10:00 -> 14:00 = 4 h.
    EscalationResolutionKpi p0 = kpi(P0);
    assertThat(p0.thisWeek().count()).isEqualTo(1);
    assertThat(p0.thisWeek().meanSeconds()).isEqualTo(4 * HOUR);
    assertThat(p0.open()).isZero();
  }

  @Test
  void unknownSeverityAndTypeAreDeadLetteredByTheIntake() {
    TestInputTopic<String, String> raw = topology.textInput(Topics.ESCALATION_EVENTS);
    String event =
        "{\"v\":1,\"eventId\":\"e1\",\"type\":\"%s\",\"id\":\"Z\",\"customer\":\"acme-bank\","
            + "\"severity\":\"%s\",\"productArea\":\"connect\",\"at\":\"2026-11-23T00:00:00Z\"}";
    raw.pipeInput("Z", event.formatted("opened", "P9"));
    raw.pipeInput("Z", event.formatted("escalated", "P0"));

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).extracting(r -> header(r, DeadLetter.HEADER_REASON)).containsExactly("invalid-value", "unknown-type");
    assertThat(header(dead.get(0), DeadLetter.HEADER_DETAIL)).contains("severity", "P9");
    assertThat(latestBySeverity()).isEmpty();
  }

  @Test
  void openEscalationsAndThoseOverTheTargetAreCountedAsStreamTimeAdvances() {
    EscalationStory a = new EscalationStory("A", P0);
    EscalationStory b = new EscalationStory("B", P1);
    EscalationStory c = new EscalationStory("C", P2);
    send(a.opened("2026-11-23T00:00"), b.opened("2026-11-23T12:00"), c.opened("2026-11-24T00:00"));
    assertThat(List.of(kpi(P0).open(), kpi(P1).open(), kpi(P2).open())).containsOnly(1L);

    // Other traffic moves stream time to Wed 00:00: A has been open exactly 48 h, not longer.
    send(new EscalationStory("D", P3).opened("2026-11-25T00:00"));
    assertThat(kpi(P0).openOverTarget()).isZero();

    // Wed 00:30: A has been open 48.5 h, over the target; B 36.5 h and C 24.5 h are not.
    send(new EscalationStory("E", P3).opened("2026-11-25T00:30"));
    assertThat(kpi(P0).open()).isEqualTo(1);
    assertThat(kpi(P0).openOverTarget()).isEqualTo(1);
    assertThat(kpi(P1).openOverTarget()).isZero();
    assertThat(kpi(P2).openOverTarget()).isZero();
    assertThat(kpi(P3).open()).isEqualTo(2);
    assertThat(kpi(P2).targeted()).isFalse();

    // Thu 13:00: B has been open 12:00 Mon -> 13:00 Thu = 73 h; C 61 h, both over now.
    send(new EscalationStory("F", P3).opened("2026-11-26T13:00"));
    assertThat(kpi(P1).openOverTarget()).isEqualTo(1);
    assertThat(kpi(P2).openOverTarget()).isEqualTo(1);

    // Resolving A takes it out of both counts: 0 open, 0 over.
    send(a.resolved("2026-11-26T14:00"));
    assertThat(kpi(P0).open()).isZero();
    assertThat(kpi(P0).openOverTarget()).isZero();
    // Its resolution time: Mon 00:00 -> Thu 14:00 = 3 * 24 + 14 = 86 h.
    assertThat(kpi(P0).thisWeek().meanSeconds()).isEqualTo(86 * HOUR);
  }

  @Test
  void aRedeliveredEventCountsOnce() {
    EscalationStory s = new EscalationStory("DUP", P0);
    EscalationEvent opened = s.opened("2026-11-23T00:00");
    EscalationEvent resolved = s.resolved("2026-11-23T05:00");
    send(opened, opened, resolved, opened, resolved);

    EscalationResolutionKpi p0 = kpi(P0);
    // One escalation, one resolution of 5 h; three redeliveries ignored and counted.
    assertThat(p0.thisWeek().count()).isEqualTo(1);
    assertThat(p0.thisWeek().meanSeconds()).isEqualTo(5 * HOUR);
    assertThat(p0.open()).isZero();
    assertThat(meters.counter("pmpulse.duplicate.records", "kpi", "escalation-resolution").count()).isEqualTo(3);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void theCompactedTopicKeepsTheOpenEscalationsAndTombstonesTheResolvedOnes() {
    EscalationStory a = new EscalationStory("A", P0);
    EscalationStory b = new EscalationStory("B", P1);
    send(
        a.opened("2026-11-23T00:00"),
        b.opened("2026-11-23T01:00"),
        a.resolved("2026-11-23T02:00"),
        a.reopened("2026-11-23T03:00"),
        b.resolved("2026-11-23T04:00"));

    // Latest value per key, as compaction keeps it; a tombstone is kept as a null value.
    Map<String, OpenEscalation> latestByKey = openEscalations.readKeyValuesToMap();
    assertThat(latestByKey).containsOnlyKeys("A", "B");
    assertThat(latestByKey.get("B")).isNull();
    Map<String, OpenEscalation> open =
        latestByKey.entrySet().stream()
            .filter(e -> Objects.nonNull(e.getValue()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(open).containsOnlyKeys("A");
    // A is open again since its reopening, once reopened.
    assertThat(open.get("A").openedAt()).isEqualTo(EscalationStory.utc("2026-11-23T03:00"));
    assertThat(open.get("A").reopens()).isEqualTo(1);
    assertThat(open.get("A").severity()).isEqualTo(P0);
  }

  @Test
  void aResolutionMetAfterMidnightRestatesTheEndOfItsDay() {
    EscalationStory e1 = new EscalationStory("ESC-61", P0);
    EscalationStory e2 = new EscalationStory("ESC-62", P0);
    EscalationStory e3 = new EscalationStory("ESC-63", P0);
    EscalationStory e4 = new EscalationStory("ESC-64", P0);
    // Monday 2026-11-23 (week 2026-W48): E1 resolved after 10 h, E2 opened.
    send(e1.opened("2026-11-23T00:00"), e2.opened("2026-11-23T01:00"), e1.resolved("2026-11-23T10:00"));
    // Tuesday: E3 opened and still open; E4 resolved after 4 h. Stream time is now Tuesday 06:00.
    send(e3.opened("2026-11-24T00:00"), e4.opened("2026-11-24T02:00"), e4.resolved("2026-11-24T06:00"));
    Instant mondayEnd = Instant.parse("2026-11-23T23:59:59.999Z");
    assertThat(kpis.readRecordsToList()).noneMatch(r -> r.value().asOf().equals(mondayEnd));

    // E2's resolution on Monday 21:00 (20 h) arrives now, as from a partition that was behind.
    send(e2.resolved("2026-11-23T21:00"));
    List<TestRecord<String, EscalationResolutionKpi>> out = kpis.readRecordsToList();
    assertThat(out).hasSize(2);
    // First Monday, as of its end: E1 and E2 resolved (10 h and 20 h; p50 is rank floor(0.5*1) = 0,
    // 10 h), none open. Tuesday's E4 and E3 are not in it.
    EscalationResolutionKpi monday = out.get(0).value();
    assertThat(monday.asOf()).isEqualTo(mondayEnd);
    assertThat(monday.week()).isEqualTo("2026-W48");
    assertThat(monday.thisWeek().count()).isEqualTo(2);
    assertThat(monday.thisWeek().meanSeconds()).isCloseTo(15 * HOUR, within(1e-6));
    assertThat(monday.thisWeek().p50Seconds()).isCloseTo(10 * HOUR, within(10 * HOUR * ERR));
    assertThat(monday.thisQuarter().count()).isEqualTo(2);
    assertThat(monday.open()).isZero();
    // Then Tuesday as of stream time: 10, 20 and 4 h resolved this week (p50: rank 1 -> 10 h), E3 open.
    EscalationResolutionKpi tuesday = out.get(1).value();
    assertThat(tuesday.asOf()).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
    assertThat(tuesday.thisWeek().count()).isEqualTo(3);
    assertThat(tuesday.thisWeek().meanSeconds()).isCloseTo(34.0 / 3 * HOUR, within(1e-6));
    assertThat(tuesday.thisWeek().p50Seconds()).isCloseTo(10 * HOUR, within(10 * HOUR * ERR));
    assertThat(tuesday.open()).isEqualTo(1);
    // The view keeps Tuesday's.
    var view = topology.view(KpiViews.ESCALATION_RESOLUTION, "P0");
    assertThat(view.asOf()).isEqualTo(tuesday.asOf());
  }

  @Test
  void resolutionsOfAWeekClosedLongerThanTheGraceAreLate() {
    // Weeks: 2026-W45 = Nov 2..8 (closes Mon Nov 9 00:00), W46 = Nov 9..15 (closes Nov 16 00:00),
    // W47 = Nov 16..22. Grace 7 days: W45 takes resolutions until stream time Nov 16 00:00.
    EscalationStory a = new EscalationStory("A", P0);
    EscalationStory b = new EscalationStory("B", P0);
    EscalationStory c = new EscalationStory("C", P0);
    EscalationStory d = new EscalationStory("D", P0);
    send(a.opened("2026-11-02T00:00"), b.opened("2026-11-09T00:00"), c.opened("2026-11-16T00:00"));
    // Stream time Nov 16 00:00. B resolved Nov 10 00:00 (24 h) in W46, closed 0 days ago: added.
    send(b.resolved("2026-11-10T00:00"));
    EscalationResolutionKpi kpi = kpi(P0);
    assertThat(kpi.week()).isEqualTo("2026-W47");
    assertThat(kpi.lastWeek().count()).isEqualTo(1);
    assertThat(kpi.lastWeek().meanSeconds()).isEqualTo(24 * HOUR);
    assertThat(kpi.thisQuarter().count()).isEqualTo(1);

    // Stream time Nov 16 01:00. A resolved Nov 3 00:00 (24 h) in W45, closed 7 days 1 hour ago: late.
    send(d.opened("2026-11-16T01:00"), a.resolved("2026-11-03T00:00"));
    kpi = kpi(P0);
    assertThat(meters.counter("pmpulse.late.records", "kpi", "escalation-resolution").count()).isEqualTo(1);
    // Added to neither its week nor its quarter: the quarter still holds B only.
    assertThat(kpi.thisQuarter().count()).isEqualTo(1);
    // But A is no longer open: C and D remain, neither over 48 h (A and B were, until resolved).
    assertThat(kpi.open()).isEqualTo(2);
    assertThat(kpi.openOverTarget()).isZero();
  }
}
