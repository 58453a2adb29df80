// PM Pulse trend charts: one small uPlot chart per tile, drawn from a plain description (series,
// target lines, a band), on a time axis in simulated UTC time. Text goes through textContent only.
'use strict';

const CHART_HEIGHT = 118;
const MUTED = '#5b6675';
const GRID = '#eef1f5';
const AXIS_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const DAY_S = 86400;

/** An element with a class and text (as text, never HTML); app.js builds its DOM with it too. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const utc = (s) => uPlot.tzDate(new Date(s * 1000), 'Etc/UTC');
const dayLabel = uPlot.fmtDate('{MMM} {D}');
const timeLabel = uPlot.fmtDate('{HH}:{mm}');
const dayTimeLabel = uPlot.fmtDate('{MMM} {D} {HH}:{mm}');

/** An x-axis label: the date on daily ticks and at midnight, the time of day otherwise. */
function xLabels(u, splits, axisIdx, space, incr) {
  return splits.map((s) => {
    const d = utc(s);
    return incr >= DAY_S || (d.getHours() === 0 && d.getMinutes() === 0) ? dayLabel(d) : timeLabel(d);
  });
}

/** When a point is: "Nov 21" for daily points at a day's end, with the time otherwise. */
function pointTime(s, daily) {
  return daily ? dayLabel(utc(s - 1)) : dayTimeLabel(utc(s)) + ' UTC';
}

/**
 * A chart in {@code container}, with its legend (or, while hovering, the values under the cursor)
 * in {@code legend}. {@link TrendChart#draw} takes a description:
 *   xs: seconds; series: [{label, values, color, width, dash, main, steps, legend, hideInLegend}]
 *   (legend: its text in the legend, if not its label); lines alike with one
 *   value each (a target or SLO, drawn dashed across); band: [upperIdx, lowerIdx] into series, with
 *   bandColor; format(v) for the y axis and readout; minSpan in seconds (the x axis never shows
 *   less, so two points an hour apart do not fill the width as if they were weeks); daily: points
 *   are ends of days; zero: the y axis starts at 0; integer: ticks on whole numbers only.
 */
class TrendChart {
  constructor(container, legend) {
    this.container = container;
    this.legend = legend;
    this.plot = null;
    this.shape = '';
    this.spec = null;
    new ResizeObserver(() => {
      if (this.plot) this.plot.setSize({ width: this.width(), height: CHART_HEIGHT });
    }).observe(container);
  }

  width() {
    return Math.max(160, Math.floor(this.container.clientWidth));
  }

  draw(spec) {
    this.spec = spec;
    const main = spec.series.find((s) => s.main) || spec.series[0];
    const points = main ? main.values.filter((v) => v !== null && v !== undefined).length : 0;
    this.container.dataset.points = String(points);
    if (points === 0) {
      this.clear(spec.empty || 'no trend yet');
      return;
    }
    this.container.classList.remove('chart-empty');
    const all = [...spec.series, ...spec.lines.map((l) => ({ ...l, values: spec.xs.map(() => l.value), line: true }))];
    const data = [spec.xs, ...all.map((s) => s.values)];
    const shape = JSON.stringify(all.map((s) => [s.label, s.color, s.width, s.dash, !!s.steps])) + JSON.stringify(spec.band || null);
    if (this.plot && shape === this.shape) {
      this.plot.setData(data);
    } else {
      if (this.plot) this.plot.destroy();
      this.container.replaceChildren();
      this.shape = shape;
      this.plot = new uPlot(this.options(spec, all), data, this.container);
    }
    this.showLegend();
  }

  clear(text) {
    if (this.plot) this.plot.destroy();
    this.plot = null;
    this.shape = '';
    this.container.classList.add('chart-empty');
    this.container.dataset.points = '0';
    this.container.replaceChildren(el('span', 'chart-empty-text', text));
    this.legend.replaceChildren();
  }

  options(spec, all) {
    const minSpan = spec.minSpan || 0;
    return {
      width: this.width(),
      height: CHART_HEIGHT,
      tzDate: utc,
      legend: { show: false },
      padding: [8, 18, 0, 2],
      cursor: { y: false, drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: {
          time: true,
          range: (u, lo, hi) => [Math.min(lo, hi - minSpan), hi],
        },
        y: {
          range: (u, lo, hi) => {
            if (lo === null || hi === null) return [0, 1];
            let min = spec.zero ? Math.min(0, lo) : lo;
            let max = hi;
            if (max - min < 1e-9) {
              max += Math.abs(max) * 0.05 || 1;
              min = spec.zero ? min : min - (Math.abs(min) * 0.05 || 1);
            }
            const pad = (max - min) * 0.1;
            return [spec.zero && min >= 0 ? 0 : min - pad, max + pad];
          },
        },
      },
      axes: [
        { stroke: MUTED, font: AXIS_FONT, size: 24, space: 64, gap: 3, grid: { show: false }, ticks: { size: 3, stroke: GRID }, values: xLabels },
        { stroke: MUTED, font: AXIS_FONT, size: spec.axisWidth || 46, space: 28, gap: 4, grid: { stroke: GRID, width: 1 },
          ticks: { show: false }, values: (u, splits) => splits.map((v) => spec.format(v)),
          incrs: spec.integer ? [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] : undefined },
      ],
      series: [
        {},
        ...all.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width || 1.5,
          dash: s.dash,
          spanGaps: true,
          points: s.line ? { show: false } : { size: s.main ? 4 : 3, fill: s.color },
          paths: s.steps ? uPlot.paths.stepped({ align: 1 }) : undefined,
        })),
      ],
      bands: spec.band ? [{ series: [spec.band[0] + 1, spec.band[1] + 1], fill: spec.bandColor }] : [],
      hooks: { setCursor: [(u) => this.readout(u.cursor.idx)] },
    };
  }

  /** The legend: a swatch and a label per series and line. */
  showLegend() {
    const spec = this.spec;
    const shown = spec.series.filter((s) => !s.hideInLegend);
    const items = [...shown.filter((s) => s.main), ...shown.filter((s) => !s.main), ...spec.lines].map((s) => {
      const item = el('span', 'legend-item');
      const swatch = el('span', 'legend-swatch' + (s.dash ? ' dashed' : ''));
      swatch.style.borderTopColor = s.color;
      item.append(swatch, el('span', '', s.legend || s.label));
      return item;
    });
    if (spec.band) {
      const item = el('span', 'legend-item');
      const swatch = el('span', 'legend-swatch area');
      swatch.style.backgroundColor = spec.bandColor;
      item.append(swatch, el('span', '', spec.bandLabel));
      items.push(item);
    }
    this.legend.replaceChildren(...items);
  }

  /** While the cursor is on a point: its time and the values there; the legend otherwise. */
  readout(idx) {
    const spec = this.spec;
    if (!spec || idx === null || idx === undefined) {
      if (spec) this.showLegend();
      return;
    }
    const parts = spec.series.filter((s) => s.main || s.inReadout)
      .map((s) => (s.values[idx] === null || s.values[idx] === undefined ? null : s.label + ' ' + spec.format(s.values[idx])))
      .filter(Boolean);
    this.legend.replaceChildren(el('span', 'legend-readout', pointTime(spec.xs[idx], spec.daily) + ' · ' + parts.join(' · ')));
  }
}
