package dev.pmpulse.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;

/**
 * Drops the warnings Kafka writes on every normal start and stop of the demo, which would otherwise
 * be the first and last thing a demo user reads. They come from loggers that also report real
 * trouble ({@code NetworkClient}, {@code StreamsConfig}), so the loggers stay at WARN and only these
 * messages go.
 */
public final class RoutineWarningFilter extends Filter<ILoggingEvent> {
  private static final List<String> ROUTINE =
      List.of(
          // Every fresh data directory: the controller bootstraps an empty metadata log.
          "The metadata log appears to be empty.",
          // Several clients looking for their group coordinator at once race to create its topic.
          "with error 'TOPIC_ALREADY_EXISTS'",
          // Every broker shutdown: the broker closes its channel to its own controller twice.
          "Attempting to close NetworkClient that has already been closed.",
          // First start of the streams app: it subscribes before it has created its repartition topics.
          "-repartition=UNKNOWN_TOPIC_OR_PARTITION",
          // The demo keeps its state in a fresh temporary directory on purpose: it deletes it on exit.
          "Using an OS temp directory in the state.dir property",
          // Advice for topologies with global tables, logged whether or not there are any.
          "Processing exception handler is not enabled for the GlobalThread",
          // A transactional producer's first batches of a transaction, sent while the broker still
          // completes the one before (transactions v2): the client retries them, in order, and
          // nothing is lost or written twice. Real trouble ends the retries and is logged as such.
          "retrying (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS",
          "retrying (2147483646 attempts left). Error: OUT_OF_ORDER_SEQUENCE_NUMBER");

  /** The broker's side of the same retries: it refuses a batch that overtook an earlier one. */
  private static final String BROKER_REPLICAS = "kafka.server.ReplicaManager";
  private static final String OUT_OF_ORDER = "org.apache.kafka.common.errors.OutOfOrderSequenceException";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel() == Level.WARN && event.getLoggerName().startsWith("org.apache.kafka.")) {
      String message = event.getFormattedMessage();
      if (message != null && ROUTINE.stream().anyMatch(message::contains)) {
        return FilterReply.DENY;
      }
    }
    if (event.getLevel() == Level.ERROR && event.getLoggerName().equals(BROKER_REPLICAS)
        && event.getThrowableProxy() != null && OUT_OF_ORDER.equals(event.getThrowableProxy().getClassName())) {
      return FilterReply.DENY;
    }
    // The crash control's own failure: the fault drill reports it step by step, without the stack.
    if (event.getLevel() == Level.ERROR && causedBy(event.getThrowableProxy(), INJECTED_CRASH)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  private static final String INJECTED_CRASH = CrashableClients.InjectedCrash.class.getName();

  private static boolean causedBy(IThrowableProxy proxy, String className) {
    for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
      if (className.equals(p.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
