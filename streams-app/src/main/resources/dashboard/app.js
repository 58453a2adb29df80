// PM Pulse dashboard. Polls /api/kpis, and /api/trends for the tiles' charts (charts.js), and
// draws them with DOM calls only: every value from the API goes through textContent or
// setAttribute and is never parsed as HTML.
'use strict';

const POLL_MS = 2000;
// Until every tile has a value (the first seconds after a start) the page asks four times as
// often, so that a value shows at most half a second after the API has it.
const FILLING_POLL_MS = 500;
// Every 8th poll fetches the trends again (every 16 s, every 4 s while filling); in between, each
// poll puts the values of now into them.
const TREND_POLLS = 8;
const TREND_DAYS = 14;
const DAY_MS = 86400000;
const FAST_BURN = 14.4;
const REVIEW_VIEW = 'review-latency';
const ESCALATION_VIEW = 'escalation-resolution';
const LATENCY_VIEW = 'publish-latency';
const DELIVERY_VIEW = 'delivery';
const MAIN = '#2f5d8a';
const TEAM_LINE = '#c3cdd9';
const BAD = '#b42318';
const BAND_EDGE = '#8fc4a0';
const BAND_FILL = 'rgba(27, 127, 59, 0.13)';
const ALL_TEAMS = 'all';
const DEFAULT_TARGET_HOURS = 4;
const ESCALATION_TARGET_HOURS = 48;
const NO_DATA = '—';
const NO_DATA_HINT = 'no data yet';

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fixed = (v, digits, unit) => (num(v) === null ? NO_DATA : v.toFixed(digits) + unit);
const hours = (h) => fixed(h, 1, ' h');
const millis = (m) => fixed(m, 1, ' ms');
const count = (n) => (num(n) === null ? NO_DATA : String(Math.round(n)));
const percent = (r) => (num(r) === null ? NO_DATA : Math.round(r * 100) + '%');
const precisePercent = (r) => (num(r) === null ? NO_DATA : (r * 100).toFixed(3) + '%');
// Axis ticks: as few digits as the value needs ("4 h", "2.5 h", "0.5×").
const trimmed = (v) => String(Math.round(v * 100) / 100);
const hoursTick = (h) => trimmed(h) + ' h';
const millisTick = (m) => trimmed(m) + ' ms';
const isoHours = (d) => (/^PT(\d+)H$/.exec(d || '') ? Number(/^PT(\d+)H$/.exec(d)[1]) : 0);
const reviewed = (kpi) => kpi && kpi.last7Days && kpi.last7Days.count > 0;
const targetHours = (kpi) => (kpi && num(kpi.targetSeconds) ? kpi.targetSeconds / 3600 : DEFAULT_TARGET_HOURS);
const values = (view) => Object.values(view || {}).filter((v) => v && typeof v === 'object');
const worst = (list, score) => list.reduce((w, k) => (num(score(k)) !== null && (w === null || score(k) > score(w)) ? k : w), null);

// Hooks for feeds: once /api/kpis has a view with this name, its section shows it.
const FEEDS = [
  { view: 'violations', list: 'violations', empty: 'violations-empty', render: violationItems },
  { view: 'open-escalations', list: 'escalations', empty: 'escalations-empty', render: escalationItems },
  { view: 'rollouts', list: 'rollouts', empty: 'rollouts-empty', render: rolloutItems },
];
const ROLLOUTS_SHOWN = 5;

