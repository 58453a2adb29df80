// Writes dashboards/grafana/dashboards/pm-pulse.json. Every PromQL expression of the dashboard is
// in Q below, and only there; the tests check that the JSON file is what this script writes.
//   node build-dashboard.mjs            (rewrites the JSON file)
//   node build-dashboard.mjs --stdout   (prints it)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../grafana/dashboards/pm-pulse.json', import.meta.url));
// Every panel and target reads the data source chosen in the ${datasource} variable, so the JSON
// imports into any Grafana; the provisioned one (uid below) is its default.
const DS = { type: 'prometheus', uid: '${datasource}' };
const PROVISIONED_DS = { text: 'Prometheus', value: 'pmpulse-prometheus' };

// Each expression is written once, grouped by KPI as on /metrics.
// team="all" is the app's total over every team, not a team: never drawn as one more line.
const TEAM = 'team=~"$team", team!="all"';
const CLUSTER = 'cluster=~"$cluster"';
const P0P1 = 'severity=~"(?i)p[01]"';
const Q = {
  // PR review latency (business seconds, rolling 7 days)
  reviewMeanAll: 'max(pmpulse_review_latency_mean_seconds{team="all"})',
  reviewWaitingAll: 'max(pmpulse_review_waiting_over_target{team="all"})',
  reviewMean: `max by (team) (pmpulse_review_latency_mean_seconds{${TEAM}})`,
  reviewTarget: 'max(pmpulse_review_latency_target_seconds)',
  reviewP50: `max by (team) (pmpulse_review_latency_p50_seconds{${TEAM}})`,
  reviewP90: `max by (team) (pmpulse_review_latency_p90_seconds{${TEAM}})`,
  reviewWithin: `max by (team) (pmpulse_review_latency_within_target_ratio{${TEAM}})`,
  reviewWaiting: `max by (team) (pmpulse_review_waiting_over_target{${TEAM}})`,
  reviewCount: `max by (team) (pmpulse_review_latency_reviews{${TEAM}})`,
  // Escalation resolution (calendar seconds)
  escalationP50Worst: `max(pmpulse_escalation_resolution_p50_seconds{${P0P1}, period="week"})`,
  escalationP50: `max by (severity, period) (pmpulse_escalation_resolution_p50_seconds{${P0P1}})`,
  escalationP90: `max by (severity, period) (pmpulse_escalation_resolution_p90_seconds{${P0P1}})`,
  escalationTarget: 'max(pmpulse_escalation_resolution_target_seconds)',
  escalationsOpen: 'max by (severity) (pmpulse_escalations_open)',
  escalationsOverTarget: 'max by (severity) (pmpulse_escalations_open_over_target)',
  escalationsResolved: `max by (severity, period) (pmpulse_escalation_resolutions{${P0P1}})`,
  // API stability
  breakingChanges: 'max(pmpulse_api_breaking_changes_quarter)',
  apiChanges: 'sum by (surface, kind) (pmpulse_api_changes)',
  // Publish latency SLO
  p99OverSlo: `max(pmpulse_publish_latency_p99_seconds{${CLUSTER}} / on(job, instance) group_left() pmpulse_publish_latency_slo_seconds)`,
  // Clusters (not cluster-levels) out of band or past the incident threshold: a cluster past the
  // incident threshold is usually out of its band too, and must count once.
  sloBreachesNow: `sum(max by (cluster) (pmpulse_slo_breached{${CLUSTER}, level=~"band|incident"}))`,
  p99: `max by (cluster) (pmpulse_publish_latency_p99_seconds{${CLUSTER}})`,
  baseline: `max by (cluster) (pmpulse_publish_latency_baseline_seconds{${CLUSTER}})`,
  band: `max by (cluster) (pmpulse_publish_latency_band_seconds{${CLUSTER}})`,
  incidentThreshold: `max by (cluster) (pmpulse_publish_latency_incident_threshold_seconds{${CLUSTER}})`,
  slo: 'max(pmpulse_publish_latency_slo_seconds)',
  breaches: `max by (cluster, level) (pmpulse_slo_breached{${CLUSTER}})`,
  // kind="recovered" counts the way back under a threshold: not a violation.
  violations: `sum by (cluster, level) (increase(pmpulse_slo_violations_total{${CLUSTER}, kind="crossed"}[1h]))`,
  // Delivery guarantee and error budget
  deliveryWorst: `min(pmpulse_delivery_ratio{${CLUSTER}})`,
  budgetWorst: `min(pmpulse_delivery_error_budget_remaining_ratio{${CLUSTER}})`,
  delivery: `min by (cluster) (pmpulse_delivery_ratio{${CLUSTER}})`,
  duplicates: `max by (cluster) (pmpulse_delivery_duplicate_ratio{${CLUSTER}})`,
  deliveryTarget: 'max(pmpulse_delivery_target_ratio)',
  budget: `min by (cluster) (pmpulse_delivery_error_budget_remaining_ratio{${CLUSTER}})`,
  burnRate: `max by (cluster, window) (pmpulse_delivery_burn_rate{${CLUSTER}})`,
  paging: `max by (cluster, condition) (pmpulse_delivery_page{${CLUSTER}})`,
  // Feature-flag rollouts: a verdict per stage from the SLO state while the stage was live
  rolloutStage: 'max by (flag) (pmpulse_rollout_stage_percent)',
  rolloutAborted: 'max by (flag) (pmpulse_rollout_aborted)',
  rolloutDecisions: 'sum by (decision) (increase(pmpulse_rollout_decisions_total[1h]))',
  // Intake
  accepted: 'topic:pmpulse_accepted_records:rate1m',
  deadLettered: 'topic_reason:pmpulse_dead_letter_records:rate1m',
  late: 'sum by (kpi) (rate(pmpulse_late_records_total[$__rate_interval]))',
  duplicateRecords: 'sum by (kpi) (rate(pmpulse_duplicate_records_total[$__rate_interval]))',
  // Kafka Streams health: aggregated over threads, tasks, clients and partitions on purpose, so
  // no broker, client or internal topic detail reaches this user-facing dashboard.
  processRate: 'sum(kafka_stream_thread_process_rate)',
  commitLatency: 'max(kafka_stream_thread_commit_latency_avg)',
  consumerLag: 'max(kafka_consumer_fetch_manager_records_lag_max)',
  droppedRecords: 'sum(rate(kafka_stream_task_dropped_records_total[$__rate_interval]))',
  deadLetterRate: 'sum(topic_reason:pmpulse_dead_letter_records:rate1m)',
  // Demo workload (producer)
  producerEvents: 'sum by (topic, type) (rate(pmpulse_producer_events_total[$__rate_interval]))',
  producerSendErrors: 'sum(rate(pmpulse_producer_send_errors_total[$__rate_interval]))',
  simulatedTime: 'max(pmpulse_producer_simulated_time_seconds) * 1000',
  // 1 for the scenario the producer runs, 0 for the others: keep the one at 1.
  scenario: 'max by (scenario) (pmpulse_producer_scenario_active) == 1',
};

