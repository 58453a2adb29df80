// Type-checks a Grafana dashboard JSON file against @grafana/schema: the dashboard is written out
// as a TypeScript object literal typed as Dashboard (each stat and time series panel also typed with
// its panel's options) and compiled with tsc --noEmit, which rejects unknown or misspelt keys,
// wrong enum values and wrong types. Exits 1 with tsc's messages if the dashboard does not fit.
//   node check-dashboard.mjs ../grafana/dashboards/pm-pulse.json
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tools = fileURLToPath(new URL('.', import.meta.url));
const file = resolve(process.argv[2] ?? '../grafana/dashboards/pm-pulse.json');
const dashboard = JSON.parse(readFileSync(file, 'utf8'));

// The schema's string enums (ThresholdsMode.Absolute = 'absolute', ...) reject the plain strings a
// JSON file holds; Lit<T> turns every enum into the union of its values and keeps the rest as is,
// so excess-property and value checks still apply.
const PRELUDE = `
type Lit<T> = T extends string ? (string extends T ? T : \`\${T}\`)
  : T extends number | boolean | null | undefined ? T
  : T extends Array<infer U> ? Array<Lit<U>>
  : T extends object ? { [K in keyof T]: Lit<T[K]> }
  : T;
// Panel<TOptions> leaves options untyped and lets any key into fieldConfig.defaults.custom; this
// types both exactly with the panel plugin's own Options and FieldConfig.
type Typed<O, C> = Omit<Panel, 'options' | 'fieldConfig'> & {
  options: O;
  fieldConfig: { defaults: Omit<FieldConfig, 'custom'> & { custom?: C }; overrides: FieldConfigSource['overrides'] };
};
`;
// The options and field config of each panel type this dashboard uses, from the panel's own schema.
const PANEL_TYPES = {
  stat: 'Lit<Typed<StatOptions, never>>',
  timeseries: 'Lit<Typed<TimeSeriesOptions, TimeSeriesFieldConfig>>',
  row: 'Lit<RowPanel>',
};
const literal = (value) => JSON.stringify(value, null, 2);
const panels = dashboard.panels ?? [];
const lines = [
  "import type { Dashboard, FieldConfig, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';",
  "import type { Options as StatOptions } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';",
  "import type { Options as TimeSeriesOptions, FieldConfig as TimeSeriesFieldConfig } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';",
  PRELUDE,
];
panels.forEach((panel, i) => {
  const type = PANEL_TYPES[panel.type];
  if (!type) {
    console.log(`panel ${i} (${panel.title}): type '${panel.type}' is not one this check knows (${Object.keys(PANEL_TYPES).join(', ')})`);
    process.exitCode = 1;
  }
  lines.push(`export const panel${i}: ${type ?? 'Lit<Panel>'} = ${literal(panel)};`, '');
});
// The whole dashboard, panels included, against the Dashboard type itself.
lines.push(`export const dashboard: Lit<Dashboard> = ${literal(dashboard)};`, '');

const dir = mkdtempSync(join(tmpdir(), 'pmpulse-dashboard-'));
try {
  writeFileSync(join(dir, 'dashboard.ts'), lines.join('\n'));
  writeFileSync(join(dir, 'tsconfig.json'), literal({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      skipLibCheck: true, types: [], typeRoots: [join(tools, 'node_modules/@types')],
      baseUrl: dir, paths: { '@grafana/schema': [join(tools, 'node_modules/@grafana/schema')], '@grafana/schema/*': [join(tools, 'node_modules/@grafana/schema/*')] },
    },
    files: ['dashboard.ts'],
  }));
  const tsc = spawnSync(process.execPath, [join(tools, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: dir });
  if (tsc.status !== 0) {
    console.log((tsc.stdout + tsc.stderr).replaceAll(join(dir, 'dashboard.ts'), 'dashboard.ts'));
    console.log(`(generated TypeScript kept in ${dir} for a look)`);
    process.exit(1);
  }
  rmSync(dir, { recursive: true });
} catch (e) {
  console.log(String(e));
  process.exit(1);
}
if (!process.exitCode) console.log(`${file}: fits @grafana/schema's Dashboard type (${panels.length} panels)`);
