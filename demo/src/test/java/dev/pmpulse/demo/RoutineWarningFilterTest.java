package dev.pmpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class RoutineWarningFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final RoutineWarningFilter filter = new RoutineWarningFilter();

  private FilterReply decide(String logger, Level level, String message, Throwable thrown) {
    return filter.decide(new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, thrown, null));
  }

  @Test
  void transactionRetriesOfClientAndBrokerAreRoutine() {
    String sender = "org.apache.kafka.clients.producer.internals.Sender";
    assertThat(decide(sender, Level.WARN, "[Producer clientId=pmpulse-producer] Got error produce response with correlation id 20 on "
        + "topic-partition pmpulse.pr-events-0, retrying (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS", null))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(sender, Level.WARN, "[Producer clientId=pmpulse-producer] Got error produce response with correlation id 21 on "
        + "topic-partition pmpulse.pr-events-0, retrying (2147483646 attempts left). Error: OUT_OF_ORDER_SEQUENCE_NUMBER", null))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide("kafka.server.ReplicaManager", Level.ERROR, "[ReplicaManager broker=1] Error processing append operation on partition x",
        new OutOfOrderSequenceException("Expected sequence 0 for transactions v2 idempotent producer with no existing state.")))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void otherTroubleStillShows() {
    // Another error of the same broker logger, and a producer error that is not a routine retry.
    assertThat(decide("kafka.server.ReplicaManager", Level.ERROR, "[ReplicaManager broker=1] Error processing append operation on partition x",
        new TimeoutException("disk stalled")))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("org.apache.kafka.clients.producer.internals.Sender", Level.WARN,
        "Got error produce response on topic-partition pmpulse.pr-events-0, retrying. Error: NOT_ENOUGH_REPLICAS", null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("org.apache.kafka.clients.producer.KafkaProducer", Level.ERROR, "Transaction failed: OUT_OF_ORDER_SEQUENCE_NUMBER", null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void theCrashControlsOwnStreamThreadFailureIsReportedByTheDrillNotAsAStackTrace() {
    RuntimeException injected = new RuntimeException("stream thread failed", new CrashableClients.InjectedCrash());
    assertThat(decide("dev.pmpulse.streams.PmPulseApp", Level.ERROR, "Stream thread failed; replacing it", injected))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide("dev.pmpulse.streams.PmPulseApp", Level.ERROR, "Stream thread failed; replacing it",
        new RuntimeException("stream thread failed", new IllegalStateException("a real bug"))))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
