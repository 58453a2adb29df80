package dev.pmpulse.streams.trends;

import dev.pmpulse.events.ApiStabilityKpi;
import dev.pmpulse.events.DeliveryKpi;
import dev.pmpulse.events.EscalationResolutionKpi;
import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.ReviewLatencyKpi;
import dev.pmpulse.streams.query.KpiChanges;
import dev.pmpulse.streams.query.KpiViews;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The trends of the KPIs the dashboard's tiles show: per key, the latest value of each UTC day
 * (the KPIs measured in days and quarters) or hour (publish latency and delivery, which report
 * every minute), kept for {@link #RETENTION}.
 *
 * <p>The KPI topics are compacted by key, so they keep no history; each trend is recorded from the
 * view's records as they arrive ({@link KpiChanges}), in the view's task: one window store read
 * and at most one write (and changelog record) per KPI record, none per input sample. The window
 * store drops a bucket once one {@link #RETENTION} newer is written, and its changelog topic
 * deletes past the retention too.
 */
public final class KpiTrends {
  /** How far back a trend reaches: the dashboard shows two weeks and may ask for up to this. */
  public static final Duration RETENTION = Duration.ofDays(30);

  public static final Duration DAY = Duration.ofDays(1);
  public static final Duration HOUR = Duration.ofHours(1);

  /** Per team and {@code all}: each UTC day's last report (its 7-day mean, waiting PRs...). */
  public static final KpiTrend<ReviewLatencyKpi> REVIEW_LATENCY =
      new KpiTrend<>(KpiViews.REVIEW_LATENCY, DAY, ReviewLatencyKpi::asOf);
  /** Per severity: each UTC day's last report. */
  public static final KpiTrend<EscalationResolutionKpi> ESCALATION_RESOLUTION =
      new KpiTrend<>(KpiViews.ESCALATION_RESOLUTION, DAY, EscalationResolutionKpi::asOf);
  /** Per quarter: its counts at the end of each UTC day with a change. */
  public static final KpiTrend<ApiStabilityKpi> API_STABILITY =
      new KpiTrend<>(KpiViews.API_STABILITY, DAY, ApiStabilityKpi::asOf);
  /** Per cluster: the last closed minute of each hour, with its baseline, band and lines. */
  public static final KpiTrend<PublishLatencyKpi> PUBLISH_LATENCY =
      new KpiTrend<>(KpiViews.PUBLISH_LATENCY, HOUR, PublishLatencyKpi::minute);
  /** Per cluster: each hour's last report (30-day ratio, budget, burn rates). */
  public static final KpiTrend<DeliveryKpi> DELIVERY = new KpiTrend<>(KpiViews.DELIVERY, HOUR, DeliveryKpi::asOf);

  public static final List<KpiTrend<?>> ALL =
      List.of(REVIEW_LATENCY, ESCALATION_RESOLUTION, API_STABILITY, PUBLISH_LATENCY, DELIVERY);

  private KpiTrends() {}

  /** Adds one window store and its recorder per trend, fed by the view's records. */
  public static void build(StreamsBuilder builder, KpiChanges kpis) {
    ALL.forEach(trend -> record(builder, kpis, trend));
  }

  private static <V> void record(StreamsBuilder builder, KpiChanges kpis, KpiTrend<V> trend) {
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(trend.storeName(), RETENTION, trend.bucket(), false),
                Serdes.String(),
                trend.view().topic().valueSerde())
            // No record cache: a window store's cache goes on serving buckets the store has
            // dropped past its retention. So each write is also one changelog record.
            .withCachingDisabled());
    kpis.of(trend.view())
        .process(() -> new TrendRecorder<>(trend), Named.as("trend-" + trend.name()), trend.storeName());
  }
}
