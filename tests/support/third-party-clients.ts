/**
 * MCP clients we did not write, fetched from npm with `npx` at pinned
 * versions: `mcp-remote` (the stdio proxy desktop hosts use, with its own
 * SDK v1 client behind it) and the MCP Inspector CLI (needs Node 22, which
 * `npx -p node@22` brings). tests/e2e/third-party-clients.test.ts drives them
 * against the real gateway.
 *
 * A test skips, saying why, only when a package cannot be fetched (no
 * network, no registry); with DESKGATE_TEST_REQUIRE_CLIENTS=1 (CI) that is a
 * failure instead. `npx tsx tests/support/third-party-clients.ts` fetches
 * them all into npx's cache (CI does that before the tests).
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface ThirdPartyClient {
  /** npm packages npx installs for it. */
  packages: string[];
  /** The command it runs from them. */
  bin: string;
}

export const MCP_REMOTE: ThirdPartyClient = { packages: ['mcp-remote@0.15.1'], bin: 'mcp-remote' };
export const INSPECTOR: ThirdPartyClient = { packages: ['node@22', '@modelcontextprotocol/inspector@2.12.0'], bin: 'mcp-inspector' };

const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** `npx` and its arguments to run `client` with `args`. */
export function npxCommand(client: ThirdPartyClient, args: string[]): { command: string; args: string[] } {
  return { command: NPX, args: ['--prefer-offline', '-y', ...client.packages.flatMap((p) => ['-p', p]), '--', client.bin, ...args] };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `timeoutMs`), keeping its output. */
export function runToEnd(command: string, args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (err) => (stderr += `\n${err.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const fetched = new Map<ThirdPartyClient, Promise<string | undefined>>();

/**
 * Fetches the client's packages (once per process) by running plain `node`
 * from them. Undefined when they are there; otherwise why not, for the skip.
 */
export function fetchClient(client: ThirdPartyClient): Promise<string | undefined> {
  let pending = fetched.get(client);
  if (!pending) {
    pending = runToEnd(NPX, ['-y', ...client.packages.flatMap((p) => ['-p', p]), '--', 'node', '-e', 'process.exit(0)'], { timeoutMs: 300_000 }).then((done) =>
      done.code === 0 ? undefined : `npx could not fetch ${client.packages.join(' + ')}: ${done.stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${done.code}`}`,
    );
    fetched.set(client, pending);
  }
  return pending;
}

/** Whether a client that cannot be fetched fails the run rather than skipping (CI sets it). */
export const REQUIRE_CLIENTS = process.env.DESKGATE_TEST_REQUIRE_CLIENTS === '1';

// `npx tsx tests/support/third-party-clients.ts`: fetch them all, fail if one cannot be.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const client of [MCP_REMOTE, INSPECTOR]) {
    const problem = await fetchClient(client);
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
    console.log(`fetched ${client.packages.join(' + ')}`);
  }
}
