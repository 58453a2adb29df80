// PM Pulse dashboard. Polls /api/kpis and draws it with DOM calls only: every value from the
// API goes through textContent or setAttribute and is never parsed as HTML.
'use strict';

const POLL_MS = 2000;
const HISTORY_POINTS = 60;
const REVIEW_VIEW = 'review-latency';
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
// the tile is about or null; value(kpi) a number or null; state(value, kpi) 'good', 'bad' or ''.
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
  },
  escalationTile('P0'),
  escalationTile('P1'),
  {
    id: 'open-over',
    view: 'escalation-resolution',
    label: 'P0 / P1 open over 48 h',
    pick: (v) => (v.P0 || v.P1 ? [v.P0, v.P1].filter(Boolean) : null),
    value: (ks) => ks.reduce((sum, k) => (sum === null || num(k.openOverTarget) === null ? null : sum + k.openOverTarget), 0),
    format: count,
    target: (ks) => 'target 0' + (ks ? ' · ' + count(ks.reduce((sum, k) => sum + (num(k.open) ?? 0), 0)) + ' open now' : ''),
    state: (v) => (v === 0 ? 'good' : 'bad'),
    hint: 'no data yet: no P0 or P1 escalation',
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
  },
  {
    id: 'p99',
    view: 'publish-latency',
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
  },
  {
    id: 'delivery',
    view: 'delivery',
    label: 'Delivery ratio, worst cluster (30 d)',
    pick: (v) => worst(values(v), (k) => (num(k.deliveryRatio) !== null ? -k.deliveryRatio : null)),
    value: (k) => (k ? num(k.deliveryRatio) : null),
    format: precisePercent,
    target: (k) => (k ? 'target ≥ ' + precisePercent(k.targetRatio) + ' · budget ' + percent(k.errorBudgetRemaining)
      + ' left · ' + k.cluster : 'target ≥ 99.99%'),
    state: (v, k) => (v >= k.targetRatio ? 'good' : 'bad'),
    hint: 'no data yet: no delivery samples',
  },
];

function escalationTile(severity) {
  // This week's median; early in a week with nothing resolved yet, the quarter's (labelled so).
  const period = (k) => (k && k.thisWeek && k.thisWeek.count > 0 ? k.thisWeek
    : k && k.thisQuarter && k.thisQuarter.count > 0 ? k.thisQuarter : null);
  return {
    id: severity.toLowerCase() + '-median',
    view: 'escalation-resolution',
    label: severity + ' resolution, median',
    pick: (v) => v[severity] || null,
    value: (k) => (period(k) ? num(period(k).p50Seconds / 3600) : null),
    format: hours,
    target: (k) => 'target < ' + hours(k && num(k.targetSeconds) ? k.targetSeconds / 3600 : ESCALATION_TARGET_HOURS)
      + (k ? ' · ' + (period(k) === k.thisWeek ? 'this week' : 'this quarter') + ' · ' + count(k.open) + ' open' : ''),
    state: (v, k) => (v < k.targetSeconds / 3600 ? 'good' : 'bad'),
    hint: 'no data yet: none resolved this quarter',
  };
}

const history = new Map(TILES.map((t) => [t.id, []]));

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildTiles() {
  const row = document.getElementById('tiles');
  for (const tile of TILES) {
    const card = el('article', 'tile');
    card.id = 'tile-' + tile.id;
    card.dataset.view = tile.view;
    card.append(el('div', 'tile-label', tile.label), el('div', 'tile-value', NO_DATA),
      el('div', 'tile-target', ''), el('div', 'tile-hint', tile.hint));
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 100 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    svg.append(document.createElementNS('http://www.w3.org/2000/svg', 'polyline'));
    card.append(svg);
    row.append(card);
  }
}

function renderTiles(views) {
  for (const tile of TILES) {
    const card = document.getElementById('tile-' + tile.id);
    const kpi = tile.pick(views[tile.view] || {});
    const v = kpi === null ? null : tile.value(kpi);
    const state = v === null ? '' : tile.state(v, kpi);
    card.className = 'tile' + (state ? ' ' + state : '');
    card.querySelector('.tile-value').textContent = tile.format(v);
    card.querySelector('.tile-target').textContent = tile.target(kpi);
    card.querySelector('.tile-hint').hidden = v !== null;
    const points = history.get(tile.id);
    if (v !== null) {
      points.push(v);
      if (points.length > HISTORY_POINTS) points.shift();
    }
    drawSparkline(card.querySelector('polyline'), points);
  }
}

const MIN_SPARKLINE_POINTS = 5;

function drawSparkline(line, values) {
  if (values.length < MIN_SPARKLINE_POINTS) {
    line.setAttribute('points', '');
    return;
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo;
  const step = 100 / (HISTORY_POINTS - 1);
  const offset = 100 - (values.length - 1) * step;
  const pts = values.map((v, i) =>
    (offset + i * step).toFixed(2) + ',' + (span === 0 ? 15 : 28 - ((v - lo) / span) * 26).toFixed(2));
  line.setAttribute('points', pts.join(' '));
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
    renderTiles(views);
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
loadConfig();
poll();
setInterval(poll, POLL_MS);
