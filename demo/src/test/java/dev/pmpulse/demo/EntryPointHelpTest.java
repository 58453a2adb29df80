package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pmpulse.producer.ProducerMain;
import dev.pmpulse.streams.StreamsMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every entry point's --help says what --bootstrap-servers is when it is not given. */
class EntryPointHelpTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "streams  | Kafka bootstrap servers (default: localhost:9092, or the --config file's bootstrap.servers, or PMPULSE_KAFKA_BOOTSTRAP_SERVERS)",
      "producer | Kafka bootstrap servers (default: localhost:9092, or the --config file's bootstrap.servers, or PMPULSE_KAFKA_BOOTSTRAP_SERVERS)",
      "demo     | instead of starting an embedded broker (default: none, an embedded broker on 127.0.0.1 at --broker-port)"})
  void helpShowsTheDefaultOfBootstrapServers(String entry, String expected) {
    CommandLine cmd = switch (entry) {
      case "streams" -> StreamsMain.commandLine(new StreamsMain(Map.of()));
      case "producer" -> ProducerMain.commandLine(new ProducerMain(Map.of(), Clock.systemUTC()));
      default -> DemoMain.commandLine(new DemoMain(Map.of(), null));
    };
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));

    assertThat(cmd.execute("--help")).isZero();

    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help).contains(expected).doesNotContain("null");
  }
}
