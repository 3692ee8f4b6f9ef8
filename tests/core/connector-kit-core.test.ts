import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTools } from '../../src/registry/load-tools';
import { createVendorClientPool } from '../../src/vendor-http/pool';
import { vendorErrorMapper } from '../../src/vendor-http/status-errors';
import type { VendorErrorContext, VendorHttpClient, VendorHttpClientOptions } from '../../src/vendor-http/types';

describe('loadTools', () => {
  it('loads every tool file of a folder in name order, skipping tests and dashed helper files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskgate-tools-'));
    const tool = (name: string) => `export const t = { name: '${name}', toolset: 'x', input: {}, handler: async () => ({}) };\n`;
    writeFileSync(join(dir, 'demo_list_b.ts'), tool('demo_list_b'));
    writeFileSync(join(dir, 'demo_get_a.ts'), tool('demo_get_a'));
    writeFileSync(join(dir, 'demo_get_a.test.ts'), 'throw new Error("a test file must not be imported");\n');
    writeFileSync(join(dir, 'shared-shapes.ts'), 'throw new Error("a helper must not be imported as a tool");\n');
    try {
      const tools = await loadTools(pathToFileURL(`${dir}/`));
      expect(tools.map((t) => t.name)).toEqual(['demo_get_a', 'demo_list_b']);
      writeFileSync(join(dir, 'demo_misnamed.ts'), tool('demo_other_name'));
      await expect(loadTools(pathToFileURL(`${dir}/`))).rejects.toThrow(/must export the tool named "demo_misnamed"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vendorErrorMapper', () => {
  const ctx = (status: number, body: unknown, retryAfterSeconds?: number): VendorErrorContext => ({
    connector: 'acme',
    status,
    body,
    headers: {},
    request: { method: 'DELETE', path: '/projects/1', operation: 'delete project' },
    retryAfterSeconds,
  });
  const mapper = vendorErrorMapper({
    vendorName: 'Acme',
    vendorCodeOf: (body) => (body as { code?: number } | undefined)?.code,
    rules: [
      { status: 400, vendorCode: 501, error: ({ generic }) => Object.assign(generic, { code: 'precondition_failed' as const }) },
      { status: 404, error: ({ generic }) => Object.assign(generic, { hint: 'status rule' }) },
    ],
  });

  it('picks the rule by status and vendor code, then by status, then the generic mapping', () => {
    expect(mapper(ctx(400, { code: 501, message: 'anything at all' })).code).toBe('precondition_failed');
    // Same words, another code: the words never decide.
    expect(mapper(ctx(400, { code: 3000, message: 'Cannot delete an active project' })).code).toBe('invalid_argument');
    expect(mapper(ctx(404, { code: 1 })).hint).toBe('status rule');
    const limited = mapper(ctx(429, {}, 7));
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 7, vendorStatus: 429 });
  });
});

describe('vendor client pool', () => {
  function fakeCreate() {
    const made: { auth: VendorHttpClientOptions['auth']; closed: boolean }[] = [];
    const create = (options: VendorHttpClientOptions): VendorHttpClient => {
      const entry = { auth: options.auth, closed: false };
      made.push(entry);
      return {
        connector: options.connector,
        request: async <T>() => ({ status: 200, headers: {}, body: options.auth as T }),
        breakerState: () => 'closed',
        close: async () => {
          entry.closed = true;
        },
      };
    };
    return { made, create };
  }

  it('gives each credential its own client, keyed without the secret, and the shared key otherwise', async () => {
    const { made, create } = fakeCreate();
    const pool = createVendorClientPool(
      { connector: 'acme', baseUrl: 'https://acme.test', timeoutMs: 1000, sharedSecret: 'shared-1', auth: (s) => ({ headers: { 'X-Key': s } }), maxClients: 2 },
      create,
    );
    const shared = pool.for({});
    expect(pool.for({})).toBe(shared);
    const ana = pool.for({ credential: { id: 'c-ana', secret: 'ana-secret' } });
    expect(ana).not.toBe(shared);
    expect(pool.for({ credential: { id: 'c-ana', secret: 'ana-secret' } })).toBe(ana);
    expect(pool.keyOf({ credential: { id: 'c-ana', secret: 'ana-secret' } })).toBe('personal:c-ana');
    expect(pool.keyOf({})).toBe('shared');
    // Re-linked with a new secret: a fresh client, the old one closed.
    const relinked = pool.for({ credential: { id: 'c-ana', secret: 'ana-new' } });
    expect(relinked).not.toBe(ana);
    await Promise.resolve();
    expect(made[1]!.closed).toBe(true);
    // Past maxClients the least recently used personal client is closed.
    pool.for({ credential: { id: 'c-ben', secret: 'b' } });
    pool.for({ credential: { id: 'c-cat', secret: 'c' } });
    await Promise.resolve();
    expect(made.filter((m) => m.closed)).toHaveLength(2);
    expect(made.map((m) => m.auth?.headers?.['X-Key'])).toEqual(['shared-1', 'ana-secret', 'ana-new', 'b', 'c']);
    await pool.close();
    expect(made.every((m) => m.closed)).toBe(true);
  });

  it('without a shared key, a caller without their own is told how to link one', () => {
    const pool = createVendorClientPool(
      { connector: 'acme', vendorName: 'Acme', baseUrl: 'https://acme.test', timeoutMs: 1000, sharedSecret: undefined, auth: (s) => ({ query: { k: s } }) },
      fakeCreate().create,
    );
    expect(pool.hasShared()).toBe(false);
    expect(() => pool.for({})).toThrow(/No shared Acme key/);
  });
});
