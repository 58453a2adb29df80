package dev.pmpulse.demo;

import java.time.Instant;

/** What the demo shows of the synthetic workload producer. */
interface Workload extends AutoCloseable {
  long eventsSent();

  Instant simulatedNow();

  int httpPort();

  @Override
  void close();
}
