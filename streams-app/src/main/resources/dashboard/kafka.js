// PM Pulse, Kafka inside: the running app's topology, topics, records, transactions and instances.
// Polls /api/kafka/* and draws with DOM and SVG calls only: every value from the API goes through
// textContent or setAttribute and is never parsed as HTML.
'use strict';

const STATUS_MS = 2000;
const TOPICS_MS = 3000;
const FAULTS_MS = 1000;
const SVG_NS = 'http://www.w3.org/2000/svg';
const NO_DATA = '—';

const NODE_W = 196;
const NODE_H = 38;
const NODE_H_TWO_LINES = 52;
const TOPIC_H = 24;
const TOPIC_H_TWO_LINES = 36;
const GAP_X = 14;
const GAP_Y = 30;
const PAD = 10;
const CHAR_W = 6.5;
const LABEL_CHARS = Math.floor((NODE_W - 16) / CHAR_W);

const state = {
  topology: null,
  areas: {},
  nodeViews: new Map(), // node name -> { group, rateText, node }
  subViews: new Map(), // sub-topology id -> { details, rateText, tasksText }
  selected: null,
  area: null,
  topics: [],
  expandedTopic: null,
  collapsed: new Set(['Changelog topics (internal, one per state store)']),
  config: null,
  faultUrl: null,
  faultRunning: null,
  lastFaultKey: null,
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

function cell(text, className) {
  return el('td', className || '', text === null || text === undefined ? NO_DATA : String(text));
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v) => (num(v) === null ? NO_DATA : Math.round(v).toLocaleString('en-US'));
const rate = (v) => (num(v) === null ? NO_DATA : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const ms = (v) => (num(v) === null ? NO_DATA : v.toFixed(1));
const time = (iso) => (typeof iso === 'string' && iso.length >= 19 ? iso.slice(11, 19) : NO_DATA);
const dateTime = (iso) => (typeof iso === 'string' && iso.length >= 19 ? iso.slice(0, 19).replace('T', ' ') : NO_DATA);
// Keeps both ends of a long name: the start says where a node belongs, the end what it is.
const truncate = (text, chars) => {
  if (text.length <= chars) return text;
  const head = Math.ceil((chars - 1) / 2);
  return text.slice(0, head) + '…' + text.slice(text.length - (chars - 1 - head));
};

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error || 'HTTP ' + response.status);
    error.status = response.status;
    throw error;
  }
  return body;
}

function setStatus(text, kind) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = 'status status-' + kind;
}

// ---- Topology -------------------------------------------------------------------------------------

function areaLabel(area) {
  return state.areas[area] || area || 'unknown';
}

