package dev.pmpulse.streams;

import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.intake.Intake;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.review.PrEventValidator;
import dev.pmpulse.streams.review.ReviewLatency;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole PM Pulse topology, composed from one piece per KPI. Start reading here: each input
 * topic passes through the {@link Intake} (bad records to the dead-letter topic), then each KPI
 * package adds its processors and its output topic.
 */
public final class PmPulseTopology {
  /** An event more than this far ahead of stream time is dead-lettered as "future-event-time". */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(7);

  private PmPulseTopology() {}

  public static Topology build(MeterRegistry meters) {
    StreamsBuilder builder = new StreamsBuilder();
    Intake intake = new Intake(builder, meters, MAX_FUTURE_SKEW);

    KStream<String, PrEvent> prEvents =
        intake.stream(Topics.PR_EVENTS, PrEvent.class, new PrEventValidator(), PrEvent::at);
    ReviewLatency.build(builder, prEvents, meters);

    // Last: every KPI output topic read back as a queryable table for the API and dashboard.
    KpiViews.materialize(builder);

    return builder.build();
  }
}
