import { principalFor, routeDepsFor } from '../../src/http/auth';
import { ToolRegistry } from '../../src/registry/registry';
import type { CommonConnectorConfig, ConnectorManifest, RouteDeps } from '../../src/registry/types';
import { connectorServices } from '../../tests/support/connector-kit';
import type { AuthUser, Principal, Role } from '../../src/auth/types';
import { createAuthStore } from '../../src/auth/store';
import type { Db } from '../../src/storage/types';
import type { TestEngine } from '../../tests/support/databases';
import { silentLog } from '../../tests/support/tool-harness';
import { helpdeskManifest } from './index';
import type { HelpdeskRuntime } from './runtime';
import { createHelpdeskService } from './service';

/**
 * A small help desk world for tests, built through the real service layer on
 * a real database:
 * - IT group (staff `it`) scoped to Hardware; Facilities group (staff `fac`)
 *   scoped to Facilities > Office only; `loner` is staff in no group.
 * - alice's Hardware ticket (a public staff reply and an internal note) and
 *   bob's Facilities > Office ticket (an internal note).
 */
export async function openHelpdeskWorld(engine: TestEngine, options: { now?: () => Date } = {}) {
  const db: Db = await engine.open(helpdeskManifest.migrations);
  const store = createAuthStore(db, { cacheTtlMs: 0, log: silentLog });
  const runtime: HelpdeskRuntime = await helpdeskManifest.start(
    {},
    { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 10_000, minRole: 'user', credentials: 'shared' },
    connectorServices('helpdesk', { db, log: silentLog, users: store }),
  );
  if (options.now) runtime.service = createHelpdeskService({ db, users: store, now: options.now });
  const service = runtime.service;

  const person = async (name: string, role: Role): Promise<AuthUser> =>
    (await store.ensureUser({ email: `${name}@example.test`, name: name[0]!.toUpperCase() + name.slice(1), role })).user;
  const users = {
    admin: await person('admin', 'admin'),
    it: await person('ivan', 'staff'),
    fac: await person('fiona', 'staff'),
    loner: await person('lou', 'staff'),
    alice: await person('alice', 'user'),
    bob: await person('bob', 'user'),
  };

  const admin = users.admin;
  const hardware = await service.catalog.createCategory(admin, { name: 'Hardware' });
  const laptop = await service.catalog.createCategory(admin, { name: 'Laptop', parent_id: hardware.id });
  const battery = await service.catalog.createCategory(admin, { name: 'Battery', parent_id: laptop.id });
  const facilities = await service.catalog.createCategory(admin, { name: 'Facilities' });
  const office = await service.catalog.createCategory(admin, { name: 'Office', parent_id: facilities.id });
  const parking = await service.catalog.createCategory(admin, { name: 'Parking', parent_id: facilities.id });

  const itGroup = await service.groups.create(admin, { name: 'IT' });
  await service.groups.setMembers(admin, itGroup.id, [users.it.id]);
  await service.groups.addScope(admin, itGroup.id, { category_id: hardware.id });
  const facGroup = await service.groups.create(admin, { name: 'Facilities team' });
  await service.groups.setMembers(admin, facGroup.id, [users.fac.id]);
  await service.groups.addScope(admin, facGroup.id, { category_id: facilities.id, type_id: office.id });

  const aliceTicket = await service.tickets.create(users.alice, {
    subject: 'Laptop battery dies',
    description: 'My laptop battery lasts ten minutes.',
    category_id: hardware.id,
    type_id: laptop.id,
    item_id: battery.id,
    priority: 'High',
  });
  await service.tickets.reply(users.it, { ticket_id: aliceTicket.id, body: 'Please try another charger.' });
  await service.tickets.reply(users.it, { ticket_id: aliceTicket.id, body: 'SECRET-NOTE: battery recall list', is_internal: true });

  const bobTicket = await service.tickets.create(users.bob, {
    subject: 'Office too cold',
    description: 'The heating on floor 2 is off.',
    category_id: facilities.id,
    type_id: office.id,
  });
  await service.tickets.reply(users.fac, { ticket_id: bobTicket.id, body: 'SECRET-NOTE: boiler contract expired', is_internal: true });

  const statuses = await service.catalog.listStatuses();
  const status = (kind: string) => statuses.find((s) => s.kind === kind)!;

  return {
    db,
    store,
    runtime,
    users,
    categories: { hardware, laptop, battery, facilities, office, parking },
    groups: { it: itGroup, facilities: facGroup },
    tickets: { alice: aliceTicket, bob: bobTicket },
    status,
    principal: (user: AuthUser): Principal => ({
      user,
      key: { id: `key-${user.id}`, name: 'test key', connectors: undefined, readOnly: false },
    }),
  };
}

export type HelpdeskWorld = Awaited<ReturnType<typeof openHelpdeskWorld>>;

/**
 * RouteDeps as the gateway builds them for /api/helpdesk: the key store and
 * the one access policy (a registry of the help desk under `common`).
 */
export function helpdeskRouteDeps(w: HelpdeskWorld, common: Partial<CommonConnectorConfig> = {}, globalReadOnly = false): RouteDeps {
  const registry = new ToolRegistry(
    [
      {
        manifest: helpdeskManifest as unknown as ConnectorManifest<unknown, unknown>,
        config: {},
        common: { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 10_000, minRole: 'user', credentials: 'shared', ...common },
      },
    ],
    globalReadOnly,
  );
  return routeDepsFor((header) => principalFor(w.store, header), registry, silentLog, 'helpdesk');
}