// A layered drawing of one sub-topology: topics above their sources and below their sinks,
// each node one layer below its lowest predecessor, nodes in a layer ordered by their neighbours.
function layout(sub) {
  const items = new Map();
  const edges = [];
  const add = (id, item) => {
    if (!items.has(id)) items.set(id, { id, preds: [], succs: [], ...item });
    return items.get(id);
  };
  for (const n of sub.nodes) add(n.name, { kind: n.kind.toLowerCase(), node: n, label: n.name });
  for (const n of sub.nodes) {
    for (const next of n.next) {
      if (items.has(next)) edges.push([n.name, next]);
    }
    for (const t of n.topics) {
      // A pill per sink, right below it: two sinks writing one topic (the dead letters) get one each.
      const id = 'topic:' + t.name + (n.kind === 'SOURCE' ? ':in' : ':out:' + n.name);
      // Internal topics by the name the topology gives them; the full name is in the tooltip.
      add(id, { kind: t.internal ? 'internal' : 'topic', topic: t, label: t.internal ? '…' + t.described : t.name });
      edges.push(n.kind === 'SOURCE' ? [id, n.name] : [n.name, id]);
    }
  }
  for (const [from, to] of edges) {
    items.get(from).succs.push(to);
    items.get(to).preds.push(from);
  }
  // Longest path from the roots gives the layer.
  const layerOf = new Map();
  const visit = (id) => {
    if (layerOf.has(id)) return layerOf.get(id);
    layerOf.set(id, 0); // guards against a cycle, which a topology cannot have
    const item = items.get(id);
    const layer = item.preds.length === 0 ? 0 : Math.max(...item.preds.map(visit)) + 1;
    layerOf.set(id, layer);
    return layer;
  };
  for (const id of items.keys()) visit(id);
  const layers = [];
  for (const [id, layer] of layerOf) {
    (layers[layer] = layers[layer] || []).push(id);
  }
  // Order each layer by the mean position of its neighbours, down then up, twice.
  const position = new Map();
  const place = (layer) => layer.forEach((id, i) => position.set(id, i));
  layers.forEach((layer) => {
    layer.sort();
    place(layer);
  });
  const mean = (ids) => (ids.length === 0 ? null : ids.reduce((s, id) => s + position.get(id), 0) / ids.length);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 1; i < layers.length; i++) {
      layers[i].sort((a, b) => (mean(items.get(a).preds) ?? position.get(a)) - (mean(items.get(b).preds) ?? position.get(b)));
      place(layers[i]);
    }
    for (let i = layers.length - 2; i >= 0; i--) {
      layers[i].sort((a, b) => (mean(items.get(a).succs) ?? position.get(a)) - (mean(items.get(b).succs) ?? position.get(b)));
      place(layers[i]);
    }
  }
  const widest = Math.max(...layers.map((l) => l.length));
  const width = PAD * 2 + widest * NODE_W + (widest - 1) * GAP_X;
  let y = PAD;
  for (const layer of layers) {
    const rowWidth = layer.length * NODE_W + (layer.length - 1) * GAP_X;
    let x = (width - rowWidth) / 2;
    const heightOf = (item) => {
      const twoLines = nameLines(item.label, LABEL_CHARS).length > 1;
      return item.topic ? (twoLines ? TOPIC_H_TWO_LINES : TOPIC_H) : twoLines ? NODE_H_TWO_LINES : NODE_H;
    };
    const h = Math.max(...layer.map((id) => heightOf(items.get(id))));
    for (const id of layer) {
      const item = items.get(id);
      item.x = x;
      item.h = heightOf(item);
      item.y = y + (h - item.h) / 2;
      x += NODE_W + GAP_X;
    }
    y += h + GAP_Y;
  }
  return { items, edges, width, height: y - GAP_Y + PAD };
}

// A long node name on two lines, broken after a '-' or '.' near the end of the first.
function nameLines(name, chars) {
  if (name.length <= chars) return [name];
  let cut = -1;
  for (let i = Math.min(chars, name.length - 1); i > chars / 3; i--) {
    if (name[i - 1] === '-' || name[i - 1] === '.') {
      cut = i;
      break;
    }
  }
  if (cut < 0) cut = chars;
  return [name.slice(0, cut), truncate(name.slice(cut), chars)];
}

function drawSubTopology(sub) {
  const { items, edges, width, height } = layout(sub);
  const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width, height, class: 'graph', role: 'img' });
  root.setAttribute('aria-label', 'Sub-topology ' + sub.id);
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow-' + sub.id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }));
  defs.append(marker);
  root.append(defs);
  for (const [from, to] of edges) {
    const a = items.get(from);
    const b = items.get(to);
    const x1 = a.x + NODE_W / 2;
    const y1 = a.y + a.h;
    const x2 = b.x + NODE_W / 2;
    const y2 = b.y - 1;
    const mid = (y1 + y2) / 2;
    root.append(svg('path', { d: `M ${x1} ${y1} C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}`, class: 'edge', 'marker-end': 'url(#arrow-' + sub.id + ')' }));
  }
  const chars = LABEL_CHARS;
  for (const item of items.values()) {
    const g = svg('g', { class: 'node ' + item.kind, transform: `translate(${item.x},${item.y})` });
    const title = svg('title');
    title.textContent = item.label;
    g.append(title);
    if (item.topic) {
      g.append(svg('rect', { width: NODE_W, height: item.h, rx: 12, class: 'shape' }));
      const lines = nameLines(item.label, chars);
      lines.forEach((line, i) => {
        const text = svg('text', { x: NODE_W / 2, y: item.h / 2 + 4 + (i - (lines.length - 1) / 2) * 13, 'text-anchor': 'middle', class: 'topic-label' });
        text.textContent = line;
        g.append(text);
      });
      title.textContent = item.topic.name;
      g.dataset.topic = item.topic.name;
      g.addEventListener('click', () => openTopicInBrowser(item.topic.name));
    } else {
      const n = item.node;
      const stateful = n.stores.length > 0;
      if (stateful) g.classList.add('stateful');
      g.dataset.node = n.name;
      g.dataset.subtopology = String(sub.id);
      g.dataset.area = n.area || '';
      g.append(svg('rect', { width: NODE_W, height: item.h, rx: 6, class: 'shape' }));
      const lines = nameLines(n.name, chars);
      lines.forEach((line, i) => {
        const name = svg('text', { x: 8, y: 15 + i * 14, class: 'node-label' });
        name.textContent = line;
        g.append(name);
      });
      const detail = svg('text', { x: 8, y: 30 + (lines.length - 1) * 14, class: 'node-rate' });
      const rateText = svg('tspan');
      rateText.textContent = '0.0/s';
      detail.append(rateText);
      if (stateful) {
        const stores = svg('tspan', { class: 'node-stores' });
        stores.textContent = '  · ' + n.stores.length + (n.stores.length === 1 ? ' store' : ' stores');
        detail.append(stores);
      }
      g.append(detail);
      g.addEventListener('click', () => selectNode(n, sub.id));
      state.nodeViews.set(n.name, { group: g, rateText, node: n });
    }
    root.append(g);
  }
  return root;
}

