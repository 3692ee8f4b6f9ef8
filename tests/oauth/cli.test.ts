import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthStore } from '../../src/auth/store';
import { DbAdapter } from '../../src/oauth/adapter';
import { createGrantStore } from '../../src/oauth/grants';
import { openDatabase, runMigrations } from '../../src/storage';
import { coreMigrations } from '../../src/storage/core-migrations';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'deskgate.js');

function deskgate(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('deskgate grants', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskgate-grants-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };
    const db = await openDatabase(env.DATABASE_URL!);
    await runMigrations(db, coreMigrations);
    const auth = createAuthStore(db);
    const ada = (await auth.ensureUser({ email: 'ada@example.com', name: 'Ada', role: 'staff' })).user;
    const bob = (await auth.ensureUser({ email: 'bob@example.com', name: 'Bob', role: 'user' })).user;
    const grants = createGrantStore(db);
    await grants.record({ id: 'grant-ada-claude', userId: ada.id, keyId: undefined, clientId: 'c1', clientName: 'Claude', scopes: ['mcp'] });
    await grants.record({ id: 'grant-bob-chatgpt', userId: bob.id, keyId: undefined, clientId: 'c2', clientName: 'ChatGPT', scopes: ['mcp:read'] });
    // oidc-provider's own grant rows, as consent saves them (a grant without a live one has lapsed and is not listed).
    for (const id of ['grant-ada-claude', 'grant-bob-chatgpt']) await new DbAdapter(db, 'Grant').upsert(id, { accountId: `u.${id}` }, 3600);
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists one row per grant: id, user, client, scopes, created, last used; --email narrows it', async () => {
    const all = await deskgate(['grants', 'list'], env);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/id\s+user\s+client\s+scopes\s+created\s+last used/);
    expect(all.stdout).toMatch(/grant-ada-claude\s+ada@example.com\s+Claude\s+mcp\s/);
    expect(all.stdout).toMatch(/grant-bob-chatgpt\s+bob@example.com\s+ChatGPT\s+mcp:read\s/);
    const bobs = await deskgate(['grants', 'list', '--email', 'bob@example.com'], env);
    expect(bobs.stdout).toContain('grant-bob-chatgpt');
    expect(bobs.stdout).not.toContain('grant-ada-claude');
  });

  it('revokes a grant once; it leaves the list', async () => {
    const revoked = await deskgate(['grants', 'revoke', 'grant-ada-claude'], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked grant grant-ada-claude');
    expect((await deskgate(['grants', 'list'], env)).stdout).not.toContain('grant-ada-claude');
    const again = await deskgate(['grants', 'revoke', 'grant-ada-claude'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('No active grant with id grant-ada-claude');
  });
});
