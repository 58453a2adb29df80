package dev.pmpulse.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.Json;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.FullTopology;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, hostile input: random bytes, truncated JSON, wrong types, huge strings, extreme
 * timestamps and valid-but-hostile values, interleaved with good records on every input topic of
 * the whole topology. Whatever comes, the topology does not throw, every bad record is on the
 * dead-letter topic (unchanged, with a reason), and the good ones are all counted.
 *
 * <p>A seeded property test: property-based testing without a library. Each of 50 fixed seeds
 * drives a {@link SplittableRandom} through hand-written generators to one batch of 1 to 40
 * records across the five input topics (after one good record per topic), and the same
 * properties are checked for every batch. A failure names its seed and prints the whole batch;
 * {@code -Dpmpulse.hostile.seeds=17} (a comma-separated list) runs just those seeds, to replay one
 * or to try others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputPropertyTest {
  private static final Instant BASE = Instant.parse("2026-11-23T12:00:00Z");
  private static final Set<String> REASONS =
      Set.of(Rejection.UNPARSEABLE, Rejection.MISSING_FIELD, Rejection.UNKNOWN_TYPE, Rejection.INVALID_VALUE,
          Rejection.UNSUPPORTED_VERSION, Rejection.FUTURE_EVENT_TIME);
  private static final String SEEDS_PROPERTY = "pmpulse.hostile.seeds";
  private static final int SEED_COUNT = 50;

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
      String text = value == null ? "null"
          : RANDOM_BYTES.equals(what) ? "0x" + HexFormat.of().formatHex(value)
          : new String(value, StandardCharsets.UTF_8);
      return feed + " " + (good ? "good" : "bad") + " " + what + " ts=" + timestamp + " "
          + (text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text);
    }
  }

  private static final String RANDOM_BYTES = "random bytes";

  // One driver for all seeds (a driver of the whole topology takes seconds to build): each seed
  // compares what changed, and uses its own ids, clusters and minutes.
  private FullTopology topology;
  private Path stateDir;
  private SimpleMeterRegistry meters;
  private final Map<Feed, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private TestOutputTopic<String, DeliveryKpi> deliveryKpis;
  private final Map<Feed, Long> offsets = new HashMap<>();
  private int tries;

  /** 1 to 50, or the seeds given with -Dpmpulse.hostile.seeds=a,b,c. */
  static LongStream seeds() {
    String given = System.getProperty(SEEDS_PROPERTY, "").trim();
    if (given.isEmpty()) {
      return LongStream.rangeClosed(1, SEED_COUNT);
    }
    return Arrays.stream(given.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong);
  }

  private void startDriver() throws IOException {
    meters = new SimpleMeterRegistry();
    stateDir = Files.createTempDirectory("hostile-input-");
    topology = new FullTopology(stateDir, meters);
    for (Feed feed : Feed.values()) {
      inputs.put(feed, topology.driver().createInputTopic(feed.topic, new StringSerializer(), new ByteArraySerializer()));
    }
    deadLetters = topology.output(Topics.DEAD_LETTER);
    deliveryKpis = topology.output(Topics.DELIVERY_KPI);
    offsets.clear();
  }

  @AfterAll
  void stopDriver() {
    if (topology != null) {
      topology.close();
      topology = null;
      try {
        Utils.delete(stateDir.toFile());
      } catch (IOException notEmptyYet) {
        // a store may still be closing: a leftover temp dir is no test result.
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void badRecordsAreDeadLetteredAndGoodOnesCountedWhateverTheMix(long seed) throws IOException {
    if (topology == null) {
      startDriver();
    }
    int attempt = ++tries;
    // One good record per feed first: a partition's first record sets its stream time, which the
    // intake then measures "too far in the future" against.
    List<Input> planned = new ArrayList<>();
    for (Feed feed : Feed.values()) {
      planned.add(good(feed, "warm-up", fieldsOf(feed, "warm-up", "warm-up", BASE), BASE.toEpochMilli()));
    }
    planned.addAll(batch(new SplittableRandom(seed)));
    List<Input> sent = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      sent.add(ownIds(planned.get(i), attempt, i));
    }
    // Each record's offset on its topic, by position: a batch may hold the same record twice.
    List<Long> offsetOf = new ArrayList<>();
    for (Input in : sent) {
      offsetOf.add(offsets.merge(in.feed(), 1L, Long::sum) - 1);
    }
    try {
      sendAndCheck(sent, offsetOf);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(replay(seed, sent, offsetOf) + "\n" + e.getMessage(), e);
    }
  }

  private void sendAndCheck(List<Input> sent, List<Long> offsetOf) {
    Map<Feed, Double> acceptedBefore = new HashMap<>();
    Map<Feed, Double> rejectedBefore = new HashMap<>();
    for (Feed feed : Feed.values()) {
      acceptedBefore.put(feed, accepted(feed));
      rejectedBefore.put(feed, rejected(feed));
    }
    for (int i = 0; i < sent.size(); i++) {
      Input in = sent.get(i);
      try {
        // The driver rethrows whatever a processor throws, as the app would stop on it.
        inputs.get(in.feed()).pipeInput(new TestRecord<>("key", in.value(), null, in.timestamp()));
      } catch (RuntimeException e) {
        stopDriver(); // the next seed starts afresh
        throw new AssertionError("the topology threw on record " + i + " (" + in + "): " + e, e);
      }
    }

    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      if (!sent.get(i).good()) {
        bad.add(i);
      }
    }
    // First which records are there, by source topic and offset, so a failure names the ones missing or extra.
    assertThat(dead).as("dead letters by source topic and offset")
        .extracting(r -> header(r, DeadLetter.HEADER_SOURCE_TOPIC) + "@" + header(r, DeadLetter.HEADER_SOURCE_OFFSET))
        .containsExactlyElementsOf(bad.stream().map(i -> sent.get(i).feed().topic + "@" + offsetOf.get(i)).toList());
    for (int i = 0; i < bad.size(); i++) {
      Input in = sent.get(bad.get(i));
      TestRecord<byte[], byte[]> r = dead.get(i);
      assertThat(r.value()).as("dead letter %d is %s", i, in).isEqualTo(in.value() == null ? new byte[0] : in.value());
      assertThat(header(r, DeadLetter.HEADER_REASON)).as("reason of %s", in).isIn(REASONS);
      assertThat(header(r, DeadLetter.HEADER_DETAIL)).as("detail of %s", in).isNotBlank();
      assertThat(header(r, DeadLetter.HEADER_SOURCE_TOPIC)).as("source topic of %s", in).isEqualTo(in.feed().topic);
      assertThat(header(r, DeadLetter.HEADER_SOURCE_OFFSET)).as("source offset of %s", in)
          .isEqualTo(Long.toString(offsetOf.get(bad.get(i))));
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

  /** What a failure says first: the seed, how to run it alone, and every record sent, in order. */
  private static String replay(long seed, List<Input> sent, List<Long> offsetOf) {
    StringBuilder out = new StringBuilder()
        .append("seed ").append(seed).append(" failed (run it alone with -D").append(SEEDS_PROPERTY).append('=')
        .append(seed).append("); its ").append(sent.size()).append(" records, the five warm-ups first:");
    for (int i = 0; i < sent.size(); i++) {
      out.append("\n  ").append(i).append(": @").append(offsetOf.get(i)).append(' ').append(sent.get(i));
    }
    return out.toString();
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

  // ---- generators: each draws from one SplittableRandom, so a seed gives the same batch every time ----

  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** 1 to 40 records, each on any feed, 3 good to 4 bad. */
  static List<Input> batch(SplittableRandom random) {
    int size = between(random, 1, 40);
    List<Input> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Feed feed = oneOf(random, Feed.values());
      out.add(random.nextInt(7) < 3 ? goodRecord(random, feed) : badRecord(random, feed));
    }
    return out;
  }

  /** From min to max, both included; one draw in five is a bound, where off-by-one bugs live. */
  private static int between(SplittableRandom random, int min, int max) {
    return (int) between(random, (long) min, (long) max);
  }

  private static long between(SplittableRandom random, long min, long max) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> random.nextLong(min, max + 1);
    };
  }

  private static double between(SplittableRandom random, double min, double max) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> random.nextDouble(min, max);
    };
  }

  @SafeVarargs
  private static <T> T oneOf(SplittableRandom random, T... options) {
    return options[random.nextInt(options.length)];
  }

  private static <T> T oneOf(SplittableRandom random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static String chars(SplittableRandom random, int length, char from, char to) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) random.nextInt(from, to + 1));
    }
    return out.toString();
  }

  /** Text that is valid where a non-blank string is required: any characters, control ones too, sometimes long. */
  private static String hostileText(SplittableRandom random) {
    while (true) {
      int pick = random.nextInt(12);
      String text;
      if (pick < 6) {
        StringBuilder alnum = new StringBuilder();
        for (int i = between(random, 1, 12); i > 0; i--) {
          alnum.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        text = alnum.toString();
      } else if (pick < 9) {
        text = chars(random, between(random, 1, 24), '\u0000', '\uD7FF');
      } else if (pick < 11) {
        text = "x" + chars(random, between(random, 1, 4), '\u0000', '\u001F');
      } else {
        // Up to the intake's limit, less the suffix the test adds to make ids its own.
        text = "h".repeat(between(random, 900, Validator.MAX_TEXT_LENGTH - 20));
      }
      if (!text.isBlank()) {
        return text;
      }
    }
  }

  /** Event times a few days either side of the base, so none is "in the future" and none is late for a KPI. */
  private static Instant eventTime(SplittableRandom random) {
    return BASE.plusSeconds(between(random, -Duration.ofDays(2).toSeconds(), Duration.ofDays(2).toSeconds()));
  }

  private static Map<String, Object> goodFields(SplittableRandom random, Feed feed) {
    return switch (feed) {
      case PR -> {
        String person = hostileText(random);
        Map<String, Object> m = base(1, hostileText(random), eventTime(random));
        m.put("type", oneOf(random, "opened", "ready_for_review", "review_requested", "review_submitted", "merged",
            "closed"));
        m.put("repo", "acme/streams");
        m.put("number", between(random, 1, Integer.MAX_VALUE));
        m.put("team", hostileText(random));
        m.put("author", person);
        m.put("actor", "reviewer");
        m.put("reviewState", "approved");
        m.put("reviewers", List.of(person));
        yield m;
      }
      case ESCALATION -> {
        String id = hostileText(random);
        Map<String, Object> m = base(1, id, eventTime(random));
        m.put("type", "opened");
        m.put("id", id);
        m.put("customer", hostileText(random));
        m.put("severity", oneOf(random, "P0", "P1", "P2", "P3"));
        m.put("productArea", hostileText(random));
        yield m;
      }
      case LATENCY -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("cluster", hostileText(random));
        m.put("region", "r");
        m.put("operation", "produce");
        m.put("latencyMs", random.nextInt(5) < 4
            ? between(random, 0.0, 3_600_000.0)
            : oneOf(random, 0.0, -0.0, Double.MIN_VALUE, 3_600_000.0));
        m.put("at", eventTime(random).toString());
        yield m;
      }
      case DELIVERY -> {
        long produced = between(random, 0L, 1_000_000_000_000L);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("cluster", oneOf(random, "us-east-1", "eu-west-1", "\u0007bell", "ünïcode"));
        m.put("intervalStart", BASE.minusSeconds(60).toString());
        m.put("intervalEnd", BASE.toString());
        m.put("produced", produced);
        m.put("delivered", (long) Math.floor(produced * between(random, 0.0, 1.0)));
        m.put("duplicates", between(random, 0L, 1_000_000_000_000L));
        yield m;
      }
      case ROLLOUT -> {
        Map<String, Object> m = base(1, hostileText(random), eventTime(random));
        m.put("flag", hostileText(random));
        m.put("cluster", "us-east-1");
        m.put("stagePercent", oneOf(random, 5, 10, 25, 50, 100));
        yield m;
      }
    };
  }

  private static Input goodRecord(SplittableRandom random, Feed feed) {
    Map<String, Object> m = goodFields(random, feed);
    // Mostly the event time as Kafka timestamp, as the producer does; sometimes a hostile one:
    // 0, the base, Long.MAX_VALUE, the last millisecond of year 9999.
    long ts = random.nextInt(5) == 0
        ? oneOf(random, 0L, BASE.toEpochMilli(), Long.MAX_VALUE, 253_402_300_799_999L)
        : Instant.parse((String) m.get(feed.timeField)).toEpochMilli();
    return good(feed, "valid", m, ts);
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

  /** One of seven kinds of bad record, each as likely, with a Kafka timestamp of 0, the base, Long.MAX_VALUE or 400 days on. */
  private static Input badRecord(SplittableRandom random, Feed feed) {
    long ts = oneOf(random, 0L, BASE.toEpochMilli(), Long.MAX_VALUE, BASE.plus(Duration.ofDays(400)).toEpochMilli());
    return switch (random.nextInt(7)) {
      case 0 -> {
        byte[] bytes = new byte[between(random, 0, 200)];
        random.nextBytes(bytes);
        yield new Input(feed, RANDOM_BYTES, bytes, ts, false, Map.of());
      }
      case 1 -> new Input(feed, "null value", null, ts, false, Map.of());
      case 2 -> {
        byte[] full = json(goodFields(random, feed));
        int length = (int) Math.floor(between(random, 0.0, 1.0) * (full.length - 1)); // never the whole document
        yield new Input(feed, "truncated JSON", Arrays.copyOf(full, length), ts, false, Map.of());
      }
      case 3 -> {
        Map<String, Object> copy = goodFields(random, feed);
        String field = oneOf(random, required(feed));
        copy.remove(field);
        yield new Input(feed, "missing " + field, json(copy), ts, false, Map.of());
      }
      case 4 -> {
        Map<String, Object> valid = goodFields(random, feed);
        String field = oneOf(random, required(feed));
        Object wrong = oneOf(random, Map.of("nested", true), List.of(1, 2));
        yield new Input(feed, "wrong type for " + field, json(with(valid, field, wrong)), ts, false, Map.of());
      }
      case 5 -> {
        Map<String, Object> valid = goodFields(random, feed);
        yield new Input(feed, "hostile value", json(oneOf(random, hostileValues(feed)).apply(valid)), ts, false,
            Map.of());
      }
      default -> {
        String text = oneOf(random, "[]", "42", "\"text\"", "true", "null", "{}", "{\"v\":1}",
            "{\"v\":1,\"at\":\u0001}", "{\"v\":1,\"eventId\":\"a\u0000b\"}");
        yield new Input(feed, "not an event", text.getBytes(StandardCharsets.UTF_8), ts, false, Map.of());
      }
    };
  }
}