function buildTopology(topology) {
  state.topology = topology;
  state.areas = topology.areas || {};
  const list = document.getElementById('subtopologies');
  const subs = topology.subTopologies || [];
  const nodes = subs.reduce((sum, s) => sum + s.nodes.length, 0);
  const stores = subs.reduce((sum, s) => sum + s.nodes.reduce((k, n) => k + n.stores.length, 0), 0);
  document.getElementById('topology-summary').textContent =
    'Topology#describe(): ' + subs.length + ' sub-topologies, ' + nodes + ' nodes, ' + stores + ' state stores';
  // The input topics: read by a source, written by no sink of the app.
  const written = new Set(subs.flatMap((s) => s.nodes.filter((n) => n.kind === 'SINK').flatMap((n) => n.topics.map((t) => t.name))));
  state.inputSources = subs.flatMap((s) => s.nodes.filter((n) => n.kind === 'SOURCE' && n.topics.some((t) => !written.has(t.name))))
    .map((n) => n.name);
  document.getElementById('in-detail').textContent = 'records / s over the last 5 s, ' + state.inputSources.length + ' input topics';
  for (const sub of subs) {
    const details = el('details', 'subtopology');
    details.id = 'sub-' + sub.id;
    details.dataset.areas = sub.areas.join(' ');
    const summary = el('summary');
    const title = el('span', 'sub-title', 'Sub-topology ' + sub.id + (sub.global ? ', a global store' : ''));
    const areas = el('span', 'sub-areas', sub.areas.map(areaLabel).join(' · '));
    const storeCount = sub.nodes.reduce((k, n) => k + n.stores.length, 0);
    const counts = el('span', 'sub-counts', sub.nodes.length + ' nodes' + (storeCount ? ' · ' + storeCount + ' stores' : ''));
    const tasksText = el('span', 'sub-tasks', '');
    tasksText.dataset.global = sub.global ? 'true' : '';
    const rateText = el('span', 'sub-rate', '');
    summary.append(title, areas, counts, tasksText, rateText);
    const body = el('div', 'graph-scroll');
    body.append(drawSubTopology(sub));
    details.append(summary, body);
    list.append(details);
    state.subViews.set(sub.id, { details, rateText, tasksText });
  }
  const chips = document.getElementById('areas');
  const chip = (label, area) => {
    const button = el('button', 'chip', label);
    button.type = 'button';
    button.dataset.area = area || '';
    button.addEventListener('click', () => filterArea(area));
    return button;
  };
  chips.append(chip('All', null));
  for (const [area, label] of Object.entries(state.areas)) {
    const count = subs.filter((s) => s.areas.includes(area)).length;
    if (count > 0) chips.append(chip(label + ' (' + count + ')', area));
  }
  filterArea(null);
  const node = new URLSearchParams(location.search).get('node');
  if (node && state.nodeViews.has(node)) {
    const view = state.nodeViews.get(node);
    const sub = Number(view.group.dataset.subtopology);
    state.subViews.get(sub).details.open = true;
    selectNode(view.node, sub);
  }
  const wanted = /^#sub-(\d+)$/.exec(location.hash);
  const open = wanted ? Number(wanted[1]) : subs.length > 0 ? subs[0].id : null;
  if (open !== null && state.subViews.has(open)) state.subViews.get(open).details.open = true;
}

function filterArea(area) {
  state.area = area;
  for (const button of document.querySelectorAll('#areas .chip')) {
    button.classList.toggle('active', (button.dataset.area || null) === area);
  }
  for (const { details } of state.subViews.values()) {
    details.hidden = area !== null && !details.dataset.areas.split(' ').includes(area);
  }
  for (const { group, node } of state.nodeViews.values()) {
    group.classList.toggle('dim', area !== null && node.area !== area);
  }
}

