package dev.pmpulse.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
import dev.pmpulse.streams.PmPulseTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input goes to the dead-letter topic with where it came from and why; good input passes. */
class IntakeTopologyTest {
  private static final String GOOD =
      """
      {"v":1,"eventId":"e1","type":"opened","repo":"acme/streams","number":7,"team":"streams",
       "author":"ana","reviewers":["bo"],"at":"2026-11-23T17:00:00Z"}""";

  @TempDir Path stateDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private FullTopology topology;
  private TestInputTopic<String, byte[]> input;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void start() {
    topology = new FullTopology(stateDir, meters);
    input = topology.bytesInput(Topics.PR_EVENTS);
    deadLetters =
        topology.output(Topics.DEAD_LETTER);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  private void send(String json, Instant timestamp) {
    input.pipeInput("acme/streams#7", json == null ? null : json.getBytes(StandardCharsets.UTF_8), timestamp);
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private double rejected(String reason) {
    var c = meters.find("pmpulse.dead.letter.records").tags("topic", Topics.PR_EVENTS.name(), "reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void everyBadRecordIsDeadLetteredWithItsReasonAndEveryGoodOneAccepted() {
    Instant t = Instant.parse("2026-11-23T17:00:00Z");
    List<String[]> cases =
        List.of(
            new String[] {"this is not json", Rejection.UNPARSEABLE},
            new String[] {"{\"v\":1,\"type\":\"opened\"", Rejection.UNPARSEABLE},
            new String[] {"[1,2,3]", Rejection.UNPARSEABLE},
            new String[] {GOOD.replace("\"opened\"", "\"exploded\""), Rejection.UNKNOWN_TYPE},
            new String[] {GOOD.replace("\"team\":\"streams\",", ""), Rejection.MISSING_FIELD},
            new String[] {GOOD.replace("\"v\":1", "\"v\":2"), Rejection.UNSUPPORTED_VERSION},
            new String[] {GOOD.replace("\"number\":7", "\"number\":\"seven\""), Rejection.INVALID_VALUE},
            new String[] {GOOD.replace("\"number\":7", "\"number\":-7"), Rejection.INVALID_VALUE},
            new String[] {GOOD.replace("\"type\":\"opened\"", "\"type\":\"review_submitted\""), Rejection.MISSING_FIELD});
    send(GOOD, t);
    for (String[] c : cases) {
      send(c[0], t);
    }
    send(GOOD.replace("\"e1\"", "\"e2\""), t);

    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(cases.size());
    for (int i = 0; i < cases.size(); i++) {
      TestRecord<byte[], byte[]> r = dead.get(i);
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(cases.get(i)[0]);
      assertThat(header(r, DeadLetter.HEADER_REASON)).as("reason of case %d", i).isEqualTo(cases.get(i)[1]);
      assertThat(header(r, DeadLetter.HEADER_DETAIL)).isNotBlank();
      assertThat(header(r, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.PR_EVENTS.name());
      assertThat(header(r, DeadLetter.HEADER_SOURCE_PARTITION)).isEqualTo("0");
      // The good record was offset 0, so the i-th bad record is offset i + 1.
      assertThat(header(r, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo(Long.toString(i + 1));
    }
    assertThat(meters.counter("pmpulse.accepted.records", "topic", Topics.PR_EVENTS.name()).count()).isEqualTo(2);
    assertThat(rejected(Rejection.UNPARSEABLE)).isEqualTo(3);
    assertThat(rejected(Rejection.INVALID_VALUE)).isEqualTo(2);
  }

  @Test
  void aNullValueIsDeadLetteredNotDropped() {
    send(null, Instant.parse("2026-11-23T17:00:00Z"));
    TestRecord<byte[], byte[]> r = deadLetters.readRecord();
    assertThat(header(r, DeadLetter.HEADER_REASON)).isEqualTo(Rejection.UNPARSEABLE);
  }

  @Test
  void eventFarAheadOfStreamTimeIsDeadLetteredAndDoesNotMoveStreamTime() {
    Instant t = Instant.parse("2026-11-23T17:00:00Z");
    send(GOOD, t);
    // Eight days ahead, past the 7-day limit, with a Kafka timestamp just as far ahead.
    Instant future = t.plus(PmPulseTopology.MAX_FUTURE_SKEW).plusSeconds(86_400);
    send(GOOD.replace("2026-11-23T17:00:00Z", future.toString()).replace("\"e1\"", "\"e9\""), future);
    // Six days ahead is accepted.
    Instant soon = t.plusSeconds(6 * 86_400);
    send(GOOD.replace("2026-11-23T17:00:00Z", soon.toString()).replace("\"e1\"", "\"e10\""), soon);

    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), DeadLetter.HEADER_REASON)).isEqualTo(Rejection.FUTURE_EVENT_TIME);
    assertThat(meters.counter("pmpulse.accepted.records", "topic", Topics.PR_EVENTS.name()).count()).isEqualTo(2);
  }

  @Test
  void aFirstRecordWithAnAbsurdTimestampDoesNotPoisonStreamTime() {
    Instant t = Instant.parse("2026-11-23T17:00:00Z");
    input.pipeInput("acme/streams#7", GOOD.getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE);
    send(GOOD.replace("\"e1\"", "\"e2\""), t);

    assertThat(deadLetters.readRecordsToList()).isEmpty();
    assertThat(meters.counter("pmpulse.accepted.records", "topic", Topics.PR_EVENTS.name()).count()).isEqualTo(2);
  }

  @Test
  void eventTimesAKafkaTimestampCannotCarryAreInvalid() {
    send(GOOD.replace("2026-11-23T17:00:00Z", "1969-12-31T23:59:59Z"), Instant.parse("2026-11-23T17:00:00Z"));
    send(GOOD.replace("2026-11-23T17:00:00Z", "+1000000000-12-31T23:59:59Z"), Instant.parse("2026-11-23T17:00:00Z"));

    assertThat(deadLetters.readRecordsToList())
        .extracting(r -> header(r, DeadLetter.HEADER_REASON))
        .containsExactly(Rejection.INVALID_VALUE, Rejection.INVALID_VALUE);
  }

  @Test
  void extractorKeepsInvalidAndFarFutureTimestampsFromMovingStreamTime() {
    EventTimeExtractor extractor = new EventTimeExtractor(Duration.ofDays(7));
    long partitionTime = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    var record = new ConsumerRecord<Object, Object>("t", 0, 0, -1L,
        TimestampType.CREATE_TIME, 0, 0, null, null, new RecordHeaders(), Optional.empty());
    assertThat(extractor.extract(record, partitionTime)).isEqualTo(partitionTime);
    long farAhead = partitionTime + Duration.ofDays(8).toMillis();
    var ahead = new ConsumerRecord<Object, Object>("t", 0, 0, farAhead,
        TimestampType.CREATE_TIME, 0, 0, null, null, new RecordHeaders(), Optional.empty());
    assertThat(extractor.extract(ahead, partitionTime)).isEqualTo(partitionTime);
    long fine = partitionTime + 1000;
    var ok = new ConsumerRecord<Object, Object>("t", 0, 0, fine,
        TimestampType.CREATE_TIME, 0, 0, null, null, new RecordHeaders(), Optional.empty());
    assertThat(extractor.extract(ok, partitionTime)).isEqualTo(fine);
  }
}
