package dev.pmpulse.streams.query;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DailyUpdate;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.OpenEscalation;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.events.RolloutDecision;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.events.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Reducer;

/**
 * Every KPI the API and the dashboard can show. A new KPI package makes its output topic
 * queryable by adding one line to {@link #ALL}.
 */
public final class KpiViews {
  // The next three keep each key's latest report by asOf. A restatement of an earlier day's end
  // (restate.Restatements) is followed by a newer report, so the last record would do too; but a
  // table would log a warning for every restatement, an update older than the one it holds.

  /** Per team, and {@code all}. */
  public static final KpiView<ReviewLatencyKpi> REVIEW_LATENCY =
      new KpiView<>("review-latency", Topics.REVIEW_LATENCY_KPI, null, latestBy(ReviewLatencyKpi::asOf));
  /** Per severity, {@code P0}..{@code P3}. */
  public static final KpiView<EscalationResolutionKpi> ESCALATION_RESOLUTION =
      new KpiView<>(
          "escalation-resolution", Topics.ESCALATION_RESOLUTION_KPI, null, latestBy(EscalationResolutionKpi::asOf));
  /** Per calendar quarter, {@code 2026-Q4}. */
  public static final KpiView<ApiStabilityKpi> API_STABILITY =
      new KpiView<>("api-stability", Topics.API_STABILITY_KPI, null, latestBy(ApiStabilityKpi::asOf));
  /** Per cluster: its latest closed minute. */
  public static final KpiView<PublishLatencyKpi> PUBLISH_LATENCY = new KpiView<>("publish-latency", Topics.PUBLISH_LATENCY_KPI);
  /** Per cluster. */
  public static final KpiView<DeliveryKpi> DELIVERY = new KpiView<>("delivery", Topics.DELIVERY_KPI);
  /** Per escalation id, the open ones only (a resolution deletes the key). */
  public static final KpiView<OpenEscalation> OPEN_ESCALATIONS = new KpiView<>("open-escalations", Topics.OPEN_ESCALATIONS);
  /** Per {@code cluster/level}: the latest crossing or recovery, so "crossed" means breached now. */
  public static final KpiView<SloViolation> VIOLATIONS =
      new KpiView<>("violations", Topics.SLO_VIOLATIONS, (cluster, v) -> v.cluster() + "/" + v.level().tag());
  /** Per flag: the verdict on its latest decided stage. */
  public static final KpiView<RolloutDecision> ROLLOUTS = new KpiView<>("rollouts", Topics.ROLLOUT_DECISIONS);
  /**
   * The end-of-day update of the latest day, under the key {@value #LATEST}: a correction of an
   * earlier day (written again after a late input) does not replace it.
   */
  public static final KpiView<DailyUpdate> DAILY_UPDATE =
      new KpiView<>("daily-update", Topics.DAILY_UPDATES, (date, update) -> KpiViews.LATEST, latestBy(DailyUpdate::date));

  public static final String LATEST = "latest";

  public static final List<KpiView<?>> ALL =
      List.of(
          REVIEW_LATENCY,
          ESCALATION_RESOLUTION,
          API_STABILITY,
          PUBLISH_LATENCY,
          DELIVERY,
          OPEN_ESCALATIONS,
          VIOLATIONS,
          ROLLOUTS,
          DAILY_UPDATE);

  private KpiViews() {}

  /** Keeps the value with the latest {@code time}; of two equal, the one written last. */
  private static <V, T extends Comparable<? super T>> Reducer<V> latestBy(Function<V, T> time) {
    return (held, next) -> time.apply(next).compareTo(time.apply(held)) < 0 ? held : next;
  }

  /** Adds one table per KPI view to the topology; returns the KPI topics' records. */
  public static KpiChanges materialize(StreamsBuilder builder) {
    Map<KpiView<?>, KStream<String, ?>> streams = new LinkedHashMap<>();
    ALL.forEach(view -> streams.put(view, view.materialize(builder)));
    return new KpiChanges(streams);
  }

  /** The KPI views' stores, as the API reads them. */
  public static List<QueryableStore> stores() {
    return ALL.stream().map(KpiView::queryable).toList();
  }
}