function selectNode(n, subId) {
  if (state.selected) state.selected.classList.remove('selected');
  const view = state.nodeViews.get(n.name);
  state.selected = view.group;
  view.group.classList.add('selected');
  const card = document.getElementById('node');
  const rows = [
    ['Kind', n.kind.toLowerCase() + ' in sub-topology ' + subId],
    ['Part of', areaLabel(n.area)],
    ['What it does', n.what],
    ['Class', n.className],
    ['Source', n.sourceFile],
    ['Rate', view.rateText.textContent],
  ];
  if (n.topics.length) rows.push([n.kind === 'SOURCE' ? 'Reads' : 'Writes', n.topics.map((t) => t.name).join(', ')]);
  for (const s of n.stores) rows.push(['State store', s.name + ' (changelog ' + s.changelog + ')']);
  if (n.previous.length) rows.push(['From', n.previous.join(', ')]);
  if (n.next.length) rows.push(['To', n.next.join(', ')]);
  const list = el('dl');
  for (const [k, v] of rows) {
    list.append(el('dt', '', k), el('dd', k === 'Class' || k === 'Source' ? 'code' : '', v || NO_DATA));
  }
  card.replaceChildren(el('h3', 'node-name', n.name), list);
}

function renderRates(status) {
  const rates = status.nodeRates || {};
  for (const [name, view] of state.nodeViews) {
    const r = num(rates[name]);
    view.rateText.textContent = (r === null ? NO_DATA : rate(r)) + '/s';
    view.group.classList.toggle('busy', r !== null && r > 0);
  }
  const tasks = new Map();
  for (const t of status.threads || []) {
    for (const task of t.active) {
      if (!tasks.has(task.subTopology)) tasks.set(task.subTopology, []);
      tasks.get(task.subTopology).push(task.id);
    }
  }
  for (const [id, view] of state.subViews) {
    const r = num((status.subTopologyRates || {})[id]);
    view.rateText.textContent = r === null ? '' : rate(r) + ' rec/s in';
    const ids = (tasks.get(id) || []).sort();
    view.tasksText.textContent = view.tasksText.dataset.global
      ? 'no tasks: the global thread reads every partition, on every instance'
      : ids.length ? 'tasks ' + ids.join(' ') : 'no task here';
  }
}

// ---- Status ---------------------------------------------------------------------------------------

