package dev.pmpulse.demo.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.AppSettings;
import dev.pmpulse.streams.PmPulseApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, hostile input on a real broker: a batch of bad records, interleaved with good ones, on
 * every input topic of the running app. The app stays RUNNING, the dead-letter topic (read
 * committed) holds exactly the bad records, and the intake accepted exactly the good ones. The
 * seeded property test {@code HostileInputPropertyTest} (streams-app) tries far more mixes on the
 * test driver.
 */
class HostileBatchTest {
  // Recent: the broker's retention (7 days by record timestamp) must not delete what the test counts.
  private static final java.time.Instant NOW = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
  private static final String AT = NOW.toString();
  private static final long TS = NOW.toEpochMilli();

  private record Send(String topic, byte[] value, long timestamp, boolean good) {}

  private static Send good(String topic, String json) {
    return new Send(topic, json.getBytes(StandardCharsets.UTF_8), TS, true);
  }

  private static Send bad(String topic, String json, long timestamp) {
    return new Send(topic, json == null ? null : json.getBytes(StandardCharsets.UTF_8), timestamp, false);
  }

  @Test
  void theAppStaysRunningAndDeadLettersExactlyTheBadRecords(@TempDir Path dir) throws Exception {
    Map<String, String> goodJson = Map.of(
        Topics.PR_EVENTS.name(), "{\"v\":1,\"eventId\":\"pr-%d\",\"type\":\"opened\",\"repo\":\"acme/streams\",\"number\":%d,"
            + "\"team\":\"streams\",\"author\":\"ana\",\"reviewers\":[\"bo\"],\"at\":\"" + AT + "\"}",
        Topics.ESCALATION_EVENTS.name(), "{\"v\":1,\"eventId\":\"esc-%d\",\"type\":\"opened\",\"id\":\"ESC-%d\","
            + "\"customer\":\"c\",\"severity\":\"P1\",\"productArea\":\"streams\",\"at\":\"" + AT + "\"}",
        Topics.LATENCY_SAMPLES.name(), "{\"v\":1,\"cluster\":\"us-east-1\",\"region\":\"r\",\"operation\":\"produce\","
            + "\"latencyMs\":%d.5,\"at\":\"" + AT + "\"}",
        Topics.DELIVERY_SAMPLES.name(), "{\"v\":1,\"cluster\":\"us-east-1\",\"intervalStart\":\"" + NOW.minusSeconds(60) + "\","
            + "\"intervalEnd\":\"" + AT + "\",\"produced\":%d,\"delivered\":%d,\"duplicates\":0}",
        Topics.ROLLOUT_EVENTS.name(), "{\"v\":1,\"eventId\":\"ro-%d\",\"flag\":\"flag-%d\",\"cluster\":\"us-east-1\","
            + "\"stagePercent\":5,\"at\":\"" + AT + "\"}");
    Random random = new Random(8);
    List<Send> batch = new ArrayList<>();
    int n = 0;
    for (String topic : goodJson.keySet()) {
      String template = goodJson.get(topic);
      String valid = String.format(template, ++n, n);
      batch.add(good(topic, valid));
      byte[] noise = new byte[64];
      random.nextBytes(noise);
      batch.add(new Send(topic, noise, TS, false));
      batch.add(bad(topic, null, TS));
      batch.add(bad(topic, "null", TS));
      batch.add(bad(topic, valid.substring(0, valid.length() / 2), TS));
      batch.add(bad(topic, valid.replace("\"v\":1", "\"v\":{}"), TS));
      batch.add(bad(topic, valid.replace(AT, "1969-12-31T23:59:59Z"), TS));
      batch.add(bad(topic, valid.replace(AT, "+1000000000-12-31T23:59:59Z"), Long.MAX_VALUE));
      batch.add(bad(topic, valid.replace(AT, NOW.plus(Duration.ofDays(30)).toString()), TS)); // weeks ahead of stream time
      batch.add(bad(topic, valid.replace("us-east-1", "x".repeat(60_000)).replace("\"ana\"", "\"" + "a".repeat(60_000) + "\"")
          .replace("ESC-" + n, "E".repeat(60_000)).replace("flag-" + n, "f".repeat(60_000)), TS));
      batch.add(good(topic, String.format(template, ++n, n)));
    }
    batch.add(bad(Topics.LATENCY_SAMPLES.name(), String.format(goodJson.get(Topics.LATENCY_SAMPLES.name()), 1)
        .replace("1.5", "\"NaN\""), TS));
    batch.add(bad(Topics.DELIVERY_SAMPLES.name(), String.format(goodJson.get(Topics.DELIVERY_SAMPLES.name()), 5, 6), TS));
    long badCount = batch.stream().filter(s -> !s.good()).count();
    long goodCount = batch.size() - badCount;

    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(0).start();
        PmPulseApp app = new PmPulseApp(new AppSettings(
            clientProps(broker), "hostile-batch", dir.resolve("state"), "127.0.0.1", 0, true))) {
      app.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(clientProps(broker), new StringSerializer(), new ByteArraySerializer())) {
        for (Send s : batch) {
          producer.send(new ProducerRecord<>(s.topic(), null, s.timestamp(), "key", s.value())).get();
        }
      }
      await().atMost(Duration.ofSeconds(60))
          .until(() -> TopicContents.total(TopicContents.read(
              broker.bootstrapServers(), List.of(Topics.DEAD_LETTER.name()), true)) >= badCount);
      await().atMost(Duration.ofSeconds(60)).until(() -> accepted(app) >= goodCount);

      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(TopicContents.total(TopicContents.read(broker.bootstrapServers(), List.of(Topics.DEAD_LETTER.name()), true)))
          .isEqualTo(badCount);
      assertThat(accepted(app)).isEqualTo(goodCount);
      assertThat(app.meters().find("pmpulse.dead.letter.records").counters().stream().mapToDouble(c -> c.count()).sum())
          .isEqualTo(badCount);
      System.out.printf("[faults] hostile batch on the broker: %d records (%d bad, %d good) on %d input topics; app "
          + "RUNNING, %d dead letters, %d accepted%n", batch.size(), badCount, goodCount, goodJson.size(), badCount, goodCount);
    }
  }

  private static long accepted(PmPulseApp app) {
    return (long) app.meters().find("pmpulse.accepted.records").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static Properties clientProps(EmbeddedKafkaBroker broker) {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    return props;
  }
}