const GREEN = 'green';
const RED = 'red';
const thresholds = (...steps) => ({
  mode: 'absolute',
  steps: steps.map(([value, color]) => ({ value, color })),
});
const below = (limit) => thresholds([null, GREEN], [limit, RED]); // green under the limit
const atLeast = (limit) => thresholds([null, RED], [limit, GREEN]); // green from the limit up

const target = (expr, refId, legendFormat) => ({ datasource: DS, expr, refId, legendFormat, range: true });

let nextId = 1;
// defaults: more field defaults; textMode 'name' shows the series' legend instead of its value.
function stat(title, description, expr, unit, steps, { defaults = {}, textMode = 'value', legend = title } = {}) {
  return {
    type: 'stat',
    title,
    description,
    datasource: DS,
    targets: [{ ...target(expr, 'A', legend), instant: true, range: false }],
    fieldConfig: {
      defaults: { unit, thresholds: steps, color: { mode: 'thresholds' }, noValue: 'no data yet', ...defaults },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background',
      graphMode: 'none',
      justifyMode: 'center',
      orientation: 'auto',
      textMode,
      wideLayout: true,
      showPercentChange: false,
      percentChangeColorMode: 'standard',
    },
  };
}

// queries: [expr, legend] pairs; a target line (thresholds drawn as a dashed line) when given;
// dashed: a regex of the series names drawn as dashed lines (thresholds that move).
function series(title, description, queries, unit, steps, dashed) {
  return {
    type: 'timeseries',
    title,
    description,
    datasource: DS,
    targets: queries.map(([expr, legend], i) => target(expr, String.fromCharCode(65 + i), legend)),
    fieldConfig: {
      defaults: {
        unit,
        color: { mode: 'palette-classic' },
        thresholds: steps ?? thresholds([null, GREEN]),
        custom: {
          drawStyle: 'line',
          lineWidth: 2,
          fillOpacity: 0,
          showPoints: 'never',
          spanNulls: true,
          thresholdsStyle: { mode: steps ? 'dashed' : 'off' },
        },
      },
      overrides: dashed
        ? [{ matcher: { id: 'byRegexp', options: dashed }, properties: [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }] }]
        : [],
    },
    options: {
      legend: { displayMode: 'table', placement: 'right', showLegend: true, calcs: ['lastNotNull'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

// Lays out rows of panels: each panel takes [width, height] and flows left to right.
function layout(sections) {
  const panels = [];
  let y = 0;
  for (const [title, height, items] of sections) {
    panels.push({ type: 'row', title, id: nextId++, collapsed: false, panels: [], gridPos: { h: 1, w: 24, x: 0, y } });
    y += 1;
    let x = 0;
    for (const [w, panel] of items) {
      if (x + w > 24) {
        x = 0;
        y += height;
      }
      panels.push({ ...panel, id: nextId++, gridPos: { h: height, w, x, y } });
      x += w;
    }
    y += height;
  }
  return panels;
}

const H4 = 14400;
const H48 = 172800;

const panels = layout([
  ['KPIs against target', 5, [
    [3, stat('PR review latency, all teams (mean, 7 days)', 'Business time from review request to first approving or blocking review, over every team whatever the team selection. Target: under 4 business hours.', Q.reviewMeanAll, 's', below(H4))],
    [3, stat('PRs waiting > 4 business hours, all teams', 'PRs waiting right now for a first review longer than the target, over every team whatever the team selection.', Q.reviewWaitingAll, 'none', below(1))],
    [3, stat('P0/P1 escalations: median time to resolve', 'Worst of P0 and P1, this week of event time (simulated time in the demo), in calendar time. Target: under 48 hours.', Q.escalationP50Worst, 's', below(H48))],
    [3, stat('Breaking API changes this quarter', 'Merged PRs that break a public API in this calendar quarter of event time (simulated time in the demo). Target: 0.', Q.breakingChanges, 'none', below(1))],
    [3, stat('P99 publish latency vs SLO', 'Worst cluster: P99 publish latency as a share of its SLO threshold. Above 100% breaks the SLO.', Q.p99OverSlo, 'percentunit', below(1))],
    [3, stat('Latency breaches now', 'Clusters outside their tolerance band or past the incident threshold right now.', Q.sloBreachesNow, 'none', below(1))],
    [3, stat('Delivered (worst cluster)', 'Delivered / produced. Target: at least 99.99%.', Q.deliveryWorst, 'percentunit', atLeast(0.9999), { defaults: { decimals: 3 } })],
    [3, stat('Error budget left (worst cluster)', 'Share of the delivery error budget still unspent in this period.', Q.budgetWorst, 'percentunit', thresholds([null, RED], [0.25, 'orange'], [0.5, GREEN]))],
  ]],
  ['PR review latency by team (business time, rolling 7 days)', 8, [
    [12, series('Mean time to first review', 'Dashed line: the 4 business hour target.', [[Q.reviewMean, '{{team}}'], [Q.reviewTarget, 'target']], 's', below(H4))],
    [12, series('Median and 90th percentile', 'Half of PRs get a first review within the median; 9 in 10 within the 90th percentile.', [[Q.reviewP50, '{{team}} p50'], [Q.reviewP90, '{{team}} p90']], 's', below(H4))],
    [8, series('Share reviewed within 4 business hours', undefined, [[Q.reviewWithin, '{{team}}']], 'percentunit')],
    [8, series('PRs waiting longer than 4 business hours now', 'Counted as they happen, before their review arrives.', [[Q.reviewWaiting, '{{team}}']], 'none')],
    [8, series('PRs reviewed in the last 7 days', '7 days of event time: simulated time in the demo.', [[Q.reviewCount, '{{team}}']], 'none')],
  ]],
  ['Escalations: P0/P1 time to resolve (calendar time)', 8, [
    [10, series('Median and 90th percentile time to resolve', 'Dashed line: the 48 hour target for the median.', [[Q.escalationP50, '{{severity}} p50 ({{period}})'], [Q.escalationP90, '{{severity}} p90 ({{period}})'], [Q.escalationTarget, 'target']], 's', below(H48))],
    [7, series('Open escalations', 'All open ones, and those already older than 48 hours.', [[Q.escalationsOpen, '{{severity}} open'], [Q.escalationsOverTarget, '{{severity}} older than 48 h']], 'none')],
    [7, series('Escalations resolved', 'P0 and P1 resolved in the current ISO week and calendar quarter.', [[Q.escalationsResolved, '{{severity}} ({{period}})']], 'none')],
  ]],
  ['API stability', 7, [
    [24, series('API changes merged this quarter', 'Per API surface and kind (breaking, additive, deprecating). Target: no breaking change.', [[Q.apiChanges, '{{surface}} {{kind}}']], 'none')],
  ]],
  ['Publish latency SLO', 8, [
    [12, series('P99 publish latency: baseline, band, incident threshold and SLO', 'Per cluster, per minute. The baseline is the trailing P99; above the band (dashed) a cluster is out of its tolerance, above the incident threshold (dashed) it is an incident.',
      [[Q.p99, '{{cluster}} p99'], [Q.baseline, '{{cluster}} baseline'], [Q.band, '{{cluster}} band'], [Q.incidentThreshold, '{{cluster}} incident threshold'], [Q.slo, 'SLO']], 's', undefined, '.*(band|incident threshold)$')],
    [6, series('Breaches now', '1 while a cluster is outside its band or past the incident threshold.', [[Q.breaches, '{{cluster}} {{level}}']], 'none')],
    [6, series('Violations in the last wall-clock hour', 'Crossings of the band, the SLO and the incident threshold, counted by Prometheus over the last hour of wall-clock time: in the demo (one simulated hour a second) that hour holds about 150 simulated days.', [[Q.violations, '{{cluster}} {{level}}']], 'none')],
  ]],
  ['Delivery guarantee and error budget', 8, [
    [5, series('Delivered / produced', 'Dashed line: the 99.99% target.', [[Q.delivery, '{{cluster}}'], [Q.deliveryTarget, 'target']], 'percentunit', atLeast(0.9999))],
    [4, series('Duplicates / produced', 'Messages delivered more than once, over the 30-day budget window. Each duplicate spends error budget like a lost message.', [[Q.duplicates, '{{cluster}}']], 'percentunit')],
    [5, series('Error budget remaining', undefined, [[Q.budget, '{{cluster}}']], 'percentunit')],
    [5, series('Burn rate', 'Pages when 1h and 5m both burn faster than 14.4x, or 6h and 30m faster than 6x; tickets when 1d and 2h burn faster than 3x, or 3d and 6h faster than 1x (see the delivery rules).', [[Q.burnRate, '{{cluster}} {{window}}']], 'none', thresholds([null, GREEN], [6, 'orange'], [14.4, RED]))],
    [5, series('Paging conditions', '1 while a burn-rate pair pages.', [[Q.paging, '{{cluster}} {{condition}}']], 'none')],
  ]],
  ['Feature-flag rollouts', 7, [
    [9, series('Rollout stage per flag', 'Percent of traffic on the flag now: 5, 10, 25, 50, 100.', [[Q.rolloutStage, '{{flag}}']], 'percent')],
    [9, series('Aborted stages', '1 while the flag\'s current stage is aborted: latency left its tolerance band while the stage was live.', [[Q.rolloutAborted, '{{flag}}']], 'none', below(1))],
    [6, series('Stage verdicts in the last wall-clock hour', 'Proceed or abort, one per flag and stage, counted by Prometheus over the last hour of wall-clock time (about 150 simulated days in the demo).', [[Q.rolloutDecisions, '{{decision}}']], 'none')],
  ]],
  ['Intake: what the KPIs are built from', 7, [
    [6, series('Events accepted per second', undefined, [[Q.accepted, '{{topic}}']], 'ops')],
    [6, series('Events rejected per second (dead-letter topic)', 'Rejected events are not in the KPIs. The reason is in each dead-letter record\'s headers.', [[Q.deadLettered, '{{topic}}: {{reason}}']], 'ops')],
    [6, series('Late events per second', 'Events that arrived after their window closed, per KPI.', [[Q.late, '{{kpi}}']], 'ops')],
    [6, series('Duplicate events per second', 'Redelivered events (same event id), ignored, per KPI.', [[Q.duplicateRecords, '{{kpi}}']], 'ops')],
  ]],
  ['Kafka Streams health', 7, [
    [5, series('Records processed per second', undefined, [[Q.processRate, 'processed']], 'ops')],
    [5, series('Commit latency (average)', undefined, [[Q.commitLatency, 'commit']], 'ms')],
    [5, series('Consumer lag (records, worst partition)', undefined, [[Q.consumerLag, 'lag']], 'none')],
    [5, series('Dropped records per second', 'Records Kafka Streams dropped (e.g. too late for a window). Should stay at 0.', [[Q.droppedRecords, 'dropped']], 'ops')],
    [4, series('Dead-lettered per second', undefined, [[Q.deadLetterRate, 'dead-lettered']], 'ops')],
  ]],
  ['Demo workload', 6, [
    [14, series('Events produced per second', 'By the synthetic producer, per topic and event type.', [[Q.producerEvents, '{{topic}} {{type}}'], [Q.producerSendErrors, 'send errors']], 'ops')],
    [5, stat('Scenario', 'The situation the synthetic workload is in now (steady, bad-deploy, ...): switch it with POST /scenarios/{name} on the producer.', Q.scenario, 'none', thresholds([null, 'blue']), { textMode: 'name', legend: '{{scenario}}' })],
    [5, stat('Simulated clock', 'Event time of the synthetic workload; it runs faster than the wall clock.', Q.simulatedTime, 'dateTimeAsIso', thresholds([null, 'blue']))],
  ]],
]);

// regex: which of the label's values to offer (a JavaScript regex, applied by Grafana).
const variable = (name, label, query, regex = '') => ({
  type: 'query',
  name,
  label,
  datasource: DS,
  query: { qryType: 1, query, refId: `${name}-variable` },
  regex,
  refresh: 2,
  includeAll: true,
  multi: true,
  allValue: '.*',
  current: { text: ['All'], value: ['$__all'] },
  sort: 1,
});

const dashboard = {
  uid: 'pm-pulse',
  title: 'PM Pulse',
  description: 'The KPIs and SLOs of a streaming-platform product manager, live from Kafka Streams.',
  tags: ['pm-pulse', 'kafka-streams'],
  editable: false,
  graphTooltip: 1,
  refresh: '10s',
  schemaVersion: 41,
  time: { from: 'now-1h', to: 'now' },
  timezone: 'browser',
  templating: {
    list: [
      {
        type: 'datasource',
        name: 'datasource',
        label: 'Data source',
        query: 'prometheus',
        current: PROVISIONED_DS,
        refresh: 1,
        regex: '',
        includeAll: false,
        multi: false,
      },
      // "all" is the app's total over every team, not a team to pick.
      variable('team', 'Team', 'label_values(pmpulse_review_latency_mean_seconds, team)', '/^(?!all$).+$/'),
      variable('cluster', 'Cluster', 'label_values(pmpulse_publish_latency_p99_seconds, cluster)'),
    ],
  },
  annotations: { list: [] },
  panels,
};

const json = JSON.stringify(dashboard, null, 2) + '\n';
if (process.argv.includes('--stdout')) process.stdout.write(json);
else writeFileSync(OUT, json);
