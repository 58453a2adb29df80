package dev.pmpulse.streams.query;

import dev.pmpulse.events.Topics;
import dev.pmpulse.streams.review.ReviewLatency;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Every KPI the API and the dashboard can show. A new KPI package makes its output topic
 * queryable by adding one line to {@link #ALL}.
 */
public final class KpiViews {
  public static final List<KpiView<?>> ALL =
      List.of(
          new KpiView<>("review-latency", Topics.REVIEW_LATENCY_KPI));

  /** Per-PR review state, kept by the review latency KPI itself; {@code /api/prs/...}. */
  public static final QueryableStore PRS =
      new QueryableStore("prs", ReviewLatency.PR_STATE_STORE, Topics.PR_EVENTS.partitions());

  private KpiViews() {}

  /** Adds one table per KPI view to the topology. */
  public static void materialize(StreamsBuilder builder) {
    ALL.forEach(view -> view.materialize(builder));
  }

  /** The KPI views' stores, as the API reads them. */
  public static List<QueryableStore> stores() {
    return ALL.stream().map(KpiView::queryable).toList();
  }
}
