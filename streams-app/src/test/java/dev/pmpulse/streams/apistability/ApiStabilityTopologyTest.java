package dev.pmpulse.streams.apistability;

import static dev.pmpulse.events.ApiChange.Kind.ADDITIVE;
import static dev.pmpulse.events.ApiChange.Kind.BREAKING;
import static dev.pmpulse.events.ApiChange.Kind.DEPRECATION;
import static dev.pmpulse.events.ApiChange.Kind.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.ApiChange;
import dev.pmpulse.events.ApiStabilityKpi.Counts;
import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.TopologySettings;
import dev.pmpulse.streams.query.KpiViews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API stability KPI on the real topology; every expected value is worked out in the test. */
class ApiStabilityTopologyTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private FullTopology topology;
  private TestInputTopic<String, PrEvent> prEvents;
  private TestOutputTopic<String, ApiStabilityKpi> kpis;
  private int seq;

  /** The app's own topology, whose quarters are UTC's. */
  private void start() {
    start(TopologySettings.defaults(meters));
  }

  /** The app's topology counting the quarters of another zone. */
  private void startIn(ZoneId zone) {
    start(TopologySettings.defaults(meters).withQuarterZone(zone));
  }

  private void start(TopologySettings settings) {
    topology = new FullTopology(stateDir, settings);
    prEvents = topology.input(Topics.PR_EVENTS);
    kpis = topology.output(Topics.API_STABILITY_KPI);
  }

  @AfterEach
  void stop() {
    if (topology != null) {
      topology.close();
    }
  }

  private PrEvent event(PrEvent.Type type, int number, Instant at, ApiChange... changes) {
    return new PrEvent(
        PrEvent.VERSION, "e-" + (++seq), type, "acme/kafka", number, "streams", "ana", "bo",
        List.of(), List.of(), null, List.of(changes), at);
  }

  private PrEvent merged(int number, String utc, ApiChange... changes) {
    return event(PrEvent.Type.MERGED, number, Instant.parse(utc), changes);
  }

  private static ApiChange change(String surface, ApiChange.Kind kind) {
    return new ApiChange(surface, kind);
  }

  private void send(PrEvent... events) {
    for (PrEvent e : events) {
      prEvents.pipeInput(e.key(), e, e.at());
    }
  }

  @Test
  void countsPerSurfaceAndInTotal() {
    start();
    send(
        merged(1, "2026-11-02T10:00:00Z", change("producer-api", BREAKING), change("consumer-api", ADDITIVE)),
        merged(2, "2026-11-03T10:00:00Z", change("producer-api", ADDITIVE), change("admin-api", DEPRECATION)),
        merged(3, "2026-11-04T10:00:00Z", change("streams-api", BREAKING), change("connect-api", NONE)),
        merged(4, "2026-11-05T10:00:00Z"),
        // The same surface and kind twice in one PR is one breaking change of that PR.
        merged(5, "2026-11-06T10:00:00Z", change("producer-api", BREAKING), change("producer-api", BREAKING),
            change("producer-api", DEPRECATION)));

    List<KeyValue<String, ApiStabilityKpi>> out = kpis.readKeyValuesToList();
    assertThat(out).hasSize(5).allSatisfy(kv -> assertThat(kv.key).isEqualTo("2026-Q4"));
    ApiStabilityKpi kpi = out.get(4).value;
    assertThat(kpi.quarter()).isEqualTo("2026-Q4");
    assertThat(kpi.zone()).isEqualTo("UTC");
    assertThat(kpi.quarterStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(kpi.quarterEnd()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(kpi.asOf()).isEqualTo(Instant.parse("2026-11-06T10:00:00Z"));
    assertThat(kpi.mergedPrs()).isEqualTo(5);
    // producer-api: breaking #1 #5, additive #2, deprecation #5. connect-api had only "none".
    assertThat(kpi.surfaces())
        .containsExactly(
            Map.entry("admin-api", new Counts(0, 0, 1)),
            Map.entry("consumer-api", new Counts(0, 1, 0)),
            Map.entry("producer-api", new Counts(2, 1, 1)),
            Map.entry("streams-api", new Counts(1, 0, 0)));
    assertThat(kpi.total()).isEqualTo(new Counts(3, 2, 2));
    assertThat(kpi.targetBreaking()).isZero();
    // After the first merge alone: one breaking, one additive.
    assertThat(out.get(0).value.total()).isEqualTo(new Counts(1, 1, 0));
  }

  @Test
  void aDuplicatedMergeCountsOnceAndClosedPrsNotAtAll() {
    start();
    PrEvent merge = merged(1, "2026-11-02T10:00:00Z", change("producer-api", BREAKING));
    // A closed PR was never merged: its API changes never shipped.
    PrEvent closed = event(PrEvent.Type.CLOSED, 2, Instant.parse("2026-11-02T11:00:00Z"), change("producer-api", BREAKING));
    // The same merge again, redelivered under a new event id.
    PrEvent again = merged(1, "2026-11-02T10:00:00Z", change("producer-api", BREAKING));
    send(merge, closed, merge, again);

    List<ApiStabilityKpi> out = kpis.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).mergedPrs()).isEqualTo(1);
    assertThat(out.get(0).total()).isEqualTo(new Counts(1, 0, 0));
  }

  @Test
  void aMergeMetAfterMidnightRestatesTheEndOfEachDayFromItsOwn() {
    start();
    send(
        merged(1, "2026-11-23T10:00:00Z", change("producer-api", BREAKING)),
        merged(2, "2026-11-24T09:00:00Z", change("consumer-api", ADDITIVE)));
    assertThat(kpis.readValuesToList()).hasSize(2);
    // Stream time is Tuesday 09:00; a merge of Sunday 15:00 arrives, as from a partition that was behind.
    send(merged(3, "2026-11-22T15:00:00Z", change("streams-api", BREAKING)));

    List<ApiStabilityKpi> out = kpis.readValuesToList();
    assertThat(out).extracting(ApiStabilityKpi::asOf)
        .containsExactly(
            Instant.parse("2026-11-22T23:59:59.999Z"),
            Instant.parse("2026-11-23T23:59:59.999Z"),
            Instant.parse("2026-11-24T09:00:00Z"));
    // Sunday's end: #3 alone. Monday's: #3 and #1, two breaking. Now: all three.
    assertThat(out.get(0).mergedPrs()).isEqualTo(1);
    assertThat(out.get(0).surfaces()).containsOnlyKeys("streams-api");
    assertThat(out.get(0).total()).isEqualTo(new Counts(1, 0, 0));
    assertThat(out.get(1).mergedPrs()).isEqualTo(2);
    assertThat(out.get(1).total()).isEqualTo(new Counts(2, 0, 0));
    assertThat(out.get(2).mergedPrs()).isEqualTo(3);
    assertThat(out.get(2).total()).isEqualTo(new Counts(2, 1, 0));
    // The view, and the breaking-changes gauge, keep the latest.
    var view = topology.view(KpiViews.API_STABILITY, "2026-Q4");
    assertThat(view.asOf()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(meters.get("pmpulse.api.changes").tags("surface", "all", "kind", "additive").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void aQuartersReportsAreAsOfItsOwnLatestMergeWhateverOrderTheyCome() {
    start();
    // The last merge of 2026-Q3 arrives after the first of 2026-Q4 (a partition behind): Q3 still
    // ends as of its own last merge, as it would in order, and nothing is restated.
    send(merged(1, "2026-10-01T01:00:00Z", change("producer-api", ADDITIVE)),
        merged(2, "2026-09-30T23:00:00Z", change("producer-api", BREAKING)));
    Map<String, List<Instant>> stamps = new HashMap<>();
    kpis.readRecordsToList().forEach(r -> stamps.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().asOf()));
    assertThat(stamps.get("2026-Q3")).containsExactly(Instant.parse("2026-09-30T23:00:00Z"));
    assertThat(stamps.get("2026-Q4")).containsExactly(Instant.parse("2026-10-01T01:00:00Z"));
  }

  @Test
  void quarterBoundaryInUtc() {
    start();
    send(
        merged(1, "2026-12-31T23:59:59.999Z", change("producer-api", BREAKING)),
        merged(2, "2027-01-01T00:00:00Z", change("producer-api", ADDITIVE)));

    Map<String, ApiStabilityKpi> byQuarter = kpis.readKeyValuesToMap();
    assertThat(byQuarter).containsOnlyKeys("2026-Q4", "2027-Q1");
    assertThat(byQuarter.get("2026-Q4").total()).isEqualTo(new Counts(1, 0, 0));
    assertThat(byQuarter.get("2027-Q1").total()).isEqualTo(new Counts(0, 1, 0));
    assertThat(byQuarter.get("2027-Q1").quarterStart()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(byQuarter.get("2027-Q1").quarterEnd()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
  }

  @Test
  void quarterBoundaryInNewYork() {
    startIn(NEW_YORK);
    Instant lastOfQ4 = LocalDateTime.parse("2026-12-31T23:59:59.999").atZone(NEW_YORK).toInstant();
    Instant firstOfQ1 = LocalDateTime.parse("2027-01-01T00:00").atZone(NEW_YORK).toInstant();
    assertThat(lastOfQ4).isEqualTo(Instant.parse("2027-01-01T04:59:59.999Z"));
    // UTC midnight is still 31 December (19:00) in New York.
    send(
        merged(1, "2027-01-01T00:00:00Z", change("producer-api", DEPRECATION)),
        event(PrEvent.Type.MERGED, 2, lastOfQ4, change("producer-api", BREAKING)),
        event(PrEvent.Type.MERGED, 3, firstOfQ1, change("producer-api", ADDITIVE)));

    Map<String, ApiStabilityKpi> byQuarter = kpis.readKeyValuesToMap();
    assertThat(byQuarter).containsOnlyKeys("2026-Q4", "2027-Q1");
    ApiStabilityKpi q4 = byQuarter.get("2026-Q4");
    assertThat(q4.zone()).isEqualTo("America/New_York");
    assertThat(q4.total()).isEqualTo(new Counts(1, 0, 1));
    assertThat(q4.quarterStart()).isEqualTo(Instant.parse("2026-10-01T04:00:00Z"));
    assertThat(q4.quarterEnd()).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
    assertThat(byQuarter.get("2027-Q1").total()).isEqualTo(new Counts(0, 1, 0));
    assertThat(byQuarter.get("2027-Q1").quarterStart()).isEqualTo(firstOfQ1);
  }

  @Test
  void mergesForAQuarterClosedPastTheGraceAreLateAndItsPrsAreForgotten() {
    start();
    // Q3 ends 2026-10-01T00:00Z; with 7 days' grace it closes at 2026-10-08T00:00Z of stream time.
    PrEvent q3a = merged(1, "2026-09-30T12:00:00Z", change("producer-api", BREAKING));
    PrEvent q3b = merged(2, "2026-09-29T12:00:00Z", change("producer-api", ADDITIVE));
    send(q3a, merged(3, "2026-10-05T12:00:00Z"), q3b, q3a);
    Map<String, ApiStabilityKpi> byQuarter = kpis.readKeyValuesToMap();
    // q3b arrived late but within the grace: counted; the repeat of q3a: not.
    assertThat(byQuarter.get("2026-Q3").mergedPrs()).isEqualTo(2);
    assertThat(byQuarter.get("2026-Q3").total()).isEqualTo(new Counts(1, 1, 0));

    send(merged(4, "2026-10-08T00:00:00Z"));
    kpis.readValuesToList();
    // Now Q3 is closed: a repeat and a new Q3 merge are both late; nothing is reported.
    send(q3b, merged(5, "2026-09-30T13:00:00Z", change("admin-api", BREAKING)));
    assertThat(kpis.isEmpty()).isTrue();
    assertThat(meters.counter("pmpulse.late.records", "kpi", "api-stability").count()).isEqualTo(2);

    KeyValueStore<String, Long> counted = topology.driver().getKeyValueStore(ApiChangeCounter.COUNTED_STORE);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = counted.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    assertThat(keys).containsExactlyInAnyOrder("2026-Q4|acme/kafka#3", "2026-Q4|acme/kafka#4");
  }

  @Test
  void badApiChangesAreDeadLettered() {
    start();
    TestInputTopic<String, String> raw = topology.textInput(Topics.PR_EVENTS);
    TestOutputTopic<byte[], byte[]> deadLetter = topology.output(Topics.DEAD_LETTER);
    send(
        merged(1, "2026-11-02T10:00:00Z", change(null, BREAKING)),
        merged(2, "2026-11-02T10:01:00Z", change("producer-api", ADDITIVE), change("  ", BREAKING)),
        merged(3, "2026-11-02T10:02:00Z", change("producer-api", null)),
        merged(4, "2026-11-02T10:03:00Z", change("all", BREAKING)));
    String unknownKind =
        "{\"v\":1,\"eventId\":\"x\",\"type\":\"merged\",\"repo\":\"acme/kafka\",\"number\":5,\"team\":\"streams\","
            + "\"author\":\"ana\",\"apiChanges\":[{\"surface\":\"producer-api\",\"kind\":\"major\"}],"
            + "\"at\":\"2026-11-02T10:04:00Z\"}";
    raw.pipeInput("acme/kafka#5", unknownKind, Instant.parse("2026-11-02T10:04:00Z"));

    List<String> reasons = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (TestRecord<byte[], byte[]> r : deadLetter.readRecordsToList()) {
      reasons.add(header(r, "pmpulse.reason"));
      details.add(header(r, "pmpulse.reason.detail"));
    }
    assertThat(reasons).containsExactly("missing-field", "missing-field", "missing-field", "invalid-value", "invalid-value");
    assertThat(details.get(0)).contains("apiChanges[0].surface");
    assertThat(details.get(1)).contains("apiChanges[1].surface");
    assertThat(details.get(2)).contains("apiChanges[0].kind");
    assertThat(details.get(4)).contains("kind");
    assertThat(kpis.isEmpty()).isTrue();
    assertThat(meters.counter("pmpulse.dead.letter.records", "topic", Topics.PR_EVENTS.name(), "reason", "missing-field").count())
        .isEqualTo(3);
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