function renderStatus(status) {
  const st = status.state;
  const good = st === 'RUNNING';
  setStatus(st === 'RUNNING' ? 'live' : st.toLowerCase(), good ? 'ok' : st === 'REBALANCING' ? 'wait' : 'bad');
  const threads = status.threads || [];
  const changes = status.stateChanges || [];
  const since = changes.length ? changes[changes.length - 1].at : null;
  document.getElementById('state-since').textContent = since ? st + ' since ' + time(since) + ' UTC' : '';
  const stateTile = document.getElementById('tile-state');
  stateTile.className = 'tile compact ' + (good && threads.every((t) => t.state === 'RUNNING') ? 'good' : 'bad');
  document.getElementById('state-value').textContent = st;
  const tasks = threads.reduce((k, t) => k + t.active.length, 0);
  document.getElementById('state-detail').textContent = threads.length + ' stream threads (' +
    threads.filter((t) => t.state === 'RUNNING').length + ' running) · ' + tasks + ' active tasks · ' +
    status.threadsReplaced + ' replaced after a failure';

  const inRate = (state.inputSources || []).reduce((k, name) => k + (num(status.nodeRates[name]) || 0), 0);
  document.getElementById('in-value').textContent = rate(inRate);

  const commits = status.commits || [];
  const total = commits.reduce((k, c) => k + c.total, 0);
  const perSecond = commits.reduce((k, c) => k + c.perSecond, 0);
  document.getElementById('commits-value').textContent = int(total);
  document.getElementById('commits-detail').textContent = rate(perSecond) + ' / s now · one per stream-thread commit, every ' +
    status.commitIntervalMs + ' ms at most';
  document.getElementById('eos-guarantee').textContent = 'processing.guarantee=' + status.processingGuarantee;
  document.querySelector('#commits tbody').replaceChildren(...commits.map((c) => {
    const row = el('tr');
    row.append(cell(c.thread), cell(int(c.total)), cell(rate(c.perSecond)), cell(ms(c.latencyAvgMs)), cell(ms(c.latencyMaxMs)));
    return row;
  }));
  const commitSeconds = commits.reduce((k, c) => k + c.txnCommitSeconds, 0);
  const abortSeconds = commits.reduce((k, c) => k + c.txnAbortSeconds, 0);
  document.getElementById('eos-note').textContent =
    'Counted by Kafka\'s client metrics, per live stream thread since it started: commits (stream-thread commit-total), ' +
    'and the time its producer spent committing (' + commitSeconds.toFixed(1) + ' s) and aborting (' +
    abortSeconds.toFixed(1) + ' s) transactions; the metrics give no count of aborts. A thread that fails dies with ' +
    'its transaction open, which is aborted: ' + status.threadsReplaced + ' so far.';
  const readers = (status.readers || []).concat(state.demoReaders || []);
  document.getElementById('readers').replaceChildren(...readers.map((r) => {
    const item = el('li', r.isolationLevel === 'read_committed' ? 'good' : '');
    item.append(el('strong', '', r.reader + ': ' + r.isolationLevel), el('span', 'feed-detail', r.how));
    return item;
  }));
  document.getElementById('states').replaceChildren(...changes.slice().reverse().slice(0, 8).map((c) => {
    const item = el('li', c.to === 'RUNNING' ? 'good' : c.to === 'ERROR' || c.to === 'PENDING_ERROR' ? 'bad' : '');
    item.append(el('strong', '', c.from + ' → ' + c.to), el('span', 'feed-detail', 'at ' + time(c.at) + ' UTC'));
    return item;
  }));

  document.querySelector('#threads tbody').replaceChildren(...threads.map((t) => {
    const row = el('tr');
    row.append(cell(t.name), cell(t.state, t.state === 'RUNNING' ? 'good' : 'bad'),
      cell(t.active.map((k) => k.id).join(' ') || NO_DATA, 'tasks'), cell(t.standby.map((k) => k.id).join(' ') || NO_DATA, 'tasks'));
    return row;
  }));
  const instances = status.instances || [];
  document.querySelector('#instances tbody').replaceChildren(...instances.map((i) => {
    const row = el('tr');
    row.append(cell(i.hostPort + (i.self ? ' (this one)' : '')), cell(i.stores.length),
      cell(i.active.length + ' partitions', 'tasks'), cell(i.standby.length ? i.standby.length + ' partitions' : NO_DATA));
    row.title = i.active.join(', ');
    return row;
  }));
  document.getElementById('instances-note').textContent = status.instancesError
    ? 'Not known right now: ' + status.instancesError
    : 'KafkaStreams#metadataForAllStreamsClients(): ' + instances.length + ' instance(s) of the app. /api/kpis asks each ' +
      'for its partitions; this page was answered by the one marked.';
  renderRates(status);
}

async function pollStatus() {
  try {
    renderStatus(await getJson('/api/kafka/status'));
  } catch (e) {
    setStatus('not reachable, retrying…', 'bad');
  }
}

// ---- Topics ---------------------------------------------------------------------------------------

const ROLE_ORDER = ['input', 'output, read back', 'output', 'repartition', 'changelog', 'not used by the app'];

function renderTopics(snapshot) {
  const order = (t) => (ROLE_ORDER.indexOf(t.role) + 1 || ROLE_ORDER.length + 1);
  state.topics = (snapshot.topics || []).slice().sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
  const body = document.querySelector('#topics tbody');
  const rows = [];
  let lag = null;
  let group = null;
  for (const t of state.topics) {
    if (num(t.lag) !== null) lag = (lag || 0) + t.lag;
    const g = TOPIC_GROUPS[t.role] || t.role;
    if (g !== group) {
      group = g;
      rows.push(groupRow(g, state.topics.filter((x) => (TOPIC_GROUPS[x.role] || x.role) === g), snapshot));
    }
    if (state.collapsed.has(g)) continue;
    const row = el('tr', 'topic-row' + (state.expandedTopic === t.name ? ' open' : ''));
    row.dataset.topic = t.name;
    const name = el('td', 'topic-name');
    name.append(el('span', 'twisty', state.expandedTopic === t.name ? '▾' : '▸'), el('span', '', t.name));
    row.append(name, cell(t.role, 'role'), cell(t.partitions), cell(t.cleanupPolicy), cell(int(t.records)),
      cell(num(t.offsetsPerSecond) === null ? NO_DATA : rate(t.offsetsPerSecond)), cell(num(t.lag) === null ? NO_DATA : int(t.lag), t.lag > 0 ? 'bad' : ''));
    row.addEventListener('click', () => {
      state.expandedTopic = state.expandedTopic === t.name ? null : t.name;
      renderTopics(snapshot);
    });
    rows.push(row);
    if (state.expandedTopic === t.name) rows.push(partitionRow(t));
  }
  body.replaceChildren(...rows);
  const empty = document.getElementById('topics-empty');
  empty.hidden = rows.length > 0 && !snapshot.error;
  empty.textContent = snapshot.error ? '— the broker did not answer (' + snapshot.error + '); showing the last answer' : '— asking the broker…';
  document.getElementById('lag-value').textContent = lag === null ? NO_DATA : int(lag);
  document.getElementById('tile-lag').className = 'tile compact' + (lag === null ? '' : lag === 0 ? ' good' : '');
  document.getElementById('lag-detail').textContent = 'committed offset to last stable offset · as of ' + time(snapshot.at) + ' UTC';
  fillTopicChoices();
}

