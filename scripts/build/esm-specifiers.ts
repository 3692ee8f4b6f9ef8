/**
 * After `tsc -p tsconfig.build.json`: the sources import each other without
 * file extensions (moduleResolution "Bundler", which tsx and vitest resolve),
 * but Node's ESM loader needs the exact file. This rewrites every relative
 * specifier in the emitted JavaScript to the file that exists beside it
 * (`./x` → `./x.js`, `./dir` → `./dir/index.js`) and fails the build on one
 * that points nowhere, so dist/ runs on plain `node` with no loader.
 *
 *   tsx scripts/build/esm-specifiers.ts dist
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*)\2/g;

function* jsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* jsFiles(path);
    else if (path.endsWith('.js')) yield path;
  }
}

export function rewriteSpecifiers(root: string): { files: number; rewritten: number } {
  let files = 0;
  let rewritten = 0;
  const problems: string[] = [];
  for (const file of jsFiles(root)) {
    const source = readFileSync(file, 'utf8');
    const next = source.replace(SPECIFIER, (whole, lead: string, quote: string, spec: string) => {
      if (/\.(m?js|json|node)$/.test(spec)) return whole;
      const base = resolve(dirname(file), spec);
      const target = existsSync(`${base}.js`) ? `${spec}.js` : existsSync(join(base, 'index.js')) ? `${spec}/index.js` : undefined;
      if (!target) {
        problems.push(`${file}: cannot resolve ${spec}`);
        return whole;
      }
      rewritten++;
      return `${lead}${quote}${target}${quote}`;
    });
    files++;
    if (next !== source) writeFileSync(file, next);
  }
  if (problems.length) throw new Error(`Unresolvable imports in the build:\n${problems.join('\n')}`);
  return { files, rewritten };
}

const root = process.argv[2];
if (root) {
  const { files, rewritten } = rewriteSpecifiers(root);
  process.stdout.write(`esm-specifiers: ${rewritten} relative imports made explicit in ${files} files under ${root}\n`);
}