// Each tile reads one view of /api/kpis (data-view on the tile). pick(view) gives the KPI value
// the tile is about or null; value(kpi) a number or null; state(value, kpi) 'good', 'bad' or '';
// chart(trend, kpi) describes its trend chart (charts.js) from trend(view), null before the first.
// Rows: pull requests and API changes; customer escalations; the platform's publishing SLOs.
const TILES = [
  {
    id: 'review-mean',
    view: REVIEW_VIEW,
    label: 'PR review latency, mean (7 d)',
    pick: (v) => v[ALL_TEAMS] || null,
    value: (k) => (reviewed(k) ? num(k.last7Days.meanSeconds / 3600) : null),
    format: hours,
    target: (k) => 'target < ' + hours(targetHours(k)) + ' business · all teams',
    state: (v, k) => (v < targetHours(k) ? 'good' : 'bad'),
    hint: 'no data yet: no PR reviewed in the last 7 days',
    chart: reviewChart,
  },
  {
    id: 'waiting',
    view: REVIEW_VIEW,
    label: 'PRs waiting over target',
    pick: (v) => v[ALL_TEAMS] || null,
    value: (k) => (k ? num(k.waitingOverTarget) : null),
    format: count,
    target: (k) => 'target 0 · first review within ' + hours(targetHours(k)),
    state: (v) => (v === 0 ? 'good' : 'bad'),
    hint: NO_DATA_HINT,
    chart: (trend) => dailyChart(trend(REVIEW_VIEW), [ALL_TEAMS], (p) => num(p.waitingOverTarget), {
      label: 'waiting, end of day', format: count, target: 0, targetLabel: 'target 0' }),
  },
  {
    id: 'breaking',
    view: 'api-stability',
    label: 'Breaking API changes',
    pick: (v) => worst(values(v), (q) => Date.parse(q.quarterStart)),
    value: (k) => (k && k.total ? num(k.total.breaking) : null),
    format: count,
    target: (k) => 'target 0 · ' + (k && k.quarter ? k.quarter : 'this quarter'),
    state: (v, k) => (v <= (num(k.targetBreaking) ?? 0) ? 'good' : 'bad'),
    hint: 'no data yet: no PR merged this quarter',
    chart: breakingChart,
  },
  escalationTile('P0'),
  escalationTile('P1'),
  {
    id: 'open-over',
    view: ESCALATION_VIEW,
    label: 'P0 / P1 open over 48 h',
    pick: (v) => (v.P0 || v.P1 ? [v.P0, v.P1].filter(Boolean) : null),
    value: (ks) => ks.reduce((sum, k) => (sum === null || num(k.openOverTarget) === null ? null : sum + k.openOverTarget), 0),
    format: count,
    target: (ks) => 'target 0' + (ks ? ' · ' + count(ks.reduce((sum, k) => sum + (num(k.open) ?? 0), 0)) + ' open now' : ''),
    state: (v) => (v === 0 ? 'good' : 'bad'),
    hint: 'no data yet: no P0 or P1 escalation',
    chart: (trend) => dailyChart(trend(ESCALATION_VIEW), ['P0', 'P1'], (p) => num(p.openOverTarget), {
      label: 'P0 + P1 open over 48 h, end of day', format: count, target: 0, targetLabel: 'target 0' }),
  },
  {
    id: 'p99',
    view: LATENCY_VIEW,
    label: 'P99 publish latency, worst cluster',
    pick: (v) => {
      const all = values(v);
      const w = worst(all, (k) => (num(k.p99Ms) !== null && num(k.sloMs) ? k.p99Ms / k.sloMs : null));
      return w ? { ...w, anyBreach: all.some((k) => k.sloBreached || k.bandBreached) } : null;
    },
    value: (k) => (k ? num(k.p99Ms) : null),
    format: millis,
    target: (k) => (k ? 'SLO ' + millis(k.sloMs) + (num(k.bandMs) !== null ? ' · band ' + millis(k.bandMs) : '') + ' · ' + k.cluster
      : 'SLO and tolerance band'),
    state: (v, k) => (k.anyBreach ? 'bad' : 'good'),
    hint: 'no data yet: no latency samples',
    chart: latencyChart,
  },
  {
    id: 'delivery',
    view: DELIVERY_VIEW,
    label: 'Delivery ratio, worst cluster (30 d)',
    pick: (v) => worst(values(v), (k) => (num(k.deliveryRatio) !== null ? -k.deliveryRatio : null)),
    value: (k) => (k ? num(k.deliveryRatio) : null),
    format: precisePercent,
    target: (k) => (k ? 'target ≥ ' + precisePercent(k.targetRatio) + ' · budget ' + percent(k.errorBudgetRemaining)
      + ' left · ' + k.cluster : 'target ≥ 99.99%'),
    state: (v, k) => (v >= k.targetRatio ? 'good' : 'bad'),
    hint: 'no data yet: no delivery samples',
    chart: (trend, k) => k && hourlyChart(trend(DELIVERY_VIEW), k.cluster, (p) => (num(p.deliveryRatio) === null ? null : p.deliveryRatio * 100), {
      label: 'delivered, 30 d', format: (v) => v.toFixed(3) + '%', axisWidth: 62,
      target: k.targetRatio * 100, targetLabel: 'target ' + precisePercent(k.targetRatio) }),
  },
  {
    id: 'burn',
    view: DELIVERY_VIEW,
    label: 'Error budget burn rate, worst cluster (1 h)',
    pick: (v) => {
      const all = values(v);
      const w = worst(all, (k) => num(k.burnRate1h));
      return w ? { ...w, anyPage: all.some((k) => k.pageFast || k.pageSlow) } : null;
    },
    value: (k) => (k ? num(k.burnRate1h) : null),
    format: (v) => fixed(v, 1, '×'),
    target: (k) => 'pages at ' + FAST_BURN + '× over 1 h and 5 min' + (k ? ' · ' + k.cluster : ''),
    state: (v, k) => (k.anyPage ? 'bad' : 'good'),
    hint: 'no data yet: no delivery samples',
    chart: (trend, k) => k && hourlyChart(trend(DELIVERY_VIEW), k.cluster, (p) => num(p.burnRate1h), {
      label: 'burn rate, 1 h', format: (v) => trimmed(v) + '×', zero: true,
      target: FAST_BURN, targetLabel: 'pages at ' + FAST_BURN + '×' }),
  },
];

