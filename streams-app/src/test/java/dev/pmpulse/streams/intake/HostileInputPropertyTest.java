package dev.pmpulse.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.PmPulseTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Issue 8, hostile input: random bytes, truncated JSON, wrong types, huge strings, extreme
 * timestamps and valid-but-hostile values, interleaved with good records on every input topic of
 * the whole topology. Whatever comes, the topology does not throw, every bad record is on the
 * dead-letter topic (unchanged, with a reason), and the good ones are all counted.
 */
class HostileInputPropertyTest {
  private static final Instant BASE = Instant.parse("2026-11-23T12:00:00Z");
  private static final Set<String> REASONS =
      Set.of(Rejection.UNPARSEABLE, Rejection.MISSING_FIELD, Rejection.UNKNOWN_TYPE, Rejection.INVALID_VALUE,
          Rejection.UNSUPPORTED_VERSION, Rejection.FUTURE_EVENT_TIME);

  /** The five input topics, each with the fields a record must carry and the one that is its time. */
  enum Feed {
    PR(Topics.PR_EVENTS.name(), "at"),
    ESCALATION(Topics.ESCALATION_EVENTS.name(), "at"),
    LATENCY(Topics.LATENCY_SAMPLES.name(), "at"),
    DELIVERY(Topics.DELIVERY_SAMPLES.name(), "intervalEnd"),
    ROLLOUT(Topics.ROLLOUT_EVENTS.name(), "at");

    final String topic;
    final String timeField;

    Feed(String topic, String timeField) {
      this.topic = topic;
      this.timeField = timeField;
    }
  }

  /** A record as sent: to which feed, its bytes (null: a tombstone), its Kafka timestamp, and whether it is good. */
  record Input(Feed feed, String what, byte[] value, long timestamp, boolean good, Map<String, Object> fields) {
    @Override
    public String toString() {
      String text = value == null ? "null" : new String(value, StandardCharsets.UTF_8);
      return feed + " " + (good ? "good" : "bad") + " " + what + " ts=" + timestamp + " "
          + (text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text);
    }
  }

  // One driver for all tries (a driver of the whole topology takes seconds to build): each try
  // compares what changed, and uses its own ids, clusters and minutes.
  private TopologyTestDriver driver;
  private Path stateDir;
  private SimpleMeterRegistry meters;
  private final Map<Feed, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private TestOutputTopic<String, DeliveryKpi> deliveryKpis;
  private final Map<Feed, Long> offsets = new HashMap<>();
  private int tries;

  private void startDriver() throws IOException {
    meters = new SimpleMeterRegistry();
    stateDir = Files.createTempDirectory("hostile-input-");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "hostile-input");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(PmPulseTopology.build(meters), props);
    for (Feed feed : Feed.values()) {
      inputs.put(feed, driver.createInputTopic(feed.topic, new StringSerializer(), new ByteArraySerializer()));
    }
    deadLetters =
        driver.createOutputTopic(Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    deliveryKpis = driver.createOutputTopic(
        Topics.DELIVERY_KPI.name(), new StringDeserializer(), Topics.DELIVERY_KPI.valueSerde().deserializer());
    offsets.clear();
  }

  @AfterProperty
  void stopDriver() {
    if (driver != null) {
      driver.close();
      driver = null;
      try {
        Utils.delete(stateDir.toFile());
      } catch (IOException notEmptyYet) {
        // RocksDB may still be closing a store: a leftover temp dir is no test result.
      }
    }
  }

