package dev.pmpulse.streams;

import dev.pmpulse.events.DeliverySample;
import dev.pmpulse.events.EscalationEvent;
import dev.pmpulse.events.LatencySample;
import dev.pmpulse.events.PrEvent;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.RolloutEvent;
import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.apistability.ApiStability;
import dev.pmpulse.streams.dailyupdate.DailyUpdates;
import dev.pmpulse.streams.delivery.Delivery;
import dev.pmpulse.streams.escalationresolution.EscalationResolution;
import dev.pmpulse.streams.intake.DeliverySampleValidator;
import dev.pmpulse.streams.intake.EscalationEventValidator;
import dev.pmpulse.streams.intake.Intake;
import dev.pmpulse.streams.intake.LatencySampleValidator;
import dev.pmpulse.streams.intake.PrEventValidator;
import dev.pmpulse.streams.intake.RolloutEventValidator;
import dev.pmpulse.streams.publishlatency.PublishLatency;
import dev.pmpulse.streams.query.KpiChanges;
import dev.pmpulse.streams.query.KpiViews;
import dev.pmpulse.streams.query.QueryableStore;
import dev.pmpulse.streams.reviewlatency.ReviewLatency;
import dev.pmpulse.streams.rollouts.Rollouts;
import dev.pmpulse.streams.teams.TeamsTable;
import dev.pmpulse.streams.trends.KpiTrends;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole PM Pulse topology, composed from one piece per KPI. Start reading here: each input
 * topic passes through the {@link Intake} (bad records to the dead-letter topic), then each KPI
 * package adds its processors and its output topic.
 *
 * <p>Every KPI piece has the same shape and one name: a package named after the KPI, an entry class
 * of that name constructed with the KPI's settings, whose {@code build(builder, input, meters)}
 * returns what it writes to its output topic. Review latency, for one: package {@code
 * reviewlatency}, class {@code ReviewLatency}, topic {@code pmpulse.kpi.review-latency}, view
 * {@code review-latency}, record {@code ReviewLatencyKpi}.
 *
 * <p>State: every store is in memory, backed by its changelog topic, from which Kafka Streams
 * restores it when a task starts. PM Pulse's state is small and bounded by the KPIs' windows (per
 * team, cluster, severity, day or quarter, open PRs and escalations, the daily update's last days),
 * so a restore reads little; RocksDB stores, which the DSL uses by default, made every start of this
 * topology's 30 stateful tasks slow, each opening its files twice (BENCHMARKS.md, "Why the ratio
 * moved", has the restart times of both).
 */
public final class PmPulseTopology {
  /** An event more than this far ahead of stream time is dead-lettered as "future-event-time". */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(7);

  /** Per-PR review state, kept by the review latency KPI; the API serves it under {@code /api/prs/}. */
  public static final QueryableStore PRS =
      new QueryableStore("prs", ReviewLatency.PR_STATE_STORE, Topics.PR_EVENTS.partitions());

  private PmPulseTopology() {}

  public static Topology build(TopologySettings settings) {
    MeterRegistry meters = settings.meters();
    StreamsBuilder builder = new StreamsBuilder(settings.processed().topologyConfig());
    Intake intake = new Intake(builder, meters, MAX_FUTURE_SKEW);
    // The team directory, a global store every instance holds whole: calendars, targets, ignored logins.
    TeamsTable.build(builder, meters);

    KStream<String, PrEvent> prEvents =
        intake.stream(Topics.PR_EVENTS, PrEvent.class, new PrEventValidator(), PrEvent::at);
    new ReviewLatency().build(builder, prEvents, meters);
    new ApiStability(settings.quarterZone()).build(builder, prEvents, meters);

    KStream<String, EscalationEvent> escalationEvents =
        intake.stream(
            Topics.ESCALATION_EVENTS, EscalationEvent.class, new EscalationEventValidator(), EscalationEvent::at);
    new EscalationResolution(settings.escalationTarget()).build(builder, escalationEvents, meters);

    KStream<String, LatencySample> latencySamples =
        intake.stream(Topics.LATENCY_SAMPLES, LatencySample.class, new LatencySampleValidator(), LatencySample::at);
    KStream<String, PublishLatencyKpi> judgedMinutes =
        new PublishLatency(settings.slo()).build(builder, latencySamples, meters);

    KStream<String, DeliverySample> deliverySamples =
        intake.stream(
            Topics.DELIVERY_SAMPLES, DeliverySample.class, new DeliverySampleValidator(), DeliverySample::intervalEnd);
    new Delivery(settings.slo()).build(builder, deliverySamples, meters);

    // Rollouts take a second input: the publish latency piece's judged minutes.
    KStream<String, RolloutEvent> rolloutEvents =
        intake.stream(Topics.ROLLOUT_EVENTS, RolloutEvent.class, new RolloutEventValidator(), RolloutEvent::at);
    KStream<String, RolloutDecision> rolloutDecisions =
        new Rollouts(settings.rolloutSoak()).build(builder, rolloutEvents, judgedMinutes, meters);

    // Last: every KPI output topic read back as a queryable table for the API and dashboard.
    KpiChanges kpis = KpiViews.materialize(builder);
    // Their values over time, for the dashboard's trend charts.
    KpiTrends.build(builder, kpis);

    // The end-of-day written update, from every KPI change and the rollout decisions.
    new DailyUpdates().build(builder, kpis, rolloutDecisions, meters);

    return builder.build();
  }
}