// Topics grouped by what they are to the app; the many changelogs start folded.
const TOPIC_GROUPS = {
  input: 'Input topics',
  'output, read back': 'Output topics',
  output: 'Output topics',
  repartition: 'Repartition topics (internal)',
  changelog: 'Changelog topics (internal, one per state store)',
  'not used by the app': 'Other topics',
};

function groupRow(group, topics, snapshot) {
  const row = el('tr', 'group-row');
  const th = el('th');
  th.colSpan = 7;
  const open = !state.collapsed.has(group);
  const lag = topics.reduce((k, t) => (num(t.lag) === null ? k : (k || 0) + t.lag), null);
  th.append(el('span', 'twisty', open ? '▾' : '▸'), el('span', '', group + ' · ' + topics.length),
    el('span', 'group-lag', lag === null ? '' : 'lag ' + int(lag)));
  row.append(th);
  row.addEventListener('click', () => {
    if (open) state.collapsed.add(group);
    else state.collapsed.delete(group);
    renderTopics(snapshot);
  });
  return row;
}

function partitionRow(t) {
  const row = el('tr', 'partitions');
  const td = el('td');
  td.colSpan = 7;
  const table = el('table', 'inner');
  const head = el('tr');
  for (const h of ['Partition', 'Start', 'End', 'Last stable', 'Committed (app)', 'Lag', '']) head.append(el('th', '', h));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const p of t.byPartition) {
    const r = el('tr');
    const browse = el('td');
    if (state.config && state.config.recordBrowser) {
      const button = el('button', 'link', 'last records');
      button.type = 'button';
      button.addEventListener('click', (e) => {
        e.stopPropagation();
        openTopicInBrowser(t.name, p.partition);
      });
      browse.append(button);
    }
    r.append(cell(p.partition), cell(int(p.start)), cell(int(p.end)), cell(int(p.lastStable)),
      cell(num(p.committed) === null ? 'not read by the app' : int(p.committed)), cell(num(p.lag) === null ? NO_DATA : int(p.lag), p.lag > 0 ? 'bad' : ''), browse);
    tbody.append(r);
  }
  table.append(thead, tbody);
  td.append(table);
  row.append(td);
  return row;
}

async function pollTopics() {
  try {
    renderTopics(await getJson('/api/kafka/topics'));
  } catch (e) {
    document.getElementById('topics-empty').hidden = false;
    document.getElementById('topics-empty').textContent = '— topics not available right now, retrying…';
  }
}

// ---- Record browser -------------------------------------------------------------------------------

function fillTopicChoices() {
  const select = document.getElementById('browse-topic');
  const names = state.topics.map((t) => t.name);
  const current = select.value || state.pendingTopic || '';
  if (select.options.length !== names.length) {
    select.replaceChildren(...names.map((n) => {
      const option = el('option', '', n);
      option.value = n;
      return option;
    }));
  }
  if (names.includes(current)) select.value = current;
  fillPartitionChoices();
}

function fillPartitionChoices() {
  const topic = state.topics.find((t) => t.name === document.getElementById('browse-topic').value);
  const select = document.getElementById('browse-partition');
  const count = topic ? topic.partitions : 0;
  const current = select.value || state.pendingPartition || '0';
  if (select.options.length !== count) {
    const options = [];
    for (let p = 0; p < count; p++) {
      const option = el('option', '', String(p));
      option.value = String(p);
      options.push(option);
    }
    select.replaceChildren(...options);
  }
  if (Number(current) < count) select.value = String(current);
}

