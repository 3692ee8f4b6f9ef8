import { afterEach, beforeEach, expect, it } from 'vitest';
import pino from 'pino';
import { createAuditLog, type AuditLog } from '../../src/audit/log';
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
});
