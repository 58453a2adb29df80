package dev.pmpulse.demo.endtoend;

import dev.pmpulse.demo.testing.EmbeddedBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end test on the embedded KRaft broker: runs everywhere, never skipped. */
class EmbeddedBrokerEndToEndTest extends EndToEndContract {
  @RegisterExtension static final EmbeddedBroker broker = new EmbeddedBroker();

  @Override
  String bootstrapServers() {
    return broker.bootstrapServers();
  }
}
