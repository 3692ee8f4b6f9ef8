import { afterEach, describe, expect, it } from 'vitest';
import { helpdeskManifest } from '../../connectors/helpdesk/index';
import { GENERAL_CATEGORY_ID, helpdeskMigrations } from '../../connectors/helpdesk/migrations';
import { createHelpdeskService } from '../../connectors/helpdesk/service';
import { createAuthStore } from '../../src/auth/store';
import { runMigrations } from '../../src/storage';
import { coreMigrations } from '../../src/storage/core-migrations';
import type { Db } from '../../src/storage/types';
import { connectorServices } from '../support/connector-kit';
import { forEachEngine } from '../support/databases';
import { runTool, silentLog } from '../support/tool-harness';

forEachEngine((engine) => {
  describe('a fresh help desk', () => {
    let db: Db;
    afterEach(() => db?.close());

    it('has one category, General, and a user can file a ticket in it before any admin set-up', async () => {
      db = await engine.open(helpdeskMigrations);
      const users = createAuthStore(db, { cacheTtlMs: 0, log: silentLog });
      const runtime = await helpdeskManifest.start(
        {},
        { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 10_000, minRole: 'user', credentials: 'shared' },
        connectorServices('helpdesk', { db, log: silentLog, users }),
      );
      const { user } = await users.ensureUser({ email: 'new@example.test', name: 'New', role: 'user' });
      const principal = { user, key: { id: 'k1', name: 'k', connectors: undefined, readOnly: false } };

      const listed = await runTool(helpdeskManifest, 'helpdesk_list_categories', {}, { runtime, principal });
      expect(listed.structuredContent).toEqual({ items: [{ id: GENERAL_CATEGORY_ID, name: 'General', types: [] }] });

      const created = await runTool(
        helpdeskManifest,
        'helpdesk_create_ticket',
        { subject: 'Printer', description: 'It jams.', category_id: GENERAL_CATEGORY_ID },
        { runtime, principal },
      );
      expect(created.isError, JSON.stringify(created)).toBeFalsy();

      // Running the migrations again (every start does) adds nothing.
      await runMigrations(db, [...coreMigrations, ...helpdeskMigrations]);
      const count = await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM helpdesk_categories');
      expect(Number(count?.n)).toBe(1);
    });

    it('an upgraded help desk that already has a tree gets no General', async () => {
      db = await engine.open(helpdeskMigrations.filter((m) => m.id < 'helpdesk/003'));
      const users = createAuthStore(db, { cacheTtlMs: 0, log: silentLog });
      const { user: admin } = await users.ensureUser({ email: 'admin@example.test', name: 'Admin', role: 'admin' });
      await createHelpdeskService({ db, users }).catalog.createCategory(admin, { name: 'Hardware' });
      await runMigrations(db, [...coreMigrations, ...helpdeskMigrations]);
      const names = await db.all<{ name: string }>('SELECT name FROM helpdesk_categories');
      expect(names.map((r) => r.name)).toEqual(['Hardware']);
    });
  });
});
