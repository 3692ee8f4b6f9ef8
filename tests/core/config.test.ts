import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, requiredSecret } from '../../src/config/config';
import type { ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';

const vendor = {
  ...echoConnector,
  id: 'acme',
  tools: [],
  toolsets: [{ id: 'main', description: 'main' }],
  defaultBaseUrl: 'https://api.acme.test/v1',
  configSchema: z.object({ ACME_API_KEY: requiredSecret('ACME_API_KEY', 'from acme.test/settings') }),
  isConfigured: (env: Record<string, string | undefined>) => Boolean(env.ACME_API_KEY),
} as unknown as ConnectorManifest<unknown, unknown>;
const catalog = [echoConnector as unknown as ConnectorManifest<unknown, unknown>, vendor];

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, catalog);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has working defaults: loopback, port 8787, embedded SQLite', () => {
    const config = loadConfig({}, catalog);
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', databaseUrl: 'sqlite:./data/deskgate.db', readOnly: false });
  });

  it('reads <ID>_SHARED_WRITES for vendor connectors and refuses other values', () => {
    expect(loadConfig({ ACME_API_KEY: 'k', ACME_SHARED_WRITES: 'owner' }, catalog).connectors[1]!.common.sharedWrites).toBe('owner');
    expect(() => loadConfig({ ACME_API_KEY: 'k', ACME_SHARED_WRITES: 'always' }, catalog)).toThrow(/ACME_SHARED_WRITES: expected one of refuse, owner/);
  });

  it('bounds a whole tool call at 30 s unless DESKGATE_CALL_TIMEOUT_MS says otherwise', () => {
    expect(loadConfig({}, catalog).callTimeoutMs).toBe(30_000);
    expect(loadConfig({ DESKGATE_CALL_TIMEOUT_MS: '5000' }, catalog).callTimeoutMs).toBe(5_000);
    expect(problemsOf({ DESKGATE_CALL_TIMEOUT_MS: '10' })).toEqual(['DESKGATE_CALL_TIMEOUT_MS: expected a whole number from 100 to 600000, got "10"']);
  });

  it('enables SaaS connectors whose API key is set, by default', () => {
    expect(loadConfig({}, catalog).connectors.map((c) => c.manifest.id)).toEqual(['echo']);
    const config = loadConfig({ ACME_API_KEY: 'k' }, catalog);
    expect(config.connectors.map((c) => c.manifest.id)).toEqual(['echo', 'acme']);
    expect(config.connectors[1]!.common).toEqual({ access: 'full', toolsets: undefined, baseUrl: 'https://api.acme.test/v1', timeoutMs: 15000, minRole: 'staff', credentials: 'personal_or_shared', sharedWrites: 'refuse' });
  });

  it('reads the per-connector settings', () => {
    const config = loadConfig(
      { DESKGATE_CONNECTORS: 'echo,acme', ACME_API_KEY: 'k', ACME_ACCESS: 'read', ACME_TOOLSETS: 'main', ACME_BASE_URL: 'http://127.0.0.1:9999/', ACME_TIMEOUT_MS: '2500' },
      catalog,
    );
    expect(config.connectors.map((c) => c.manifest.id)).toEqual(['echo', 'acme']);
    expect(config.connectors[1]!.common).toEqual({ access: 'read', toolsets: ['main'], baseUrl: 'http://127.0.0.1:9999', timeoutMs: 2500, minRole: 'staff', credentials: 'personal_or_shared', sharedWrites: 'refuse' });
  });

  describe('<ID>_TOOLSETS', () => {
    const layered = {
      ...vendor,
      toolsets: [
        { id: 'daily', description: 'everyday', default: true },
        { id: 'admin', description: 'rarely' },
        { id: 'reports', description: 'everyday too', default: true },
      ],
    } as unknown as ConnectorManifest<unknown, unknown>;
    const acmeOf = (env: Record<string, string>) => loadConfig({ ACME_API_KEY: 'k', ...env }, [layered]).connectors[0]!;

    it('unset: only the toolsets the connector marks as default', () => {
      expect(acmeOf({}).common.toolsets).toEqual(['daily', 'reports']);
      expect(acmeOf({}).toolsetsFrom).toBe('default');
    });

    it('unset, for a connector that marks none: all of them, as before', () => {
      expect(loadConfig({ ACME_API_KEY: 'k' }, catalog).connectors[1]!.common.toolsets).toBeUndefined();
    });

    it('"all": every toolset; a list: exactly that list', () => {
      expect(acmeOf({ ACME_TOOLSETS: 'all' })).toMatchObject({ common: { toolsets: undefined }, toolsetsFrom: 'all' });
      expect(acmeOf({ ACME_TOOLSETS: 'admin' })).toMatchObject({ common: { toolsets: ['admin'] }, toolsetsFrom: 'list' });
    });

    it('an unknown toolset is a configuration error naming the valid ones', () => {
      expect(() => acmeOf({ ACME_TOOLSETS: 'daily,everything' })).toThrow('ACME_TOOLSETS: unknown toolset "everything"; acme has: daily, admin, reports (or "all")');
    });
  });

  it('reports every bad variable at once, one line each, naming it and what is expected', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DESKGATE_READ_ONLY: 'maybe',
      DESKGATE_CONNECTORS: 'acme,nope',
      ACME_ACCESS: 'admin',
      ACME_BASE_URL: 'ftp://x',
      ACME_TOOLSETS: 'main,other',
      DATABASE_URL: 'mysql://u:secretpw@h/db',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: expected a whole number from 0 to 65535, got "eighty"',
        'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        'DESKGATE_READ_ONLY: expected true or false, got "maybe"',
        'DESKGATE_CONNECTORS: unknown connector "nope"; known: echo, acme',
        'ACME_ACCESS: expected one of read, write, full, got "admin"',
        'ACME_BASE_URL: expected an http(s) URL such as https://api.example.com/v1, got "ftp://x"',
        'ACME_TOOLSETS: unknown toolset "other"; acme has: main (or "all")',
        'ACME_API_KEY: expected your ACME_API_KEY (from acme.test/settings) (needed because connector "acme" is enabled)',
      ]),
    );
    expect(problems.some((p) => p.startsWith('DATABASE_URL:'))).toBe(true);
    expect(problems.join('\n')).not.toContain('secretpw');
  });

  it('adds DESKGATE_ALLOWED_HOSTS / _ORIGINS to the loopback defaults', () => {
    const config = loadConfig({ DESKGATE_ALLOWED_HOSTS: 'mcp.example.com', DESKGATE_ALLOWED_ORIGINS: 'app.example.com' }, catalog);
    expect(config.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', 'mcp.example.com']);
    expect(config.allowedOrigins).toContain('app.example.com');
  });
});
