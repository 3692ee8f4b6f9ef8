import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { decodeTime } from 'ulid';
import { auditIdFactory, createAuditLog, type AuditLog } from '../../src/audit/log';
import type { Db } from '../../src/storage/types';
import { forEachEngine } from '../support/databases';

/** The audit store on both engines: batched writes, filters and pages, retention. */
forEachEngine((engine) => {
  let db: Db;
  let audit: AuditLog;
  beforeEach(async () => {
    db = await engine.open();
    audit = createAuditLog(db, { retentionDays: 90, log: pino({ level: 'silent' }), flushMs: 3_600_000, pruneEveryMs: 0 });
  });
  afterEach(async () => {
    await audit.close();
    await db.close();
  });

  const count = async () => Number((await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_events'))!.n);

  it('buffers records until a flush, then writes them all, newest first, in pages', async () => {
    for (let i = 0; i < 450; i++) {
      audit.record({ kind: 'tool_call', action: i % 3 ? 'helpdesk_get_ticket' : 'clockify_log_time', outcome: i % 5 ? 'ok' : 'not_found', userId: `u${i % 2}`, userEmail: `P${i % 2}@Example.test`, connector: i % 3 ? 'helpdesk' : 'clockify', durationMs: 1.234 });
    }
    expect(await count()).toBe(0);
    await audit.flush();
    expect(await count()).toBe(450);

    const first = await audit.list({ tool: 'clockify_log_time' }, { limit: 100 });
    expect(first.items).toHaveLength(100);
    const second = await audit.list({ tool: 'clockify_log_time' }, { limit: 100, cursor: first.next_cursor! });
    expect(second.items).toHaveLength(50);
    expect(second.next_cursor).toBeNull();
    const ids = [...first.items, ...second.items].map((r) => r.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(first.items[0]!.duration_ms).toBe(1.2);

    expect((await audit.list({ user: 'p1@example.test', outcome: 'error' }, { limit: 500 })).items.every((r) => r.user_id === 'u1' && r.outcome !== 'ok')).toBe(true);
    expect((await audit.list({ connector: 'clockify', outcome: 'not_found' }, { limit: 500 })).items).toHaveLength(30);
  });

  it('prunes records older than the retention and keeps the rest', async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    audit.record({ kind: 'sign_in', action: 'POST /mcp', outcome: 'unauthenticated', at: new Date('2026-09-01T00:00:00Z') });
    audit.record({ kind: 'sign_in', action: 'POST /mcp', outcome: 'unauthenticated', at: new Date('2026-09-08T12:00:01Z') });
    await audit.flush();
    expect(await audit.prune(now)).toBe(1);
    const left = await audit.list({}, {});
    expect(left.items.map((r) => r.at)).toEqual(['2026-09-08T12:00:01.000Z']);
    expect((await audit.list({ since: '2026-09-08T12:00:02.000Z' })).items).toEqual([]);
    expect((await audit.list({ until: '2026-09-08T12:00:02.000Z' })).items).toHaveLength(1);
  });

  it('writes every record of a burst on a clean close, in the order they were recorded', async () => {
    // 2,347 records: several statements of every batch size, in one flush at close.
    const burst = 2347;
    for (let i = 0; i < burst; i++) audit.record({ kind: 'tool_call', action: 'helpdesk_get_ticket', outcome: 'ok', requestId: `req-${i}`, targets: { ticket_id: String(i) } });
    await audit.close();
    expect(await count()).toBe(burst);
    const reader = createAuditLog(db, { retentionDays: 90, log: pino({ level: 'silent' }), pruneEveryMs: 0 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reader.list({}, { limit: 500, cursor });
      seen.push(...page.items.map((r) => r.request_id!));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    await reader.close();
    // Newest first: records made within one millisecond keep their order too.
    expect(seen).toEqual(Array.from({ length: burst }, (_, i) => `req-${burst - 1 - i}`));
  });
});

describe('audit record ids', () => {
  it('are ULIDs that carry the time and sort in the order they were made, within a millisecond too', () => {
    const next = auditIdFactory();
    const at = Date.UTC(2026, 11, 6, 12, 0, 0);
    const ids = [next(at), next(at), next(at), next(at + 1), next(at + 1), next(at - 5)];
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ids.map((id) => decodeTime(id))).toEqual([at, at, at, at + 1, at + 1, at + 1]);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Two processes starting in the same millisecond do not make the same ids.
    expect(auditIdFactory()(at)).not.toBe(auditIdFactory()(at));
  });
});

describe('the audit stream', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('streams each record as the JSON line the API shows for it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskgate-audit-stream-'));
    const file = join(dir, 'audit.jsonl');
    const { openDatabase, runMigrations } = await import('../../src/storage');
    const { coreMigrations } = await import('../../src/storage/core-migrations');
    const db = await openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    await runMigrations(db, coreMigrations);
    const audit = createAuditLog(db, { retentionDays: 90, log: pino({ level: 'silent' }), stream: `file:${file}`, pruneEveryMs: 0 });
    audit.record({
      kind: 'tool_call',
      action: 'helpdesk_update_ticket',
      outcome: 'ok',
      userId: 'u1',
      userEmail: 'p@example.test',
      keyId: 'k1',
      connector: 'helpdesk',
      targets: { ticket_id: 'T-1' },
      args: { ticket_id: 'T-1', status: 'closed' },
      actedAs: { vendor_user: 'p@example.test' },
      durationMs: 12.345,
      requestId: 'req-1',
    });
    audit.record({ kind: 'sign_in', action: 'POST /mcp', outcome: 'unauthenticated', address: '127.0.0.1', actedAs: { huge: 'x'.repeat(2000) } });
    const listed = (await audit.list({})).items.reverse();
    await audit.close();
    await db.close();
    const streamed = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(streamed).toEqual(listed);
    expect(listed[0]).toMatchObject({ targets: { ticket_id: 'T-1' }, args: { ticket_id: 'T-1', status: 'closed' }, acted_as: { vendor_user: 'p@example.test' }, duration_ms: 12.3, key_id: 'k1' });
    expect(listed[1]).toMatchObject({ acted_as: { truncated: true }, targets: null, args: null, user_id: null });
  });
});