function escalationTile(severity) {
  // This week's median; early in a week with nothing resolved yet, the quarter's (labelled so).
  return {
    id: severity.toLowerCase() + '-median',
    view: ESCALATION_VIEW,
    label: severity + ' resolution, median',
    pick: (v) => v[severity] || null,
    value: (k) => (resolutionPeriod(k) ? num(resolutionPeriod(k).p50Seconds / 3600) : null),
    format: hours,
    target: (k) => 'target < ' + hours(escalationTarget(k)) + (k ? ' · ' + (resolutionPeriod(k) === k.thisWeek ? 'this week'
      : 'this quarter') + ' · ' + count(k.open) + ' open' : ''),
    state: (v, k) => (v < k.targetSeconds / 3600 ? 'good' : 'bad'),
    hint: 'no data yet: none resolved this quarter',
    chart: (trend, k) => dailyChart(trend(ESCALATION_VIEW), [severity], (p) => {
      const period = resolutionPeriod(p);
      return period ? num(period.p50Seconds / 3600) : null;
    }, { label: 'median, end of day', format: hoursTick, target: escalationTarget(k), targetLabel: 'target ' + hours(escalationTarget(k)) }),
  };
}

function resolutionPeriod(k) {
  return k && k.thisWeek && k.thisWeek.count > 0 ? k.thisWeek : k && k.thisQuarter && k.thisQuarter.count > 0 ? k.thisQuarter : null;
}

function escalationTarget(k) {
  return k && num(k.targetSeconds) ? k.targetSeconds / 3600 : ESCALATION_TARGET_HOURS;
}

// Trends: per view, per key, the points {bucket, at, value} of /api/trends (the value at the end
// of each day or hour), with the latest /api/kpis value of each key put into its bucket between
// two fetches, so that a chart ends where its tile is.
const TREND_VIEWS = {
  [REVIEW_VIEW]: (v) => v.asOf,
  [ESCALATION_VIEW]: (v) => v.asOf,
  'api-stability': (v) => v.asOf,
  [LATENCY_VIEW]: (v) => v.minute,
  [DELIVERY_VIEW]: (v) => v.asOf,
};
const trends = new Map();

