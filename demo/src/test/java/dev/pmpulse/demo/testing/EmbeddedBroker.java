package dev.pmpulse.demo.testing;

import dev.pmpulse.demo.EmbeddedKafkaBroker;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker for one test class, on a free port: started before the class's
 * own {@code @BeforeAll} methods, stopped after its {@code @AfterAll} ones.
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();
 * }</pre>
 */
public final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedKafkaBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    broker = new EmbeddedKafkaBroker(0).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  public String bootstrapServers() {
    return running().bootstrapServers();
  }

  /** Stops the broker, keeping its port and log directory, for a test of what clients do meanwhile. */
  public void stop() {
    running().stop();
  }

  /** Starts the stopped broker again, on the same port and log directory. */
  public void restart() throws Exception {
    running().restart();
  }

  private EmbeddedKafkaBroker running() {
    if (broker == null) {
      throw new IllegalStateException("the broker runs only while its test class does");
    }
    return broker;
  }

  /** Client settings that reach this broker and nothing else. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }
}
