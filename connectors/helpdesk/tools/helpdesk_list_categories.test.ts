import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { GENERAL_CATEGORY_ID } from '../migrations';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

forEachEngine((engine) => {
  describe('helpdesk_list_categories', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    const list = (who: AuthUser) =>
      runTool(helpdeskManifest, 'helpdesk_list_categories', {}, { runtime: w.runtime, principal: w.principal(who) });

    it('gives every role the active tree with ids', async () => {
      const result = await list(w.users.alice);
      expect(result.structuredContent).toEqual({
        items: [
          { id: w.categories.facilities.id, name: 'Facilities', types: [
            { id: w.categories.office.id, name: 'Office', items: [] },
            { id: w.categories.parking.id, name: 'Parking', items: [] },
          ] },
          // The starter category every fresh install has.
          { id: GENERAL_CATEGORY_ID, name: 'General', types: [] },
          { id: w.categories.hardware.id, name: 'Hardware', types: [
            { id: w.categories.laptop.id, name: 'Laptop', items: [{ id: w.categories.battery.id, name: 'Battery' }] },
          ] },
        ],
      });
    });

    it('hides deactivated entries', async () => {
      await w.runtime.service.catalog.updateCategory(w.users.admin, w.categories.parking.id, { is_active: false });
      const names = JSON.stringify((await list(w.users.it)).structuredContent);
      expect(names).not.toContain('Parking');
    });
  });
});
