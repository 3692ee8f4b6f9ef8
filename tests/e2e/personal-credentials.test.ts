import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../connectors/desktime/test-support';
import { generateSecretKey } from '../../src/credentials/crypto';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient } from '../support/clients';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

/**
 * Two people on one gateway, each with their own DeskTime key: start and
 * stop reach DeskTime with the caller's key (so each acts as themselves),
 * users see DeskTime only because DESKTIME_MIN_ROLE=user, and nobody's key
 * ever shows up in a result, an error, a log line or a metric.
 */
const ANA_KEY = 'dt_personal_ana_7hQ2mX9pL4';
const BEN_KEY = 'dt_personal_ben_3kW8rT5vN1';
const owners: Record<string, { id: number; name: string }> = {
  [ANA_KEY]: { id: 11, name: 'Ana Alves' },
  [BEN_KEY]: { id: 22, name: 'Ben Brown' },
};
const calls: { path: string; key: string | null; project: string | null }[] = [];

const desktime = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const key = url.searchParams.get('apiKey');
  const path = url.pathname.replace('/api/v2/json', '');
  calls.push({ path, key, project: url.searchParams.get('project') });
  const answer = (body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const owner = key ? owners[key] : undefined;
  if (!owner) return answer({ error: 'Invalid API key' });
  if (path === '/start-project') return answer(fixture('start-project'));
  if (path === '/stop-project') return answer(fixture('stop-project'));
  if (path === '/employee') return answer({ ...fixture('employee'), id: owner.id, name: owner.name });
  if (path === '/ping') return answer(fixture('ping'));
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":"unknown"}');
});

describe('personal DeskTime keys through /mcp', () => {
  let gw: TestGateway;
  const logLines: string[] = [];
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    await new Promise<void>((resolve) => desktime.listen(0, '127.0.0.1', resolve));
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        DESKTIME_CREDENTIALS: 'personal',
        DESKTIME_TOOLSETS: 'all',
        DESKTIME_MIN_ROLE: 'user',
        DESKTIME_BASE_URL: `http://127.0.0.1:${(desktime.address() as AddressInfo).port}/api/v2/json`,
        DESKTIME_TIMEOUT_MS: '3000',
        DESKGATE_SECRET_KEY: generateSecretKey(),
      },
      logs: lineCollector(logLines),
    });
    for (const name of ['ana', 'ben', 'cat']) {
      const { user } = await gw.core.auth.ensureUser({ email: `${name}@example.test`, name, role: 'user' });
      keys[name] = (await gw.core.auth.createKey({ userId: user.id, name })).secret;
    }
    // Ana and Ben link their own keys themselves, through the self-service API.
    for (const [name, secret] of [['ana', ANA_KEY], ['ben', BEN_KEY]] as const) {
      const linked = await fetch(`${gw.baseUrl}/api/me/credentials/desktime`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${keys[name]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ secret }),
      });
      expect(linked.status).toBe(200);
    }
  });
  afterAll(async () => {
    await gw?.close();
    desktime.closeAllConnections();
    desktime.close();
  });

  it('starts and stops tracking as each caller, with their own key', async () => {
    const seen: string[] = [];
    for (const [name, secret, project] of [['ana', ANA_KEY, 'Ana project'], ['ben', BEN_KEY, 'Ben project']] as const) {
      const client = await connectClient(name === 'ana' ? 'modern' : 'legacy', gw.url, keys[name]!);
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('desktime_start_project_task');
      calls.length = 0;
      const started = await client.callTool({ name: 'desktime_start_project_task', arguments: { project } });
      expect(started.isError).toBeFalsy();
      const stopped = await client.callTool({ name: 'desktime_stop_project_task', arguments: { project } });
      expect(stopped.isError).toBeFalsy();
      // Every call DeskTime got for this person carried their key, and only theirs.
      // (The key's own employee is looked up once, to say on whose account it acted.)
      expect(calls.map((c) => c.path)).toEqual(['/employee', '/start-project', '/stop-project']);
      expect(calls.every((c) => c.key === secret)).toBe(true);
      expect(calls.filter((c) => c.path !== '/employee').every((c) => c.project === project)).toBe(true);
      expect((started.structuredContent as { acted_as: { how: string } }).acted_as.how).toBe('personal_key');
      seen.push(JSON.stringify(started), JSON.stringify(stopped));
      await client.close();
    }
    seen.push(await (await fetch(`${gw.baseUrl}/metrics`)).text(), ...logLines);
    expect(logLines.some((l) => l.includes('"tool":"desktime_start_project_task"'))).toBe(true);
    for (const text of seen) {
      expect(text).not.toContain(ANA_KEY);
      expect(text).not.toContain(BEN_KEY);
    }
  });

  it('tells a user without a linked key how to link one, and calls nothing', async () => {
    const client = await connectClient('modern', gw.url, keys.cat!);
    calls.length = 0;
    const refused = await client.callTool({ name: 'desktime_start_project_task', arguments: { project: 'x' } });
    expect(refused.isError).toBe(true);
    const error = errorOf(refused);
    expect(error.code).toBe('unauthenticated');
    expect(error.hint).toContain('PUT /api/me/credentials/desktime');
    expect(calls).toEqual([]);
    await client.close();
  });

  it('a wrong personal key fails for its owner only: the other user keeps working', async () => {
    const wrong = 'dt_personal_wrong_000000';
    await fetch(`${gw.baseUrl}/api/me/credentials/desktime`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${keys.cat}`, 'content-type': 'application/json' },
      body: JSON.stringify({ secret: wrong }),
    });
    const cat = await connectClient('modern', gw.url, keys.cat!);
    for (let i = 0; i < 6; i++) {
      const failed = await cat.callTool({ name: 'desktime_ping', arguments: {} });
      expect(errorOf(failed).code).toBe('unauthenticated');
      expect(JSON.stringify(failed)).not.toContain(wrong);
    }
    await cat.close();
    const ana = await connectClient('modern', gw.url, keys.ana!);
    expect((await ana.callTool({ name: 'desktime_ping', arguments: {} })).isError).toBeFalsy();
    await ana.close();
  });
});