function openTopicInBrowser(topic, partition) {
  if (!state.config || !state.config.recordBrowser) return;
  state.pendingTopic = topic;
  state.pendingPartition = String(partition || 0);
  document.getElementById('browse-topic').value = topic;
  fillPartitionChoices();
  document.getElementById('browse-partition').value = String(partition || 0);
  document.getElementById('browser').scrollIntoView({ behavior: 'smooth' });
  browse(topic, partition || 0, document.getElementById('browse-limit').value);
}

async function browse(topic, partition, limit) {
  const result = document.getElementById('browse-result');
  result.textContent = 'reading ' + topic + '-' + partition + '…';
  try {
    const page = await getJson('/api/kafka/records?topic=' + encodeURIComponent(topic) + '&partition=' +
      encodeURIComponent(partition) + '&limit=' + encodeURIComponent(limit));
    renderRecords(page);
  } catch (e) {
    result.textContent = 'not read: ' + e.message;
  }
}

function renderRecords(page) {
  const records = page.records || [];
  const tombstones = records.filter((r) => r.tombstone).length;
  document.getElementById('browse-result').textContent = records.length + ' records of ' + page.topic + '-' + page.partition +
    ' (offsets ' + int(page.start) + ' to ' + int(page.lastStable) + ')' + (tombstones ? ', ' + tombstones + ' tombstones' : '');
  const rows = records.slice().reverse().map((r) => {
    const row = el('tr', r.tombstone ? 'tombstone-row' : '');
    row.dataset.offset = String(r.offset);
    const value = el('td', 'value');
    if (r.tombstone) {
      value.append(el('span', 'badge tombstone', 'tombstone'),
        el('span', 'feed-detail', ' no value: on a compacted topic, deletes key ' + (r.key == null ? '(none)' : r.key)));
    } else {
      value.append(el('code', 'record-value', (r.value || '') + (r.truncated ? ' …' : '')));
    }
    const headers = el('td', 'headers');
    for (const h of r.headers) {
      const line = el('div', h.key.includes('reason') ? 'header reason' : 'header');
      line.append(el('span', 'header-key', h.key), el('span', '', ' = ' + h.value));
      headers.append(line);
    }
    if (!r.headers.length) headers.textContent = NO_DATA;
    row.append(cell(int(r.offset)), cell(dateTime(r.timestamp)), el('td', 'key', r.key == null ? '(no key)' : r.key), value, headers);
    return row;
  });
  document.querySelector('#records tbody').replaceChildren(...rows);
}

function setUpBrowser(config) {
  const on = config.recordBrowser;
  document.getElementById('browse').hidden = !on;
  document.getElementById('records').hidden = !on;
  document.getElementById('browser-off').hidden = on;
  const reads = config.recordBrowserReads || {};
  document.getElementById('browse-explain').textContent = on
    ? 'Reads ' + (reads.isolationLevel || 'read_committed') + ' with ' + (reads.how || 'a consumer of its own') + '; at most ' +
      (reads.maxRecords || 100) + ' records, values cut at ' + (reads.maxValueChars || 2000) +
      ' characters. Newest first. Gaps between offsets are compacted records, transaction markers or aborted records.'
    : '';
  document.getElementById('browse-topic').addEventListener('change', fillPartitionChoices);
  document.getElementById('browse').addEventListener('submit', (e) => {
    e.preventDefault();
    browse(document.getElementById('browse-topic').value, document.getElementById('browse-partition').value,
      document.getElementById('browse-limit').value);
  });
  const params = new URLSearchParams(location.search);
  if (on && params.get('browse')) {
    state.pendingTopic = params.get('browse');
    state.pendingPartition = params.get('partition') || '0';
    if (params.get('limit')) document.getElementById('browse-limit').value = params.get('limit');
    browse(state.pendingTopic, state.pendingPartition, document.getElementById('browse-limit').value)
      .then(() => document.getElementById('browser').scrollIntoView());
  }
}

// ---- Live faults (the demo's) ---------------------------------------------------------------------

function setUpFaults(url) {
  state.faultUrl = url.replace(/\/+$/, '');
  document.getElementById('faults').hidden = false;
  for (const button of document.querySelectorAll('.fault-buttons button')) {
    button.addEventListener('click', () => startFault(button.dataset.fault));
  }
  pollFaults();
  setInterval(pollFaults, FAULTS_MS);
}

