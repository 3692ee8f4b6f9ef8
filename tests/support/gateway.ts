import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startGateway, type RunningGateway } from '../../src/gateway';
import { createLogger } from '../../src/observability/logger';
import type { ConnectorManifest } from '../../src/registry/types';
import type { VendorTransportKind } from '../../src/vendor-http/transport';

export interface TestGateway extends RunningGateway {
  /** The admin key created on first start. */
  adminKey: string;
  /** Base URL without /mcp, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
}

/**
 * Starts the real gateway (real HTTP server on an ephemeral loopback port,
 * real database, real migrations) for end-to-end tests. SQLite in a temp dir
 * unless `env.DATABASE_URL` says otherwise.
 */
export async function startTestGateway(
  options: {
    env?: Record<string, string>;
    catalog?: ConnectorManifest<unknown, unknown>[];
    logs?: pino.DestinationStream;
    /** `fetch` when the test fakes the vendor with msw (see src/vendor-http/transport.ts). */
    vendorTransport?: VendorTransportKind;
    /** false: every /mcp request through the SDK's per-request Server (the direct-call comparison). */
    directToolCalls?: boolean;
  } = {},
): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'deskgate-test-'));
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'deskgate.db')}`,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  // The production logger (with its redaction) when a test captures logs.
  const log = options.logs
    ? createLogger('debug', options.logs)
    : pino({ level: process.env.DESKGATE_TEST_LOGS ? 'debug' : 'silent' });
  const gateway = await startGateway({ env, catalog: options.catalog ?? [], log, vendorTransport: options.vendorTransport, directToolCalls: options.directToolCalls });
  if (!gateway.firstAdminKey) throw new Error('expected a first-start admin key');
  return {
    ...gateway,
    adminKey: gateway.firstAdminKey,
    baseUrl: gateway.url.replace(/\/mcp$/, ''),
    close: async () => {
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A log destination that keeps each line the gateway writes in `lines` (for checks that a secret never appears). */
export function lineCollector(lines: string[]): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
}