async function fetchTrends() {
  await Promise.all(Object.keys(TREND_VIEWS).map(async (view) => {
    try {
      const response = await fetch('/api/trends/' + view + '?days=' + TREND_DAYS, { cache: 'no-store' });
      if (!response.ok) return; // 503 while rebalancing: keep what is drawn, try again later
      const body = await response.json();
      const bucketMs = isoHours(body.bucket) * 3600000;
      const keys = new Map();
      for (const [key, points] of Object.entries(body.keys || {})) {
        keys.set(key, points.map((p) => ({ bucket: Date.parse(p.bucket), at: Date.parse(TREND_VIEWS[view](p.value)), value: p.value }))
          .filter((p) => Number.isFinite(p.bucket) && Number.isFinite(p.at)));
      }
      if (bucketMs > 0) trends.set(view, { bucketMs, keys });
    } catch (e) {
      // Not reachable: the charts keep their points; the status pill says so.
    }
  }));
}

/** Puts each key's current value into its bucket, as the trend store does; drops buckets past the days shown. */
function spliceLive(views) {
  for (const [view, trend] of trends) {
    for (const [key, value] of Object.entries(views[view] || {})) {
      const at = Date.parse(value && TREND_VIEWS[view](value));
      if (!Number.isFinite(at)) continue;
      const bucket = at - (((at % trend.bucketMs) + trend.bucketMs) % trend.bucketMs);
      const points = trend.keys.get(key) || [];
      const last = points[points.length - 1];
      if (!last || bucket > last.bucket) points.push({ bucket, at, value });
      else if (bucket === last.bucket && at >= last.at) points[points.length - 1] = { bucket, at, value };
      trend.keys.set(key, points);
    }
    let newest = -Infinity;
    for (const points of trend.keys.values()) if (points.length) newest = Math.max(newest, points[points.length - 1].bucket);
    for (const [key, points] of trend.keys) trend.keys.set(key, points.filter((p) => p.bucket > newest - TREND_DAYS * DAY_MS));
  }
}

const trendOf = (view) => (trends.has(view) ? trends.get(view).keys : null);

/** [xs, ys] of one key's points, in seconds; ys by value(point's KPI value), null where it has none. */
function table(points, value) {
  return [points.map((p) => p.at / 1000), points.map((p) => value(p.value))];
}

/**
 * One point per day from a key's first day to its last, each at the day's end: a day without a
 * report (a weekend without PR events) keeps the value of the last report before it, as the tile
 * would have shown it.
 */
function everyDay(points) {
  const days = [];
  let i = 0;
  for (let day = points.length ? points[0].bucket : 0; points.length && day <= points[points.length - 1].bucket; day += DAY_MS) {
    while (i + 1 < points.length && points[i + 1].bucket <= day) i++;
    // At the day's end (the newest day: at its latest report), so days are evenly spaced.
    const p = points[i];
    const last = day === points[points.length - 1].bucket;
    days.push({ bucket: day, at: last ? p.at : day + DAY_MS - 1, value: p.value });
  }
  return days;
}

/** The sum per day of several keys' values, at the latest time any of them has in it. */
function summed(keys, points, value) {
  const byBucket = new Map();
  for (const key of keys) {
    for (const p of everyDay(points.get(key) || [])) {
      const v = value(p.value);
      const b = byBucket.get(p.bucket) || { at: p.at, sum: null };
      byBucket.set(p.bucket, { at: Math.max(b.at, p.at), sum: v === null ? b.sum : (b.sum ?? 0) + v });
    }
  }
  const buckets = [...byBucket.keys()].sort((a, b) => a - b);
  return [buckets.map((b) => byBucket.get(b).at / 1000), buckets.map((b) => byBucket.get(b).sum)];
}

function targetLine(o) {
  return o.target === undefined || o.target === null ? [] : [{ label: o.targetLabel, value: o.target, color: BAD, dash: [5, 4], width: 1.25 }];
}

/** A daily chart of one value per day, summed over {@code keys}. */
function dailyChart(points, keys, value, o) {
  if (!points) return null;
  const [xs, ys] = summed(keys, points, value);
  return { xs, daily: true, zero: true, minSpan: 3 * DAY_S, format: o.format, integer: o.format === count,
    series: [{ label: o.label, values: ys, color: MAIN, width: 2, main: true }], lines: targetLine(o) };
}

/** An hourly chart of one cluster's value. */
function hourlyChart(points, cluster, value, o) {
  if (!points) return null;
  const [xs, ys] = table(points.get(cluster) || [], value);
  return { xs, minSpan: 6 * 3600, format: o.format, zero: o.zero, axisWidth: o.axisWidth,
    series: [{ label: o.label + ' · ' + cluster, values: ys, color: MAIN, width: 1.75, main: true }], lines: targetLine(o) };
}

