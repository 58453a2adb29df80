package dev.pmpulse.events;

import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_COMPACT;
import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_DELETE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;

/** The topic registry: every topic PM Pulse reads or writes, and nothing else names one. */
public final class Topics {
  private Topics() {}

  /**
   * The size cap per partition of the sample topics, which the producer writes thousands of records
   * a second to: with its segments, at most 160 MiB a partition, under 1.5 GiB for the nine.
   */
  static final long SAMPLES_RETENTION_BYTES = 128L << 20;

  // Inputs, written by the producer (or by your own systems).
  public static final Topic<String, PrEvent> PR_EVENTS =
      new Topic<>("pmpulse.pr-events", Serdes.String(), Json.serde(PrEvent.class), 3, CLEANUP_POLICY_DELETE);

  /** Customer escalations, keyed by escalation id. */
  public static final Topic<String, EscalationEvent> ESCALATION_EVENTS =
      new Topic<>(
          "pmpulse.escalation-events",
          Serdes.String(),
          Json.serde(EscalationEvent.class),
          3,
          CLEANUP_POLICY_DELETE);

  /** The high-volume input: thousands of samples per cluster per minute. Key: the cluster. */
  public static final Topic<String, LatencySample> LATENCY_SAMPLES =
      new Topic<>(
          "pmpulse.latency-samples", Serdes.String(), Json.serde(LatencySample.class), 6, CLEANUP_POLICY_DELETE,
          SAMPLES_RETENTION_BYTES);

  /** Feature-flag rollout stages, keyed by flag. */
  public static final Topic<String, RolloutEvent> ROLLOUT_EVENTS =
      new Topic<>(
          "pmpulse.rollout-events", Serdes.String(), Json.serde(RolloutEvent.class), 3, CLEANUP_POLICY_DELETE);

  public static final Topic<String, DeliverySample> DELIVERY_SAMPLES =
      new Topic<>(
          "pmpulse.delivery-samples", Serdes.String(), Json.serde(DeliverySample.class), 3, CLEANUP_POLICY_DELETE,
          SAMPLES_RETENTION_BYTES);

  /**
   * The team directory, keyed by team name: written by the streams app from the teams file at start
   * and whenever the file changes (a removed team gets a tombstone), or by anyone who writes a team
   * record; read by the topology as a global table. Compacted: the latest record per team stays.
   */
  public static final Topic<String, Team> TEAMS =
      new Topic<>("pmpulse.teams", Serdes.String(), Json.serde(Team.class), 1, CLEANUP_POLICY_COMPACT);

  // KPI outputs, written by the streams app.
  public static final Topic<String, ReviewLatencyKpi> REVIEW_LATENCY_KPI =
      new Topic<>(
          "pmpulse.kpi.review-latency",
          Serdes.String(),
          Json.serde(ReviewLatencyKpi.class),
          1,
          CLEANUP_POLICY_DELETE);

  public static final Topic<String, EscalationResolutionKpi> ESCALATION_RESOLUTION_KPI =
      new Topic<>(
          "pmpulse.kpi.escalation-resolution",
          Serdes.String(),
          Json.serde(EscalationResolutionKpi.class),
          1,
          CLEANUP_POLICY_DELETE);

  /**
   * The escalations open right now, keyed by escalation id, written by the streams app: opening or
   * reopening writes the record, resolving writes a tombstone. Compacted, so it keeps the latest
   * value per id and, once the tombstones are cleaned, only the open ones.
   */
  public static final Topic<String, OpenEscalation> OPEN_ESCALATIONS =
      new Topic<>(
          "pmpulse.open-escalations",
          Serdes.String(),
          Json.serde(OpenEscalation.class),
          3,
          CLEANUP_POLICY_COMPACT);

