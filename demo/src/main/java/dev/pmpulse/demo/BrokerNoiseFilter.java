package dev.pmpulse.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the warnings an embedded broker writes on every normal start and stop, which would
 * otherwise be the first and last thing a demo user reads. They come from loggers that clients
 * share ({@code NetworkClient}) or that matter when something is really wrong, so the loggers
 * stay at WARN and only these messages go.
 */
public final class BrokerNoiseFilter extends Filter<ILoggingEvent> {
  private static final String[] ROUTINE = {
    // Every fresh data directory: the controller bootstraps an empty metadata log.
    "The metadata log appears to be empty.",
    // Every shutdown: the broker closes its channel to its own controller twice.
    "Attempting to close NetworkClient that has already been closed.",
  };

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel() == Level.WARN && event.getLoggerName().startsWith("org.apache.kafka.")) {
      String message = event.getFormattedMessage();
      for (String routine : ROUTINE) {
        if (message != null && message.contains(routine)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }
}
