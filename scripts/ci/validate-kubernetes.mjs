// Validates deploy/kubernetes/*.yaml against the Kubernetes API schemas.
/* global process, console */
// Run by scripts/ci/validate-deploy.sh from a scratch folder where it installed
// kubernetes-models (the API's OpenAPI schemas compiled to validators, plus
// TypeScript types) and yaml; not part of the project's dependencies.
//
//   node validate-kubernetes.mjs <manifest dir> <tsc path>
//
// Two checks per object, like `kubeconform -strict`:
// 1. the JSON schema of its apiVersion/kind (types, required fields, enums, formats);
// 2. no field the API does not know (a typo such as `readinesProbe` is silently
//    dropped by a server-side apply): each object is written out as a typed
//    TypeScript literal and type-checked, whose excess-property check rejects
//    unknown fields at any depth.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const [dirArg, tsc] = process.argv.slice(2);
if (!dirArg || !tsc) {
  console.error('usage: node validate-kubernetes.mjs <manifest dir> <tsc path>');
  process.exit(2);
}
const dir = resolve(dirArg);
const here = import.meta.dirname;

/** apiVersion → the kubernetes-models module that holds its kinds ("v1" is the core group). */
const moduleOf = (apiVersion) => `kubernetes-models/${apiVersion}`;

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`no manifests in ${dir}`);
  process.exit(1);
}

const failures = [];
const typed = [];
let count = 0;
for (const file of files) {
  const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
  for (const [index, doc] of docs.entries()) {
    const where = `${file}#${index + 1}`;
    if (doc.errors.length) {
      failures.push(`${where}: YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const object = doc.toJS();
    if (object === null || object === undefined) continue;
    const { apiVersion, kind } = object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      failures.push(`${where}: missing apiVersion or kind`);
      continue;
    }
    let model;
    try {
      model = (await import(moduleOf(apiVersion)))[kind];
    } catch {
      model = undefined;
    }
    if (typeof model !== 'function') {
      failures.push(`${where}: ${apiVersion} ${kind} is not a Kubernetes API kind this validator knows`);
      continue;
    }
    count++;
    try {
      new model(object).validate();
    } catch (error) {
      failures.push(`${where}: ${kind} ${object.metadata?.name ?? ''}: ${error.message}`);
    }
    typed.push({ where, apiVersion, kind, object });
  }
}

// Unknown fields: one typed constant per object, type-checked by tsc.
const lines = [];
typed.forEach(({ where, apiVersion, kind, object }, i) => {
  lines.push(`import type { I${kind} as T${i} } from '${moduleOf(apiVersion)}';`);
  lines.push(`// ${where}`);
  lines.push(`export const o${i}: T${i} = ${JSON.stringify(object, null, 2)};`);
});
const source = join(here, 'manifests.ts');
writeFileSync(source, `${lines.join('\n')}\n`);
writeFileSync(
  join(here, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, types: [] },
    files: ['manifests.ts'],
  }),
);
try {
  execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.json')], { cwd: here, encoding: 'utf8', stdio: 'pipe' });
} catch (error) {
  // Map "manifests.ts(LINE,COL)" back to the manifest the constant came from.
  const text = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  const sourceLines = readFileSync(source, 'utf8').split('\n');
  for (const line of text.split('\n').filter((l) => /error TS/.test(l))) {
    const at = Number(/manifests\.ts\((\d+),/.exec(line)?.[1] ?? 0);
    let origin = 'manifests';
    for (let n = at - 1; n >= 0; n--) {
      const m = /^\/\/ (.+)$/.exec(sourceLines[n] ?? '');
      if (m) {
        origin = m[1];
        break;
      }
    }
    failures.push(`${origin}: ${line.replace(/^.*error (TS\d+): /, '$1 ')}`);
  }
  if (!failures.length) failures.push(`tsc failed:\n${text}`);
}

if (failures.length) {
  console.error(`Kubernetes manifests in ${dirArg}: ${failures.length} problem(s)`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`Kubernetes manifests in ${dirArg}: ${count} object(s) valid (schema and no unknown fields): ${typed.map((t) => `${t.kind}/${t.object.metadata?.name}`).join(', ')}`);
