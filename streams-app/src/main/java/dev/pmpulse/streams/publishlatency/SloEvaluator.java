package dev.pmpulse.streams.publishlatency;

import dev.pmpulse.events.PublishLatencyKpi;
import dev.pmpulse.events.SloViolation.Kind;
import dev.pmpulse.events.SloViolation.Level;
import dev.pmpulse.events.SloViolation;
import dev.pmpulse.streams.slo.SloSettings;
import dev.pmpulse.streams.stats.DurationSketch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges each closed minute of a cluster against three lines: the absolute SLO, the tolerance band
 * (baseline + band%) and the incident threshold (baseline + incident%). The baseline is the median
 * p99 of the preceding closed minutes, so the minute being judged never moves its own baseline.
 * A line is breached when the p99 is strictly above it; every change of that state is a violation
 * event. Without a baseline yet (too few minutes), band and incident states stay as they are.
 */
final class SloEvaluator implements Processor<String, MinuteP99, String, SloEvaluation> {
  static final String STORE = "publish-latency-slo-state";

  private final SloSettings settings;
  private ProcessorContext<String, SloEvaluation> context;
  private KeyValueStore<String, SloState> store;

  SloEvaluator(SloSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, SloEvaluation> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, MinuteP99> record) {
    MinuteP99 m = record.value();
    SloState state = store.get(m.cluster());
    if (state == null) {
      state = SloState.EMPTY;
    }
    if (state.lastMinute() != null && !m.minute().isAfter(state.lastMinute())) {
      return; // already judged (minutes close in order, so only a replay can get here)
    }
    List<byte[]> window = new ArrayList<>();
    double p99 = judgedP99(m, state, window);
    Double baseline = state.baseline(settings.minBaselineMinutes());
    Double band = baseline == null ? null : baseline * (1 + settings.bandPercent() / 100);
    Double incident = baseline == null ? null : baseline * (1 + settings.incidentPercent() / 100);

    boolean slo = p99 > settings.sloMs();
    boolean inBand = band == null ? state.bandBreached() : p99 > band;
    boolean inIncident = incident == null ? state.incidentBreached() : p99 > incident;

    List<SloViolation> changes = new ArrayList<>();
    change(changes, m, p99, Level.SLO, state.sloBreached(), slo, settings.sloMs());
    if (band != null) {
      change(changes, m, p99, Level.BAND, state.bandBreached(), inBand, band);
      change(changes, m, p99, Level.INCIDENT, state.incidentBreached(), inIncident, incident);
    }
    store.put(m.cluster(), state.next(m.minute(), p99, window, settings.baselineMinutes(), slo, inBand, inIncident));

    PublishLatencyKpi kpi =
        new PublishLatencyKpi(
            PublishLatencyKpi.VERSION, m.cluster(), m.minute(), m.count(), p99, baseline, settings.sloMs(), band,
            incident, slo, inBand, inIncident);
    context.forward(record.withValue(new SloEvaluation(kpi, changes)));
  }

  /**
   * The p99 this minute is judged on: the minute's own when it holds {@code minSamples}, else that
   * of the minute merged with the ones before it, newest first, until the merged sketch holds
   * {@code minSamples} or {@link #MAX_WINDOW_MINUTES} minutes are in it. {@code window} receives the
   * sketches to remember for the next minute (newest last).
   */
  private double judgedP99(MinuteP99 m, SloState state, List<byte[]> window) {
    if (m.count() >= settings.minSamples()) {
      if (settings.minSamples() > 1) {
        window.add(m.sketch());
      }
      return m.p99Ms();
    }
    DurationSketch merged = DurationSketch.fromBytes(m.sketch());
    List<byte[]> previous = state.window();
    int first = previous.size();
    while (first > 0 && merged.count() < settings.minSamples() && previous.size() - first + 1 < maxWindowMinutes()) {
      first--;
      merged.merge(DurationSketch.fromBytes(previous.get(first)));
    }
    window.addAll(previous.subList(first, previous.size()));
    window.add(m.sketch());
    return merged.quantile(0.99) * 1000;
  }

  /**
   * At most an hour of minutes in a judgement: each judgement decodes and merges its window, and
   * the window is stored with the cluster's state, so its length is the evaluator's cost per minute.
   */
  private int maxWindowMinutes() {
    return Math.min(settings.baselineMinutes(), MAX_WINDOW_MINUTES);
  }

  static final int MAX_WINDOW_MINUTES = 60;

  /** @param judgedP99 the value compared with the line (for a thin minute, not the minute's own p99) */
  private static void change(
      List<SloViolation> out, MinuteP99 m, double judgedP99, Level level, boolean was, boolean is, double threshold) {
    if (was != is) {
      out.add(
          new SloViolation(
              SloViolation.VERSION, m.cluster(), level, is ? Kind.CROSSED : Kind.RECOVERED, judgedP99, threshold,
              m.minute()));
    }
  }
}
