package dev.pmpulse.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end test on the embedded KRaft broker: runs everywhere, never skipped. */
class EmbeddedBrokerEndToEndTest extends EndToEndContract {
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new EmbeddedKafkaBroker(0).start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Override
  String bootstrapServers() {
    return broker.bootstrapServers();
  }
}
