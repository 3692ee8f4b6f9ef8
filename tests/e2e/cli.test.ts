import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients';

/**
 * The CLI as an operator runs it: `node bin/deskgate.js …` in a child
 * process, with only environment variables for configuration.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'deskgate.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function deskgate(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `deskgate serve` in a child process, resolved once it printed the first-key banner. */
async function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let stderr = '';
  const banner = await new Promise<{ key: string; url: string }>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const key = /^\s+(dg_\S+)$/m.exec(stderr)?.[1];
      const url = /claude mcp add --transport http deskgate (\S+)/.exec(stderr)?.[1];
      if (key && url) resolve({ key, url });
    });
    child.on('exit', () => reject(new Error(`serve exited early:\n${stderr}`)));
  });
  return { child, banner, stderr: () => stderr };
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

// Each case spawns up to five `deskgate` processes, each loading the whole app through tsx (2-5 s apiece on a
// busy 2-core machine): a harness limit sized for that, not a speed assertion (speed lives in bench/).
describe('the deskgate CLI', { timeout: 60_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskgate-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, lists and revokes keys; the new key is alone on the last line of stdout', async () => {
    const created = await deskgate(['keys', 'create', '--email', 'Alice@Example.com', '--role', 'staff', '--name', 'alice-laptop', '--connectors', 'helpdesk', '--read-only'], env);
    expect(created.code).toBe(0);
    const key = lastLine(created.stdout);
    expect(key).toMatch(/^dg_[A-Za-z0-9_-]{40,}$/);
    expect(created.stdout).toContain('Created user alice@example.com (staff)');

    const listed = await deskgate(['keys', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('alice-laptop');
    expect(listed.stdout).toContain('alice@example.com');
    expect(listed.stdout).not.toContain(key);
    const id = /^(\w{26})\s+alice-laptop/m.exec(listed.stdout)?.[1];
    expect(id).toBeTruthy();

    const revoked = await deskgate(['keys', 'revoke', id!], env);
    expect(revoked.code).toBe(0);
    const again = await deskgate(['keys', 'revoke', id!], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`No active key with id ${id}`);
  });

  it('migrate brings a new database up to date and makes the first admin key once; a second run changes nothing', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'deskgate-migrate-'));
    try {
      const migrateEnv = { DATABASE_URL: `sqlite:${join(fresh, 'db.sqlite')}`, DESKGATE_PUBLIC_URL: 'https://mcp.example.com' };
      const first = await deskgate(['migrate'], migrateEnv);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): core\/001/m);
      const key = /^\s+(dg_\S+)$/m.exec(first.stderr)?.[1];
      expect(key).toBeTruthy();
      expect(first.stderr).toContain('claude mcp add --transport http deskgate https://mcp.example.com/mcp');

      const again = await deskgate(['migrate'], migrateEnv);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout.trim()).toBe('The database schema is up to date.');
      expect(again.stderr).not.toMatch(/dg_/);
      // The first run's key is stored (listed by name, never by secret).
      const listed = await deskgate(['keys', 'list'], migrateEnv);
      expect(listed.stdout).toContain('first-start admin key');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 60_000); // three CLI starts in a row

  it('refuses bad key arguments with one clear line each', async () => {
    const run = await deskgate(['keys', 'create', '--email', 'nope', '--role', 'boss', '--name', ''], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--email: expected an email address');
    expect(run.stderr).toContain('--role: expected one of user, staff, admin');
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('stops start-up on bad configuration with one line per bad variable and no stack trace', async () => {
    const run = await deskgate(['serve'], { ...env, PORT: 'http', DESKGATE_CONNECTORS: 'helpdesk,desktime', HELPDESK_ACCESS: 'everything' });
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('deskgate: cannot start, the configuration is invalid:');
    expect(lines).toContain('  PORT: expected a whole number from 0 to 65535, got "http"');
    expect(lines).toContain('  HELPDESK_ACCESS: expected one of read, write, full, got "everything"');
    expect(lines.some((l) => l.startsWith('  DESKTIME_API_KEY:'))).toBe(true);
    expect(run.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('prints the tool table', async () => {
    const run = await deskgate(['tools'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/helpdesk_list_tickets\s+read\s+helpdesk\/tickets/);
  });

  it('says which toolsets are on and how to widen them', async () => {
    const run = await deskgate(['tools'], { ...env, DESKTIME_API_KEY: 'k-123' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('desktime toolsets on (default): employees, tracking; off: account, day_views, projects (DESKTIME_TOOLSETS=all or a list adds them)');
    expect(run.stdout).not.toContain('desktime_ping');
    const wide = await deskgate(['tools'], { ...env, DESKTIME_API_KEY: 'k-123', DESKTIME_TOOLSETS: 'all' });
    expect(wide.stdout).toContain('desktime_ping');
  });

  it('prints the model-visible budget per toolset, now and with everything on', async () => {
    const run = await deskgate(['tools', '--budget'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/desktime\s+account\s+no\s+-\s+-\s+2\s+\d+/);
    expect(run.stdout).toMatch(/^total\s+\d+\s+\d+\s+\d+\s+\d+$/m);
  });

  describe('doctor', () => {
    let vendor: Server;
    let vendorUrl: string;
    beforeAll(async () => {
      vendor = createServer((req, res) => {
        const ok = new URL(req.url ?? '/', 'http://x').searchParams.get('apiKey') === 'good-key-123';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { pong: '1710545400' } : { error: 'Invalid API key' }));
      });
      await new Promise<void>((r) => vendor.listen(0, '127.0.0.1', r));
      vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/api/v2/json`;
    });
    afterAll(() => vendor.close());

    it('reports each check in a table and exits 0 when all pass', async () => {
      const run = await deskgate(['doctor'], { ...env, DESKTIME_API_KEY: 'good-key-123', DESKTIME_BASE_URL: vendorUrl });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/configuration\s+ok/);
      expect(run.stdout).toMatch(/database\s+ok\s+sqlite:/);
      expect(run.stdout).toMatch(/connector helpdesk\s+ok/);
      expect(run.stdout).toMatch(/connector desktime\s+ok/);
    });

    it('fails on bad DeskTime credentials without printing the key', async () => {
      const run = await deskgate(['doctor'], { ...env, DESKTIME_API_KEY: 'bad-key-456', DESKTIME_BASE_URL: vendorUrl, DESKTIME_TIMEOUT_MS: '2000' });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/connector desktime\s+FAIL\s+DeskTime ping failed \(unauthenticated/);
      expect(run.stdout + run.stderr).not.toContain('bad-key-456');
    });
  });

  describe('serve', () => {
    it('creates and prints the first admin key once, serves /mcp with it, and stops cleanly on SIGTERM', async () => {
      const serveDir = mkdtempSync(join(tmpdir(), 'deskgate-serve-'));
      const { child, banner, stderr: output } = await serve({ DATABASE_URL: `sqlite:${join(serveDir, 'db.sqlite')}` });
      let stderr = output();
      expect(stderr).toContain(`--header "Authorization: Bearer ${banner.key}"`);
      const client = await connectClient('modern', banner.url, banner.key);
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();

      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      stderr = output();
      expect(stderr).toContain('deskgate stopped');
      // The bearer key never reaches the log lines (only the one-time banner).
      expect(stderr.split('\n').filter((l) => l.startsWith('{')).join('\n')).not.toContain(banner.key);

      // A second start finds the key and prints no new one.
      const second = await deskgate(['keys', 'list'], { DATABASE_URL: `sqlite:${join(serveDir, 'db.sqlite')}` });
      expect(second.stdout).toContain('first-start admin key');
      rmSync(serveDir, { recursive: true, force: true });
    });

    it('runs as a cluster with DESKGATE_WORKERS=2: one first key, calls served, /metrics summed over workers, clean SIGTERM', async () => {
      const serveDir = mkdtempSync(join(tmpdir(), 'deskgate-cluster-'));
      const { child, banner, stderr } = await serve({ DESKGATE_WORKERS: '2', DATABASE_URL: `sqlite:${join(serveDir, 'db.sqlite')}` });
      // Both workers come up (each logs that it listens).
      await new Promise<void>((resolve) => {
        const check = () => ((stderr().match(/"msg":"deskgate listening"/g) ?? []).length >= 2 ? resolve() : setTimeout(check, 50));
        check();
      });
      const calls = 12;
      for (let i = 0; i < calls; i++) {
        // A fresh connection each time, so the calls spread over the workers.
        const client = await connectClient(i % 2 ? 'legacy' : 'modern', banner.url, banner.key);
        const result = await client.callTool({ name: 'helpdesk_list_statuses', arguments: {} });
        expect(result.isError).toBeFalsy();
        await client.close();
      }
      const metrics = await (await fetch(banner.url.replace(/\/mcp$/, '/metrics'))).text();
      const counted = /deskgate_tool_calls_total\{tool="helpdesk_list_statuses",outcome="ok"\} (\d+)/.exec(metrics)?.[1];
      expect(Number(counted)).toBe(calls);
      expect(stderr().match(/created the first admin API key/g)).toHaveLength(1);

      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(serveDir, { recursive: true, force: true });
    });

    it('gives up with a clear message when workers cannot start (port taken), instead of re-forking in a loop', async () => {
      const taken = createServer();
      await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
      const port = String((taken.address() as AddressInfo).port);
      const serveDir = mkdtempSync(join(tmpdir(), 'deskgate-cluster-'));
      try {
        const run = await deskgate(['serve'], {
          DESKGATE_WORKERS: '2',
          PORT: port,
          LOG_LEVEL: 'info',
          DATABASE_URL: `sqlite:${join(serveDir, 'db.sqlite')}`,
        });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('EADDRINUSE');
        expect(run.stderr).toContain('deskgate: giving up: workers failed to start 5 times in a row');
        // Five starts were tried, with pauses between them, and nothing after giving up.
        expect(run.stderr.match(/"msg":"worker failed to start; trying again after a pause"/g)).toHaveLength(4);
        expect(run.stderr).not.toContain('starting a replacement');
      } finally {
        taken.close();
        rmSync(serveDir, { recursive: true, force: true });
      }
    }, 60_000); // five worker starts with pauses between them
  });
});