/** The mean of every team (bold) and of each team (thin), against the target. */
function reviewChart(trend, k) {
  const points = trend(REVIEW_VIEW);
  if (!points) return null;
  const mean = (v) => (reviewed(v) ? v.last7Days.meanSeconds / 3600 : null);
  const teams = [...points.keys()].filter((t) => t !== ALL_TEAMS).sort();
  const keys = [ALL_TEAMS, ...teams].filter((t) => points.has(t));
  if (!keys.length) return { xs: [], series: [], lines: [] };
  const [xs, ...ys] = uPlot.join(keys.map((t) => table(everyDay(points.get(t)), mean)));
  // Drawn first, so the teams' thin lines are under the mean of all.
  const series = keys.map((t, i) => (t === ALL_TEAMS
    ? { label: 'all teams, 7 d', values: ys[i], color: MAIN, width: 2.25, main: true }
    : { label: t, legend: 'each team', hideInLegend: i > 1, values: ys[i], color: TEAM_LINE, width: 1 }));
  series.push(series.shift());
  return { xs, daily: true, zero: true, minSpan: 3 * DAY_S, format: hoursTick, series,
    lines: targetLine({ target: targetHours(k), targetLabel: 'target ' + hours(targetHours(k)) }) };
}

/**
 * Breaking changes of the quarter at the end of each day: the latest count of the quarter the day
 * is in (0 in a new quarter before its first merge), so a day without merges keeps the count.
 */
function breakingChart(trend) {
  const quarters = trend('api-stability');
  if (!quarters) return null;
  const all = [...quarters.values()].flat().sort((a, b) => a.at - b.at);
  if (!all.length) return { xs: [], series: [], lines: [] };
  const xs = [];
  const ys = [];
  const lastDay = all[all.length - 1].bucket;
  for (let day = all[0].bucket; day <= lastDay; day += DAY_MS) {
    const end = day + DAY_MS - 1;
    const known = all.filter((p) => p.bucket <= day && Date.parse(p.value.quarterStart) <= end && end < Date.parse(p.value.quarterEnd));
    const latest = known[known.length - 1];
    xs.push((day === lastDay ? all[all.length - 1].at : end) / 1000);
    ys.push(latest && latest.value.total ? num(latest.value.total.breaking) : 0);
  }
  return { xs, daily: true, zero: true, minSpan: 3 * DAY_S, format: count, integer: true,
    series: [{ label: 'breaking, quarter to date', values: ys, color: MAIN, width: 2, main: true, steps: true }],
    lines: targetLine({ target: 0, targetLabel: 'target 0' }) };
}

/** One cluster's p99 in the tolerance band around its baseline, against its SLO. */
function latencyChart(trend, k) {
  const points = trend(LATENCY_VIEW);
  if (!points || !k) return null;
  const own = points.get(k.cluster) || [];
  const [xs, p99] = table(own, (v) => num(v.p99Ms));
  const band = own.map((p) => num(p.value.bandMs));
  const baseline = own.map((p) => num(p.value.baselineMs));
  return { xs, minSpan: 6 * 3600, format: millisTick,
    series: [
      { label: 'band', values: band, color: BAND_EDGE, width: 0.75, hideInLegend: true },
      { label: 'baseline', values: baseline, color: BAND_EDGE, width: 0.75, hideInLegend: true },
      { label: 'p99 · ' + k.cluster, values: p99, color: MAIN, width: 1.75, main: true },
    ],
    band: [0, 1], bandColor: BAND_FILL, bandLabel: 'tolerance band',
    lines: targetLine({ target: num(k.sloMs), targetLabel: 'SLO ' + millis(k.sloMs) }) };
}

const charts = new Map();

