import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/**
 * The build the Docker image runs: tsc with tsconfig.build.json, then the
 * relative imports made explicit, then plain `node` (no TypeScript loader).
 * Built into a scratch folder inside the project so node_modules resolves as
 * it does from dist/.
 */
describe('the compiled build', () => {
  const out = join(root, `.build-test-${process.pid}`);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs `node <build>/src/cli/main.js tools` with every connector tool loaded from .js files', async () => {
    await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root });
    await run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build/esm-specifiers.ts', out], { cwd: root });

    const toolFiles = readdirSync(join(out, 'connectors', 'desktime', 'tools'));
    expect(toolFiles.some((f) => f.endsWith('.ts'))).toBe(false);
    expect(toolFiles).toContain('desktime_ping.js');
    expect(existsSync(join(out, 'tests'))).toBe(false);

    const { stdout } = await run(process.execPath, [join(out, 'src', 'cli', 'main.js'), 'tools', '--all'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(out, 'db.sqlite')}` },
    });
    expect(stdout).toMatch(/helpdesk_create_ticket\s+write\s+helpdesk\/tickets/);
    expect(stdout).toMatch(/desktime_ping\s+read\s+desktime\/account/);
    expect(stdout).toMatch(/desktime_stop_project_task/);
  }, 240_000); // a full tsc emit on a shared machine
});
