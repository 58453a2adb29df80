// PM Pulse dashboard. Polls /api/kpis and draws it with DOM calls only: every value from the
// API goes through textContent or setAttribute and is never parsed as HTML.
'use strict';

const POLL_MS = 2000;
const HISTORY_POINTS = 60;
const REVIEW_VIEW = 'review-latency';
const ALL_TEAMS = 'all';
const DEFAULT_TARGET_HOURS = 4;
const NO_DATA = '—';

// Hooks for KPIs still to come: once /api/kpis has a view with this name, its section shows it.
const FEEDS = [
  { view: 'violations', list: 'violations', empty: 'violations-empty' },
  { view: 'open-escalations', list: 'escalations', empty: 'escalations-empty' },
];

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const hours = (h) => (num(h) === null ? NO_DATA : h.toFixed(1) + ' h');
const count = (n) => (num(n) === null ? NO_DATA : String(Math.round(n)));
const percent = (r) => (num(r) === null ? NO_DATA : Math.round(r * 100) + '%');
const reviewed = (kpi) => kpi && kpi.last7Days && kpi.last7Days.count > 0;
const targetHours = (kpi) => (kpi && num(kpi.targetSeconds) ? kpi.targetSeconds / 3600 : DEFAULT_TARGET_HOURS);

// value(kpi) gives a number or null; state(value, kpi) gives 'good', 'bad' or '' (no target).
const TILES = [
  {
    id: 'review-mean',
    label: 'PR review latency, mean (7 d)',
    value: (k) => (reviewed(k) ? k.last7Days.meanSeconds / 3600 : null),
    format: hours,
    target: (k) => 'target < ' + hours(targetHours(k)) + ' business',
    state: (v, k) => (v < targetHours(k) ? 'good' : 'bad'),
    hint: 'no data yet: no PR reviewed in the last 7 days',
  },
  {
    id: 'waiting',
    label: 'PRs waiting over target',
    value: (k) => (k ? num(k.waitingOverTarget) : null),
    format: count,
    target: () => 'target 0',
    state: (v) => (v === 0 ? 'good' : 'bad'),
    hint: 'no data yet',
  },
  {
    id: 'reviews',
    label: 'Reviews (last 7 d)',
    value: (k) => (k && k.last7Days ? num(k.last7Days.count) : null),
    format: count,
    target: () => 'first approvals or change requests',
    state: () => '',
    hint: 'no data yet',
  },
  {
    id: 'within',
    label: 'Reviewed within target (7 d)',
    value: (k) => (reviewed(k) ? num(k.last7Days.withinTargetRatio) : null),
    format: percent,
    target: (k) => 'share reviewed within ' + hours(targetHours(k)),
    state: () => '',
    hint: 'no data yet: no PR reviewed in the last 7 days',
  },
];

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

function renderTiles(overall) {
  for (const tile of TILES) {
    const card = document.getElementById('tile-' + tile.id);
    const v = tile.value(overall);
    const state = v === null ? '' : tile.state(v, overall);
    card.className = 'tile' + (state ? ' ' + state : '');
    card.querySelector('.tile-value').textContent = tile.format(v);
    card.querySelector('.tile-target').textContent = tile.target(overall);
    card.querySelector('.tile-hint').hidden = v !== null;
    const points = history.get(tile.id);
    if (v !== null) {
      points.push(v);
      if (points.length > HISTORY_POINTS) points.shift();
    }
    drawSparkline(card.querySelector('polyline'), points);
  }
}

function drawSparkline(line, values) {
  if (values.length < 2) {
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

// A feed entry's fields are not known yet: show its key and its plain (non-object) fields.
function renderFeed(feed, entries) {
  const list = document.getElementById(feed.list);
  const items = Object.keys(entries || {}).sort().map((key) => {
    const value = entries[key];
    const fields = value && typeof value === 'object'
      ? Object.entries(value).filter(([, v]) => v !== null && typeof v !== 'object')
        .map(([f, v]) => f + ': ' + v).join(' · ')
      : String(value);
    const item = el('li');
    item.append(el('strong', '', key + ' '), el('span', '', fields));
    return item;
  });
  list.replaceChildren(...items);
  document.getElementById(feed.empty).hidden = items.length > 0;
}

function renderAsOf(overall) {
  const at = overall && overall.asOf ? new Date(overall.asOf) : null;
  document.getElementById('as-of').textContent = at && !Number.isNaN(at.getTime())
    ? 'as of ' + at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC (event time)' : '';
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
    const review = views[REVIEW_VIEW] || {};
    renderTiles(review[ALL_TEAMS] || null);
    renderTeams(review);
    renderAsOf(review[ALL_TEAMS]);
    for (const feed of FEEDS) renderFeed(feed, views[feed.view]);
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
renderTiles(null);
loadConfig();
poll();
setInterval(poll, POLL_MS);