function buildTiles() {
  const row = document.getElementById('tiles');
  for (const tile of TILES) {
    const card = el('article', 'tile');
    card.id = 'tile-' + tile.id;
    card.dataset.view = tile.view;
    const chart = el('div', 'tile-chart');
    chart.setAttribute('aria-label', 'trend, ' + TREND_DAYS + ' days');
    const legend = el('div', 'tile-legend');
    card.append(el('div', 'tile-label', tile.label), el('div', 'tile-value', NO_DATA),
      el('div', 'tile-target', ''), el('div', 'tile-hint', tile.hint), chart, legend);
    row.append(card);
    charts.set(tile.id, new TrendChart(chart, legend));
  }
}

/** Draws every tile; returns how many have a value. */
function renderTiles(views) {
  let filled = 0;
  for (const tile of TILES) {
    const card = document.getElementById('tile-' + tile.id);
    const kpi = tile.pick(views[tile.view] || {});
    const v = kpi === null ? null : tile.value(kpi);
    const state = v === null ? '' : tile.state(v, kpi);
    card.className = 'tile' + (state ? ' ' + state : '');
    card.querySelector('.tile-value').textContent = tile.format(v);
    card.querySelector('.tile-target').textContent = tile.target(kpi);
    card.querySelector('.tile-hint').hidden = v !== null;
    if (v !== null) filled++;
  }
  return filled;
}

function renderCharts(views) {
  for (const tile of TILES) {
    const spec = tile.chart(trendOf, tile.pick(views[tile.view] || {}));
    const chart = charts.get(tile.id);
    if (spec) chart.draw(spec);
    else chart.clear(trends.size ? 'no trend yet' : 'loading trend…');
  }
}

function renderTeams(byTeam) {
  const body = document.querySelector('#teams tbody');
  const teams = Object.keys(byTeam).filter((t) => t !== ALL_TEAMS).sort();
  const rows = teams.map((team) => {
    const k = byTeam[team];
    const s = k.last7Days || {};
    const has = reviewed(k);
    const row = el('tr');
    const mean = el('td', has ? (s.meanSeconds / 3600 < targetHours(k) ? 'good' : 'bad') : '',
      has ? hours(s.meanSeconds / 3600) : NO_DATA);
    row.append(el('td', '', team), mean,
      el('td', '', has ? hours(s.p50Seconds / 3600) : NO_DATA),
      el('td', '', has ? hours(s.p90Seconds / 3600) : NO_DATA),
      el('td', '', count(s.count)),
      el('td', '', has ? percent(s.withinTargetRatio) : NO_DATA),
      el('td', num(k.waitingOverTarget) > 0 ? 'bad' : '', count(k.waitingOverTarget)),
      el('td', '', k.today ? count(k.today.count) : NO_DATA));
    return row;
  });
  body.replaceChildren(...rows);
  document.getElementById('teams-empty').hidden = rows.length > 0;
}

function feedItem(title, detail, state) {
  const item = el('li', state || '');
  item.append(el('strong', '', title), el('span', 'feed-detail', detail));
  return item;
}

const clock = (iso) => (typeof iso === 'string' && iso.length >= 16 ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : NO_DATA);

// Violations view: the latest crossing or recovery per cluster and line; breaches first.
function violationItems(entries) {
  return values(entries)
    .sort((a, b) => (a.kind === b.kind ? String(a.cluster).localeCompare(String(b.cluster)) : a.kind === 'crossed' ? -1 : 1))
    .map((v) => feedItem(v.cluster + ' · ' + v.level,
      (v.kind === 'crossed' ? 'over the line since ' : 'back under since ') + clock(v.minute)
        + ' · p99 ' + millis(v.p99Ms) + ' vs ' + millis(v.thresholdMs),
      v.kind === 'crossed' ? 'bad' : 'good'));
}

// Open escalations view: P0 and P1 only, oldest first, age against the page's event time.
function escalationItems(entries, now) {
  return values(entries)
    .filter((e) => e.severity === 'P0' || e.severity === 'P1')
    .sort((a, b) => (a.severity === b.severity ? String(a.openedAt).localeCompare(String(b.openedAt)) : a.severity < b.severity ? -1 : 1))
    .map((e) => {
      const opened = Date.parse(e.openedAt);
      const age = now !== null && Number.isFinite(opened) ? (now - opened) / 3600000 : null;
      const over = num(age) !== null && age > ESCALATION_TARGET_HOURS;
      return feedItem(e.severity + ' ' + e.id, e.customer + ' · ' + e.productArea + ' · open ' + hours(age), over ? 'bad' : '');
    });
}