  /**
   * API stability per calendar quarter, keyed by quarter label ({@code 2026-Q4}). Compacted: the
   * latest figures of every quarter stay, which is the KPI's history.
   */
  public static final Topic<String, ApiStabilityKpi> API_STABILITY_KPI =
      new Topic<>(
          "pmpulse.kpi.api-stability",
          Serdes.String(),
          Json.serde(ApiStabilityKpi.class),
          1,
          CLEANUP_POLICY_COMPACT);
  public static final Topic<String, PublishLatencyKpi> PUBLISH_LATENCY_KPI =
      new Topic<>(
          "pmpulse.kpi.publish-latency",
          Serdes.String(),
          Json.serde(PublishLatencyKpi.class),
          1,
          CLEANUP_POLICY_DELETE);

  public static final Topic<String, DeliveryKpi> DELIVERY_KPI =
      new Topic<>(
          "pmpulse.kpi.delivery", Serdes.String(), Json.serde(DeliveryKpi.class), 1, CLEANUP_POLICY_DELETE);

  /** Crossings and recoveries of the publish-latency lines (SLO, band, incident). */
  public static final Topic<String, SloViolation> SLO_VIOLATIONS =
      new Topic<>(
          "pmpulse.slo-violations", Serdes.String(), Json.serde(SloViolation.class), 1, CLEANUP_POLICY_DELETE);

  /** One proceed/abort decision per rollout stage, keyed by flag. */
  public static final Topic<String, RolloutDecision> ROLLOUT_DECISIONS =
      new Topic<>(
          "pmpulse.rollout-decisions",
          Serdes.String(),
          Json.serde(RolloutDecision.class),
          1,
          CLEANUP_POLICY_DELETE);

  /** The end-of-day written update, one per simulated UTC day. Key: the date. */
  public static final Topic<String, DailyUpdate> DAILY_UPDATES =
      new Topic<>(
          "pmpulse.daily-updates", Serdes.String(), Json.serde(DailyUpdate.class), 1, CLEANUP_POLICY_DELETE);

  /** Input records that could not be parsed or validated, with the reason in headers. */
  public static final Topic<byte[], byte[]> DEAD_LETTER =
      new Topic<>("pmpulse.dead-letter", Serdes.ByteArray(), Serdes.ByteArray(), 1, CLEANUP_POLICY_DELETE);

  /**
   * The producer's progress, keyed by run: one {@link ProducerCheckpoint} per transaction of
   * events, so a restarted producer resumes where its last committed transaction ended.
   */
  public static final Topic<String, ProducerCheckpoint> PRODUCER_PROGRESS =
      new Topic<>(
          "pmpulse.producer-progress",
          Serdes.String(),
          Json.serde(ProducerCheckpoint.class),
          1,
          CLEANUP_POLICY_COMPACT);

  public static List<Topic<?, ?>> all() {
    return List.of(
        PR_EVENTS,
        ESCALATION_EVENTS,
        LATENCY_SAMPLES,
        DELIVERY_SAMPLES,
        ROLLOUT_EVENTS,
        TEAMS,
        REVIEW_LATENCY_KPI,
        ESCALATION_RESOLUTION_KPI,
        OPEN_ESCALATIONS,
        API_STABILITY_KPI,
        PUBLISH_LATENCY_KPI,
        DELIVERY_KPI,
        SLO_VIOLATIONS,
        ROLLOUT_DECISIONS,
        DAILY_UPDATES,
        DEAD_LETTER,
        PRODUCER_PROGRESS);
  }

  /**
   * Creates the registry's topics that do not exist yet, with the cluster's default replication
   * factor; existing ones are left as they are, and so is one another client creates meanwhile.
   *
   * @return the names of the topics created
   */
  public static List<String> createMissing(Admin admin)
      throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing =
        all().stream()
            .filter(t -> !existing.contains(t.name()))
            .map(Topic::newTopic)
            .toList();
    List<String> created = new ArrayList<>();
    admin
        .createTopics(missing)
        .values()
        .forEach(
            (name, result) -> {
              try {
                result.get();
                created.add(name);
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + name, e);
              }
            });
    return created;
  }
}