  @Property(tries = 50)
  void badRecordsAreDeadLetteredAndGoodOnesCountedWhateverTheMix(@ForAll("batches") List<Input> batch) throws IOException {
    if (driver == null) {
      startDriver();
    }
    int attempt = ++tries;
    // One good record per feed first: a partition's first record sets its stream time, which the
    // intake then measures "too far in the future" against.
    List<Input> planned = new ArrayList<>();
    for (Feed feed : Feed.values()) {
      planned.add(good(feed, "warm-up", fieldsOf(feed, "warm-up", "warm-up", BASE), BASE.toEpochMilli()));
    }
    planned.addAll(batch);
    List<Input> sent = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      sent.add(ownIds(planned.get(i), attempt, i));
    }
    Map<Feed, Double> acceptedBefore = new HashMap<>();
    Map<Feed, Double> rejectedBefore = new HashMap<>();
    for (Feed feed : Feed.values()) {
      acceptedBefore.put(feed, accepted(feed));
      rejectedBefore.put(feed, rejected(feed));
    }
    // By position: a shrunk list may hold the same record twice.
    List<Long> offsetOf = new ArrayList<>();
    boolean threw = true;
    try {
      for (Input in : sent) {
        offsetOf.add(offsets.merge(in.feed(), 1L, Long::sum) - 1);
        // The driver rethrows whatever a processor throws, as the app would stop on it.
        inputs.get(in.feed()).pipeInput(new TestRecord<>("key", in.value(), null, in.timestamp()));
      }
      threw = false;
    } finally {
      if (threw) {
        stopDriver(); // the next try starts afresh
      }
    }

    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      if (!sent.get(i).good()) {
        bad.add(i);
      }
    }
    assertThat(dead).as("dead letters").hasSize(bad.size());
    for (int i = 0; i < bad.size(); i++) {
      Input in = sent.get(bad.get(i));
      TestRecord<byte[], byte[]> r = dead.get(i);
      assertThat(r.value()).as("dead letter %d is %s", i, in).isEqualTo(in.value() == null ? new byte[0] : in.value());
      assertThat(header(r, DeadLetter.HEADER_REASON)).as("reason of %s", in).isIn(REASONS);
      assertThat(header(r, DeadLetter.HEADER_DETAIL)).as("detail of %s", in).isNotBlank();
      assertThat(header(r, DeadLetter.HEADER_SOURCE_TOPIC)).isEqualTo(in.feed().topic);
      assertThat(header(r, DeadLetter.HEADER_SOURCE_OFFSET)).isEqualTo(Long.toString(offsetOf.get(bad.get(i))));
    }

    for (Feed feed : Feed.values()) {
      long good = sent.stream().filter(in -> in.feed() == feed && in.good()).count();
      long rejected = sent.stream().filter(in -> in.feed() == feed && !in.good()).count();
      assertThat(accepted(feed) - acceptedBefore.get(feed)).as("good %s records counted", feed).isEqualTo(good);
      assertThat(rejected(feed) - rejectedBefore.get(feed)).as("bad %s records counted", feed).isEqualTo(rejected);
    }

    // And the delivery KPI adds up exactly the good samples, cluster by cluster.
    Map<String, Long> producedByCluster = new HashMap<>();
    sent.stream().filter(in -> in.feed() == Feed.DELIVERY && in.good())
        .forEach(in -> producedByCluster.merge((String) in.fields().get("cluster"),
            ((Number) in.fields().get("produced")).longValue(), Long::sum));
    Map<String, DeliveryKpi> latest = new LinkedHashMap<>();
    deliveryKpis.readKeyValuesToList().forEach(kv -> latest.put(kv.value.cluster(), kv.value));
    producedByCluster.forEach((cluster, produced) ->
        assertThat(latest.get(cluster)).as("delivery KPI of cluster %s", cluster).isNotNull()
            .extracting(DeliveryKpi::produced).isEqualTo(produced));
  }

  private double accepted(Feed feed) {
    return meters.counter("pmpulse.accepted.records", "topic", feed.topic).count();
  }

  private double rejected(Feed feed) {
    return meters.find("pmpulse.dead.letter.records").tag("topic", feed.topic).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * A good record with ids of its own (an escalation opened twice is the tracker's business, not
   * the intake's) and, for delivery samples, a cluster of its try and a minute in order, so none is
   * late for the delivery ledger and the KPI of each try's clusters is that try's sum.
   */
  private static Input ownIds(Input in, int attempt, int position) {
    if (!in.good()) {
      return in;
    }
    String suffix = "#" + attempt + "." + position;
    Map<String, Object> fields = new LinkedHashMap<>(in.fields());
    fields.computeIfPresent("eventId", (k, v) -> v + suffix);
    if (in.feed() == Feed.ESCALATION) {
      fields.put("id", fields.get("id") + suffix);
    }
    if (in.feed() == Feed.DELIVERY) {
      fields.put("cluster", fields.get("cluster") + "#" + attempt);
      Instant end = BASE.plus(Duration.ofHours(attempt)).plus(Duration.ofMinutes(position));
      fields.put("intervalStart", end.minus(Duration.ofMinutes(1)).toString());
      fields.put("intervalEnd", end.toString());
      // The ledger reports as of stream time, so its timestamp is its interval's end, as the producer sends it.
      return good(in.feed(), in.what(), fields, end.toEpochMilli());
    }
    return good(in.feed(), in.what(), fields, in.timestamp());
  }

  private static Input good(Feed feed, String what, Map<String, Object> fields, long timestamp) {
    return new Input(feed, what, json(fields), timestamp, true, fields);
  }

  private static byte[] json(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<List<Input>> batches() {
    return Arbitraries.of(Feed.values())
        .flatMap(feed -> Arbitraries.frequencyOf(
            Tuple.of(3, goodRecord(feed)),
            Tuple.of(4, badRecord(feed))))
        .list().ofMinSize(1).ofMaxSize(40);
  }

  /** Text that is valid where a non-blank string is required: any characters, control ones too, sometimes long. */
  private static Arbitrary<String> hostileText() {
    Arbitrary<String> any = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMinLength(1).ofMaxLength(24);
    Arbitrary<String> control = Arbitraries.strings().withCharRange('\u0000', '\u001F').ofMinLength(1).ofMaxLength(4)
        .map(s -> "x" + s);
    // Up to the intake's limit, less the suffix the test adds to make ids its own.
    Arbitrary<String> huge = Arbitraries.integers().between(900, Validator.MAX_TEXT_LENGTH - 20).map(n -> "h".repeat(n));
    return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)),
            Tuple.of(3, any),
            Tuple.of(2, control),
            Tuple.of(1, huge))
        .filter(s -> !s.isBlank());
  }

  /** Event times a few days either side of the base, so none is "in the future" and none is late for a KPI. */
  private static Arbitrary<Instant> eventTime() {
    return Arbitraries.longs().between(-Duration.ofDays(2).toSeconds(), Duration.ofDays(2).toSeconds())
        .map(BASE::plusSeconds);
  }

  private static Arbitrary<Input> goodRecord(Feed feed) {
    Arbitrary<Map<String, Object>> fields = switch (feed) {
      case PR -> Combinators.combine(
              hostileText(), Arbitraries.of("opened", "ready_for_review", "review_requested", "review_submitted",
                  "merged", "closed"),
              Arbitraries.integers().between(1, Integer.MAX_VALUE), hostileText(), hostileText(), eventTime())
          .as((id, type, number, team, person, at) -> {
            Map<String, Object> m = base(1, id, at);
            m.put("type", type);
            m.put("repo", "acme/streams");
            m.put("number", number);
            m.put("team", team);
            m.put("author", person);
            m.put("actor", "reviewer");
            m.put("reviewState", "approved");
            m.put("reviewers", List.of(person));
            return m;
          });
      case ESCALATION -> Combinators.combine(
              hostileText(), hostileText(), Arbitraries.of("P0", "P1", "P2", "P3"), hostileText(), eventTime())
          .as((id, customer, severity, area, at) -> {
            Map<String, Object> m = base(1, id, at);
            m.put("type", "opened");
            m.put("id", id);
            m.put("customer", customer);
            m.put("severity", severity);
            m.put("productArea", area);
            return m;
          });
      case LATENCY -> Combinators.combine(
              hostileText(),
              Arbitraries.frequencyOf(
                  Tuple.of(4, Arbitraries.doubles().between(0, 3_600_000)),
                  Tuple.of(1, Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, 3_600_000.0))),
              eventTime())
          .as((cluster, latency, at) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", 1);
            m.put("cluster", cluster);
            m.put("region", "r");
            m.put("operation", "produce");
            m.put("latencyMs", latency);
            m.put("at", at.toString());
            return m;
          });
      case DELIVERY -> Combinators.combine(
              Arbitraries.of("us-east-1", "eu-west-1", "\u0007bell", "ünïcode"),
              Arbitraries.longs().between(0, 1_000_000_000_000L), Arbitraries.doubles().between(0, 1),
              Arbitraries.longs().between(0, 1_000_000_000_000L))
          .as((cluster, produced, deliveredShare, duplicates) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", 1);
            m.put("cluster", cluster);
            m.put("intervalStart", BASE.minusSeconds(60).toString());
            m.put("intervalEnd", BASE.toString());
            m.put("produced", produced);
            m.put("delivered", (long) Math.floor(produced * deliveredShare));
            m.put("duplicates", duplicates);
            return m;
          });
      case ROLLOUT -> Combinators.combine(hostileText(), hostileText(), Arbitraries.of(5, 10, 25, 50, 100), eventTime())
          .as((id, flag, stage, at) -> {
            Map<String, Object> m = base(1, id, at);
            m.put("flag", flag);
            m.put("cluster", "us-east-1");
            m.put("stagePercent", stage);
            return m;
          });
    };
    Arbitrary<Long> timestampChoice = Arbitraries.of(0L, BASE.toEpochMilli(), Long.MAX_VALUE, 253_402_300_799_999L);
    return Combinators.combine(fields, Arbitraries.integers().between(0, 4), timestampChoice)
        .as((m, pick, hostileTs) -> {
          // Mostly the event time as Kafka timestamp, as the producer does; sometimes a hostile one.
          long ts = pick == 0 ? hostileTs : Instant.parse((String) m.get(feed.timeField)).toEpochMilli();
          return good(feed, "valid", m, ts);
        });
  }

  private static Map<String, Object> fieldsOf(Feed feed, String id, String text, Instant at) {
    Map<String, Object> m = base(1, id, at);
    switch (feed) {
      case PR -> {
        m.put("type", "opened");
        m.put("repo", "acme/" + text);
        m.put("number", 1);
        m.put("team", text);
        m.put("author", text);
      }
      case ESCALATION -> {
        m.put("type", "opened");
        m.put("id", "ESC-" + id);
        m.put("customer", text);
        m.put("severity", "P1");
        m.put("productArea", text);
      }
      case LATENCY -> {
        m.remove("eventId");
        m.put("cluster", text);
        m.put("latencyMs", 12.5);
      }
      case DELIVERY -> {
        m.remove("eventId");
        m.remove("at");
        m.put("cluster", "us-east-1");
        m.put("intervalStart", at.minusSeconds(60).toString());
        m.put("intervalEnd", at.toString());
        m.put("produced", 1000);
        m.put("delivered", 1000);
        m.put("duplicates", 0);
      }
      case ROLLOUT -> {
        m.put("flag", text);
        m.put("cluster", "us-east-1");
        m.put("stagePercent", 5);
      }
    }
    return m;
  }

  private static Map<String, Object> base(int v, String id, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", v);
    m.put("eventId", id);
    m.put("at", at.toString());
    return m;
  }

  /** Fields whose absence or blankness the contract refuses, per feed. */
  private static List<String> required(Feed feed) {
    return switch (feed) {
      case PR -> List.of("v", "eventId", "type", "repo", "number", "team", "author", "at");
      case ESCALATION -> List.of("v", "eventId", "type", "id", "customer", "severity", "productArea", "at");
      case LATENCY -> List.of("v", "cluster", "at");
      case DELIVERY -> List.of("v", "cluster", "intervalStart", "intervalEnd");
      case ROLLOUT -> List.of("v", "eventId", "flag", "cluster", "stagePercent", "at");
    };
  }

  /** A field of the feed that holds text (and becomes a key somewhere). */
  private static String textField(Feed feed) {
    return switch (feed) {
      case PR -> "team";
      case ESCALATION -> "id";
      case LATENCY, DELIVERY, ROLLOUT -> "cluster";
    };
  }

  /** Wrong values that are still well-formed JSON, per feed: each makes a good record bad. */
  private static List<Function<Map<String, Object>, Map<String, Object>>> hostileValues(Feed feed) {
    List<Function<Map<String, Object>, Map<String, Object>>> out = new ArrayList<>(List.of(
        m -> with(m, "v", 2),
        m -> with(m, "v", -1),
        m -> with(m, feed.timeField, "+1000000000-12-31T23:59:59Z"),
        m -> with(m, feed.timeField, "-1000000000-01-01T00:00:00Z"),
        m -> with(m, feed.timeField, "1969-12-31T23:59:59Z"),
        m -> with(m, feed.timeField, "1500-01-01T00:00:00Z"),
        m -> with(m, feed.timeField, BASE.plus(Duration.ofDays(30)).toString()),
        m -> with(m, feed.timeField, "yesterday"),
        m -> with(m, feed.timeField, 1.5e300),
        m -> with(m, textField(feed), "x".repeat(Validator.MAX_TEXT_LENGTH + 1)),
        m -> with(m, textField(feed), "y".repeat(60_000))));
    switch (feed) {
      case PR -> out.addAll(List.of(
          m -> with(m, "type", "exploded"),
          m -> with(m, "number", 0),
          m -> with(m, "number", -7),
          m -> with(m, "number", "seven"),
          m -> with(m, "number", 1e20),
          m -> with(m, "eventId", ""),
          m -> with(m, "team", " \t\n"),
          m -> with(with(m, "type", "review_submitted"), "reviewState", "meh"),
          m -> with(m, "reviewers", Map.of("not", "a list"))));
      case ESCALATION -> out.addAll(List.of(
          m -> with(m, "type", "escalated"),
          m -> with(m, "severity", "P9"),
          m -> with(m, "id", ""),
          m -> with(m, "eventId", "   ")));
      case LATENCY -> out.addAll(List.of(
          m -> with(m, "latencyMs", -1),
          m -> with(m, "latencyMs", -1e-9),
          m -> with(m, "latencyMs", "NaN"),
          m -> with(m, "latencyMs", "Infinity"),
          m -> with(m, "latencyMs", "-Infinity"),
          m -> with(m, "latencyMs", 1e308),
          m -> with(m, "latencyMs", 3_600_000.001),
          m -> with(m, "latencyMs", "fast"),
          m -> with(m, "cluster", "")));
      case DELIVERY -> out.addAll(List.of(
          m -> with(m, "produced", -1),
          m -> with(m, "delivered", ((Number) m.get("produced")).longValue() + 1),
          m -> with(m, "duplicates", -5),
          m -> with(m, "produced", Long.MAX_VALUE),
          m -> with(m, "produced", 1e30),
          m -> with(m, "intervalStart", BASE.plusSeconds(3600).toString())));
      case ROLLOUT -> out.addAll(List.of(
          m -> with(m, "stagePercent", 7),
          m -> with(m, "stagePercent", -5),
          m -> with(m, "flag", "")));
    }
    return out;
  }

  private static Map<String, Object> with(Map<String, Object> m, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(m);
    copy.put(field, value);
    return copy;
  }

  private static Arbitrary<Input> badRecord(Feed feed) {
    Arbitrary<Map<String, Object>> valid = goodRecord(feed).map(Input::fields);
    Arbitrary<Long> ts = Arbitraries.of(0L, BASE.toEpochMilli(), Long.MAX_VALUE, BASE.plus(Duration.ofDays(400)).toEpochMilli());
    Arbitrary<Input> randomBytes = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(200), ts)
        .as((bytes, t) -> new Input(feed, "random bytes", bytes, t, false, Map.of()));
    Arbitrary<Input> tombstone = ts.map(t -> new Input(feed, "null value", null, t, false, Map.of()));
    Arbitrary<Input> truncated = Combinators.combine(valid, Arbitraries.doubles().between(0, 1), ts)
        .as((m, cut, t) -> {
          byte[] full = json(m);
          int length = (int) Math.floor(cut * (full.length - 1)); // never the whole document
          return new Input(feed, "truncated JSON", java.util.Arrays.copyOf(full, length), t, false, Map.of());
        });
    Arbitrary<Input> missing = Combinators.combine(valid, Arbitraries.of(required(feed)), ts)
        .as((m, field, t) -> {
          Map<String, Object> copy = new LinkedHashMap<>(m);
          copy.remove(field);
          return new Input(feed, "missing " + field, json(copy), t, false, Map.of());
        });
    Arbitrary<Input> wrongType = Combinators.combine(valid, Arbitraries.of(required(feed)),
            Arbitraries.of(Map.of("nested", true), List.of(1, 2)), ts)
        .as((m, field, wrong, t) -> new Input(feed, "wrong type for " + field, json(with(m, field, wrong)), t, false,
            Map.of()));
    Arbitrary<Input> hostileValue = Combinators.combine(valid, Arbitraries.of(hostileValues(feed)), ts)
        .as((m, spoil, t) -> new Input(feed, "hostile value", json(spoil.apply(m)), t, false, Map.of()));
    Arbitrary<Input> notAnObject = Combinators.combine(
            Arbitraries.of("[]", "42", "\"text\"", "true", "null", "{}", "{\"v\":1}", "{\"v\":1,\"at\":\u0001}",
                "{\"v\":1,\"eventId\":\"a\u0000b\"}"), ts)
        .as((text, t) -> new Input(feed, "not an event", text.getBytes(StandardCharsets.UTF_8), t, false, Map.of()));
    return Arbitraries.oneOf(randomBytes, tombstone, truncated, missing, wrongType, hostileValue, notAnObject);
  }
}