async function startFault(kind) {
  const result = document.getElementById('fault-result');
  result.textContent = 'asking the demo…';
  try {
    // The header makes the browser ask the demo first (CORS), which answers this page's origin only.
    const r = await fetch(state.faultUrl + '/faults/' + encodeURIComponent(kind), { method: 'POST', headers: { 'X-PmPulse-Fault': kind } });
    const body = await r.json().catch(() => ({}));
    result.textContent = r.ok ? 'started' : body.error || 'the demo said ' + r.status;
  } catch (e) {
    result.textContent = 'the demo is not reachable';
  }
  pollFaults();
}

async function pollFaults() {
  let faults;
  try {
    faults = await getJson(state.faultUrl + '/faults');
  } catch (e) {
    document.getElementById('fault-result').textContent = 'the demo is not reachable';
    return;
  }
  state.demoReaders = faults.readers || [];
  state.faultRunning = faults.running || null;
  for (const button of document.querySelectorAll('.fault-buttons button')) {
    button.disabled = Boolean(faults.running) || (button.dataset.fault === 'broker-restart' && !faults.brokerRestart);
  }
  document.getElementById('fault-broker').title = faults.brokerRestart ? '' : 'only with the demo\'s own broker';
  if (faults.running) document.getElementById('fault-result').textContent = faults.running + ' running…';
  else if (document.getElementById('fault-result').textContent.endsWith('running…')) document.getElementById('fault-result').textContent = '';
  renderFault(faults.last);
}

function renderFault(report) {
  const box = document.getElementById('fault-report');
  box.hidden = !report;
  if (!report) return;
  document.getElementById('fault-title').textContent = report.title + (report.finishedAt ? '' : ' (running)');
  const started = Date.parse(report.startedAt);
  document.getElementById('fault-steps').replaceChildren(...report.steps.map((s) => {
    const item = el('li', s.ok === false ? 'bad' : s.ok === true ? 'good' : '');
    const offset = (Date.parse(s.at) - started) / 1000;
    item.append(el('span', 'step-time', '+' + offset.toFixed(1) + ' s'), el('span', '', s.text));
    return item;
  }));
  const comparison = report.comparison;
  document.getElementById('fault-comparison').hidden = !comparison;
  if (comparison) {
    const verdict = document.getElementById('fault-verdict');
    verdict.textContent = comparison.verdict;
    verdict.className = 'verdict ' + (comparison.equal ? 'good' : 'bad');
    document.querySelector('#comparison tbody').replaceChildren(...comparison.views.map((v) => {
      const row = el('tr');
      row.append(cell(v.view), cell(v.keys), cell(v.before, 'digest'), cell(v.after, 'digest'),
        cell(v.equal ? 'equal' : 'differs: ' + v.differences.join(', '), v.equal ? 'good' : 'bad'));
      return row;
    }));
  }
  const dead = report.deadLetter;
  document.getElementById('fault-dead-letter').hidden = !dead;
  if (dead) {
    const rows = [['Sent to', dead.sentTo], ['Value sent', dead.value], ['Dead letter at', dead.topic + '-' + dead.partition + ' offset ' + dead.offset]];
    for (const h of dead.headers) rows.push([h.key, h.value]);
    document.querySelector('#dead-letter tbody').replaceChildren(...rows.map(([k, v]) => {
      const row = el('tr');
      row.append(el('th', '', k), cell(v, k.includes('reason') ? 'reason' : ''));
      return row;
    }));
    const key = dead.topic + ':' + dead.offset;
    if (state.lastFaultKey !== key && state.config && state.config.recordBrowser) {
      state.lastFaultKey = key;
      openTopicInBrowser(dead.topic, dead.partition);
    }
  }
}

// ---- Start ----------------------------------------------------------------------------------------

async function start() {
  state.expandedTopic = new URLSearchParams(location.search).get('topic');
  try {
    state.config = await getJson('/api/kafka/config');
  } catch (e) {
    state.config = { recordBrowser: false };
  }
  setUpBrowser(state.config);
  try {
    buildTopology(await getJson('/api/kafka/topology'));
  } catch (e) {
    document.getElementById('topology-summary').textContent = 'not available: ' + e.message;
  }
  if (state.config.faultControlUrl) setUpFaults(state.config.faultControlUrl);
  pollStatus();
  pollTopics();
  setInterval(pollStatus, STATUS_MS);
  setInterval(pollTopics, TOPICS_MS);
}

start();
