import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Real `deskgate serve` processes (each its own Node process with its own
 * memory), for tests of what several replicas share through the database.
 *
 *   const a = await startServe({ DATABASE_URL: url, ... });
 *   const answer = await callTool(a.url, key, 'clockify_create_time_entry', { ... });
 *   await stopServe(a);
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'deskgate.js');

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  log: string;
}

export async function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env } });
  const gateway: ServeProcess = { url: '', child, log: '' };
  child.stdout!.on('data', (d) => (gateway.log += d));
  child.stderr!.on('data', (d) => (gateway.log += d));
  gateway.url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const line = gateway.log.split('\n').find((l) => l.includes('"msg":"deskgate listening"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
      else if (child.exitCode === null) setTimeout(check, 50);
    };
    check();
    child.once('exit', (code) => reject(new Error(`deskgate serve exited ${code}:\n${gateway.log}`)));
  });
  return gateway;
}

export async function stopServe(gateway: ServeProcess | undefined): Promise<void> {
  if (!gateway || gateway.child.exitCode !== null) return;
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
  gateway.child.kill('SIGTERM');
  await exited;
}

/** One `deskgate <args>` CLI run to its end (logs silent unless `env` says otherwise): its exit code and output. */
export function runDeskgate(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ToolAnswer {
  isError: boolean;
  /** The text the model reads. */
  text: string;
  structuredContent?: Record<string, unknown>;
  /** The error as the model sees it (code, message, hint…), when isError. */
  error?: { code?: string; message?: string; hint?: string; retryable?: boolean };
}

/** One stateless tools/call on a fresh connection, as a model's client sends it. */
export async function callTool(url: string, key: string, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
      connection: 'close',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`tools/call ${name}: HTTP ${response.status} ${text}`);
  const payload = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '{}');
  const result = (JSON.parse(payload) as { result?: { isError?: boolean; content?: { text?: string }[]; structuredContent?: Record<string, unknown>; _meta?: Record<string, unknown> } }).result;
  return { isError: result?.isError === true, text: (result?.content ?? []).map((c) => c.text ?? '').join('\n'), structuredContent: result?.structuredContent, error: result?._meta?.['deskgate/error'] as ToolAnswer['error'] };
}
