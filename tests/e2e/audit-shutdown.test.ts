import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeskgate as run } from '../support/serve';

/**
 * The audit trail of a real `deskgate serve` process: records are written in
 * batches off the call path, so a SIGTERM must flush what is still buffered
 * (here the timer would wait an hour) before the process exits. Read back as
 * an operator would, with `deskgate audit`, and from the JSON-lines stream.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'deskgate.js');


describe('the audit trail of a gateway process', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskgate-audit-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, DESKGATE_CONNECTORS: 'helpdesk' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no record on SIGTERM, and deskgate audit reads them back as a table or JSON lines', async () => {
    const streamFile = join(dir, 'audit.jsonl');
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: root,
      env: { ...env, PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', DESKGATE_AUDIT_FLUSH_MS: '3600000', DESKGATE_AUDIT_STREAM: `file:${streamFile}` },
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const { key, url } = await new Promise<{ key: string; url: string }>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const found = /^\s+(dg_\S+)$/m.exec(stderr)?.[1];
        const at = /claude mcp add --transport http deskgate (\S+)/.exec(stderr)?.[1];
        if (found && at) resolve({ key: found, url: at });
      });
      void exited.then(() => reject(new Error(`serve exited early:\n${stderr}`)));
    });

    const calls = 12;
    const answers = await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
          body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'helpdesk_list_categories', arguments: {} } }),
        });
        await response.text();
        return response.headers.get('x-request-id');
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const json = await run(['audit', '--json', '--tool', 'helpdesk_list_categories'], env);
    expect(json.code, json.stderr).toBe(0);
    const records = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; outcome: string; request_id: string; user_email: string });
    expect(records).toHaveLength(calls);
    expect(records.every((r) => r.kind === 'tool_call' && r.outcome === 'ok' && r.user_email === 'admin@localhost')).toBe(true);
    expect(records.map((r) => r.request_id).sort()).toEqual([...answers].sort());

    // The same records went to the stream, one JSON line each.
    const streamed = readFileSync(streamFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { request_id: string });
    expect(streamed.map((r) => r.request_id).sort()).toEqual([...answers].sort());

    const table = await run(['audit', '--user', 'admin@localhost', '--since', '1h', '--limit', '3'], env);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^at\s+kind\s+user\s+key\s+action\s+connector\s+outcome\s+ms\s+targets\s+request$/);
    expect(lines).toHaveLength(2 + 3);
    expect(lines[2]).toMatch(/tool_call\s+admin@localhost\s+\S+\s+helpdesk_list_categories\s+helpdesk\s+ok/);

    const none = await run(['audit', '--outcome', 'permission_denied'], env);
    expect(none.stdout.trim()).toBe('No audit records match.');
    const bad = await run(['audit', '--since', 'last tuesday'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since: expected an ISO date or time');
  }, 120_000);
});
