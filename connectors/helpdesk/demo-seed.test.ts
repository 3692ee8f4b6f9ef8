import { connectorServices } from '../../tests/support/connector-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthStore } from '../../src/auth/store';
import type { Db } from '../../src/storage/types';
import { forEachEngine } from '../../tests/support/databases';
import { runTool, silentLog } from '../../tests/support/tool-harness';
import { helpdeskManifest } from './index';
import type { HelpdeskRuntime } from './runtime';

forEachEngine((engine) => {
  describe('deskgate helpdesk seed-demo', () => {
    let db: Db;
    let runtime: HelpdeskRuntime;
    let store: ReturnType<typeof createAuthStore>;
    beforeEach(async () => {
      db = await engine.open(helpdeskManifest.migrations);
      store = createAuthStore(db, { cacheTtlMs: 0, log: silentLog });
      runtime = await helpdeskManifest.start(
        {},
        { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 10_000, minRole: 'user', credentials: 'shared' },
        connectorServices('helpdesk', { db, log: silentLog, users: store }),
      );
    });
    afterEach(() => db.close());

    it('prints working keys for each role, and a user key sees only that user\'s demo tickets', async () => {
      const lines: string[] = [];
      await helpdeskManifest.commands!['seed-demo']!.run(runtime, [], (line) => lines.push(line));
      const keys = lines.map((line) => /^\s+(user|staff|admin)\s.*\s(\S+)$/.exec(line)).filter((m) => m !== null);
      expect(new Set(keys.map((m) => m[1]))).toEqual(new Set(['user', 'staff', 'admin']));

      const userKey = keys.find((m) => m[1] === 'user')![2]!;
      const principal = (await store.authenticate(userKey))!;
      const mine = await runTool(helpdeskManifest, 'helpdesk_list_tickets', { include_closed: true, limit: 100 }, { runtime, principal });
      const items = (mine.structuredContent as { items: { submitter: { id: string } }[] }).items;
      expect(items.length).toBeGreaterThan(5);
      expect(items.every((t) => t.submitter.id === principal.user.id)).toBe(true);

      const admin = (await store.authenticate(keys.find((m) => m[1] === 'admin')![2]!))!;
      const all = await runtime.service.tickets.list(admin.user, { include_closed: true, limit: 100 });
      expect(all.items).toHaveLength(50);
      const notes = await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM helpdesk_replies WHERE is_internal = 1');
      expect(Number(notes?.n)).toBeGreaterThan(10);
    });

    it('refuses a second run without touching the data', async () => {
      await helpdeskManifest.commands!['seed-demo']!.run(runtime, [], () => {});
      const lines: string[] = [];
      await helpdeskManifest.commands!['seed-demo']!.run(runtime, [], (line) => lines.push(line));
      expect(lines.join('\n')).toContain('already loaded');
      const tickets = await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM helpdesk_tickets');
      expect(Number(tickets?.n)).toBe(50);
    });
  });
});
