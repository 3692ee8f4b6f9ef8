import {
  Client,
  StreamableHTTPClientTransport,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startGateway, type RunningGateway } from '../../src/gateway';
import type { ConnectorManifest } from '../../src/registry/types';
import { POSTGRES_URL_VARIABLE } from '../support/databases';

/** Debian's chromium (`.ci/run` installs it); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);
if (!HAVE_CHROMIUM && process.env.DESKGATE_TEST_REQUIRE_CHROMIUM) {
  throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH.`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface OAuthGateway extends RunningGateway {
  adminKey: string;
  /** e.g. http://127.0.0.1:41234 (also DESKGATE_PUBLIC_URL) */
  baseUrl: string;
  mcpUrl: string;
}

/**
 * The real gateway with OAuth on: DESKGATE_PUBLIC_URL is its own loopback
 * address, so the port is chosen before start.
 */
export async function startOAuthGateway(
  options: {
    env?: Record<string, string>;
    catalog?: ConnectorManifest<unknown, unknown>[];
    fetchClientMetadata?: typeof fetch;
    port?: number;
    /** postgres: a fresh schema in DESKGATE_TEST_POSTGRES_URL's database, dropped on close. */
    engine?: 'sqlite' | 'postgres';
  } = {},
): Promise<OAuthGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'deskgate-oauth-'));
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  let databaseUrl = `sqlite:${join(dir, 'deskgate.db')}`;
  let dropSchema = async () => {};
  if (options.engine === 'postgres') {
    const url = process.env[POSTGRES_URL_VARIABLE];
    if (!url) throw new Error(`${POSTGRES_URL_VARIABLE} is not set`);
    const schema = `test_oauth_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = withSchema.href;
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    };
  }
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DESKGATE_PUBLIC_URL: baseUrl,
    DESKGATE_KEY_CACHE_TTL_MS: '0',
    // Every test registers its own clients from 127.0.0.1, faster than any person would: the limit has its own test (registration.test.ts).
    DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: '1000',
    ...options.env,
  };
  const log = pino({ level: process.env.DESKGATE_TEST_LOGS ? 'debug' : 'silent' });
  const gateway = await startGateway({ env, catalog: options.catalog ?? [], log, fetchClientMetadata: options.fetchClientMetadata });
  if (!gateway.firstAdminKey) throw new Error('expected a first-start admin key');
  return {
    ...gateway,
    adminKey: gateway.firstAdminKey,
    baseUrl,
    mcpUrl: `${baseUrl}/mcp`,
    close: async () => {
      await gateway.close();
      await dropSchema();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A user with a key of the given role (and limits), made through the same store the CLI uses. */
export async function makeUser(gw: OAuthGateway, email: string, role: 'user' | 'staff' | 'admin', key: { connectors?: string[]; readOnly?: boolean } = {}) {
  const { user } = await gw.core.auth.ensureUser({ email, name: email.split('@')[0]!, role });
  const { key: record, secret } = await gw.core.auth.createKey({ userId: user.id, name: `${email} laptop`, ...key });
  return { user, keyId: record.id, secret };
}

/**
 * What an MCP host (Claude, ChatGPT) keeps for one server: an in-memory
 * OAuthClientProvider for the official v2 client SDK. The browser step is
 * left to the test: `authorizationUrl` is where the SDK wants the user sent.
 */
export class MemoryOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  private client: StoredOAuthClientInformation | undefined;
  private stored: StoredOAuthTokens | undefined;
  private verifier = '';
  private discovery: OAuthDiscoveryState | undefined;
  savedTokens: StoredOAuthTokens[] = [];

  constructor(
    readonly redirectUrl: string,
    private readonly name = 'deskgate OAuth test client',
    readonly clientMetadataUrl?: string,
  ) {}

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: StoredOAuthClientInformation) {
    this.client = info;
  }
  tokens() {
    return this.stored;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.stored = tokens;
    this.savedTokens.push(tokens);
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery') {
    if (scope === 'all' || scope === 'client') this.client = undefined;
    if (scope === 'all' || scope === 'tokens') this.stored = undefined;
  }
}

export type Era = 'modern' | 'legacy';
export const ERAS: Era[] = ['modern', 'legacy'];

/** The official v2 client, pinned to the 2026-07-28 era or speaking the 2025 initialize handshake. */
export function newClient(era: Era): Client {
  return new Client(
    { name: 'deskgate-oauth-e2e', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : { versionNegotiation: { mode: 'legacy' } },
  );
}

export function transportFor(url: string, provider: OAuthClientProvider) {
  return new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/**
 * Runs an action that submits a form and waits until the next document is
 * loaded (after any redirects). Waiting for "load" alone could see the page
 * the form was on, which is already loaded.
 */
export async function submit(page: Page, action: () => Promise<unknown>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
  await action();
  await navigated;
  await page.waitForLoadState();
}

export interface BrowserStep {
  /** The API key typed on the sign-in page (omit when the session is already signed in). */
  key?: string;
  decision?: 'approve' | 'deny';
  /** Click the identity-provider button instead of typing a key; `idpLogin` completes the IdP's own page. */
  viaIdp?: (page: Page) => Promise<void>;
}

/**
 * Does what the user does in their browser: opens the authorization URL,
 * signs in, approves or denies, and returns the URL the browser was sent
 * back to (the client's redirect URI with code or error). The redirect
 * itself is intercepted, so nothing needs to listen there.
 */
export async function inBrowser(browser: Browser, authorizationUrl: URL | string, redirectPrefix: string, step: BrowserStep) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let callback: string | undefined;
  await page.route(
    (url) => url.href.startsWith(redirectPrefix),
    async (route) => {
      callback = route.request().url();
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the app' });
    },
  );
  try {
    await page.goto(String(authorizationUrl));
    if (step.viaIdp) {
      await step.viaIdp(page);
    } else if (step.key !== undefined) {
      await page.getByLabel('API key').fill(step.key);
      await submit(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    }
    if (!callback) {
      const text = await page.locator('body').innerText();
      if (!/Allow .* to use deskgate\?/.test(text)) return { callback, page: text };
      const consent = text;
      await page.getByRole('button', { name: step.decision === 'deny' ? 'Deny' : 'Allow' }).click();
      await page.waitForURL((url) => url.href.startsWith(redirectPrefix));
      return { callback, page: consent };
    }
    return { callback, page: await page.locator('body').innerText() };
  } finally {
    await context.close();
  }
}
