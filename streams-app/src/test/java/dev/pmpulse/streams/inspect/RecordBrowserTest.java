package dev.pmpulse.streams.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** How records are shown; reading them from a broker is tested on a running demo. */
class RecordBrowserTest {
  private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>("t", 0, 42, 1_700_000_000_000L, TimestampType.CREATE_TIME, -1, -1, key, value, headers,
        Optional.empty());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRecordWithoutValueIsATombstone() {
    RecordBrowser.ShownRecord shown = RecordBrowser.shown(record(utf8("ESC-7"), null, new RecordHeaders()));
    assertThat(shown.tombstone()).isTrue();
    assertThat(shown.value()).isNull();
    assertThat(shown.valueBytes()).isEqualTo(-1);
    assertThat(shown.key()).isEqualTo("ESC-7");
    assertThat(shown.offset()).isEqualTo(42);
  }

  @Test
  void textStaysTextBinaryBecomesHexAndBothAreCut() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("pmpulse.reason", utf8("unparseable"));
    RecordBrowser.ShownRecord shown = RecordBrowser.shown(record(null, utf8("{\"a\":1}"), headers));
    assertThat(shown.tombstone()).isFalse();
    assertThat(shown.value()).isEqualTo("{\"a\":1}");
    assertThat(shown.key()).isNull();
    assertThat(shown.headers()).containsExactly(new RecordBrowser.ShownHeader("pmpulse.reason", "unparseable"));

    assertThat(RecordBrowser.text(new byte[] {0, 1, (byte) 0xff}, 100)).isEqualTo("0x0001ff");
    assertThat(RecordBrowser.text(utf8("é".repeat(10)), 4)).isEqualTo("éééé");
    RecordBrowser.ShownRecord big = RecordBrowser.shown(record(null, utf8("x".repeat(RecordBrowser.MAX_VALUE_CHARS + 5)), new RecordHeaders()));
    assertThat(big.value()).hasSize(RecordBrowser.MAX_VALUE_CHARS);
    assertThat(big.truncated()).isTrue();
  }

  @Test
  void readsCommittedDataOnlyAndJoinsNoGroup() {
    Properties kafka = new Properties();
    kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    kafka.put(ConsumerConfig.GROUP_ID_CONFIG, "someone's group");
    Properties settings = new RecordBrowser(kafka).consumerSettings();
    assertThat(settings.getProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
    assertThat(settings).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    assertThat(settings.getProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo("false");
    assertThat(settings.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
  }
}