// Rollouts view: each flag's latest stage verdict, the most recent first.
function rolloutItems(entries) {
  return values(entries)
    .sort((a, b) => String(b.decidedAt).localeCompare(String(a.decidedAt)))
    .slice(0, ROLLOUTS_SHOWN)
    .map((d) => feedItem(d.flag + ' · ' + count(d.stagePercent) + '%',
      (d.decision === 'abort' ? 'aborted' : 'proceeds') + ' on ' + d.cluster + ' · ' + clock(d.decidedAt)
        + (d.decision === 'abort' ? ' · ' + d.reason : ''),
      d.decision === 'abort' ? 'bad' : 'good'));
}

function renderFeed(feed, entries, now) {
  const items = feed.render(entries || {}, now);
  document.getElementById(feed.list).replaceChildren(...items);
  document.getElementById(feed.empty).hidden = items.length > 0;
}

// The page's "now": the latest event time any KPI reports.
function eventTime(views) {
  let latest = null;
  for (const view of Object.values(views)) {
    for (const k of values(view)) {
      const t = Date.parse(k.asOf || k.minute || '');
      if (Number.isFinite(t) && (latest === null || t > latest)) latest = t;
    }
  }
  return latest;
}

function renderAsOf(now) {
  document.getElementById('as-of').textContent = now !== null
    ? 'as of ' + new Date(now).toISOString().slice(0, 16).replace('T', ' ') + ' UTC (event time)' : '';
}

function setStatus(text, kind) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = 'status status-' + kind;
}

let polls = 0;
let filled = 0;

/** One poll, then the next: sooner while some tile has no value yet. */
async function pollLoop() {
  await poll();
  setTimeout(pollLoop, filled < TILES.length ? FILLING_POLL_MS : POLL_MS);
}

async function poll() {
  try {
    const response = await fetch('/api/kpis', { cache: 'no-store' });
    if (!response.ok) {
      setStatus(response.status === 503 ? 'rebalancing, retrying…' : 'error ' + response.status, 'wait');
      return;
    }
    const data = await response.json();
    const views = data.views || {};
    const now = eventTime(views);
    filled = renderTiles(views);
    const due = polls++ % TREND_POLLS === 0;
    if (due || trends.size < Object.keys(TREND_VIEWS).length) await fetchTrends();
    spliceLive(views);
    renderCharts(views);
    renderTeams(views[REVIEW_VIEW] || {});
    renderAsOf(now);
    for (const feed of FEEDS) renderFeed(feed, views[feed.view], now);
    if (data.complete === false) setStatus('partial data, some instances not answering', 'wait');
    else setStatus('live', 'ok');
  } catch (e) {
    setStatus('not reachable, retrying…', 'bad');
  }
}

async function loadConfig() {
  try {
    const response = await fetch('/api/config', { cache: 'no-store' });
    const config = await response.json();
    if (config.producerUrl && Array.isArray(config.scenarios) && config.scenarios.length > 0) {
      showScenarioSwitch(config.producerUrl.replace(/\/+$/, ''), config.scenarios);
    }
  } catch (e) {
    // No config: the page works without the scenario switch.
  }
}

function showScenarioSwitch(producerUrl, scenarios) {
  const buttons = document.getElementById('scenario-buttons');
  const result = document.getElementById('scenario-result');
  for (const name of scenarios) {
    const button = el('button', '', name);
    button.type = 'button';
    button.addEventListener('click', async () => {
      result.textContent = 'switching to ' + name + '…';
      try {
        const r = await fetch(producerUrl + '/scenarios/' + encodeURIComponent(name), { method: 'POST' });
        result.textContent = r.ok ? 'scenario: ' + name : 'producer said ' + r.status;
      } catch (e) {
        result.textContent = 'producer not reachable';
      }
    });
    buttons.append(button);
  }
  document.getElementById('scenarios').hidden = false;
}

buildTiles();
renderTiles({});
renderCharts({});
loadConfig();
pollLoop();
