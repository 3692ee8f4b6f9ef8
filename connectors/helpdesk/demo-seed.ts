import type { AuthUser, Role } from '../../src/auth/types';
import type { HelpdeskRuntime } from './runtime';
import { createHelpdeskService } from './service';
import type { Priority } from './schemas';
import { seededRandom } from './seeded-random';

const MARKER = 'demo_seeded_at';
const DAY_MS = 24 * 60 * 60 * 1000;

const PEOPLE: { email: string; name: string; role: Role }[] = [
  { email: 'ada.admin@demo.deskgate.test', name: 'Ada Admin', role: 'admin' },
  { email: 'sam.it@demo.deskgate.test', name: 'Sam Ortega', role: 'staff' },
  { email: 'priya.it@demo.deskgate.test', name: 'Priya Natarajan', role: 'staff' },
  { email: 'tom.facilities@demo.deskgate.test', name: 'Tom Becker', role: 'staff' },
  { email: 'lena.user@demo.deskgate.test', name: 'Lena Fischer', role: 'user' },
  { email: 'marco.user@demo.deskgate.test', name: 'Marco Rossi', role: 'user' },
  { email: 'yuki.user@demo.deskgate.test', name: 'Yuki Tanaka', role: 'user' },
  { email: 'fatima.user@demo.deskgate.test', name: 'Fatima Diallo', role: 'user' },
];

const TREE: Record<string, Record<string, string[]>> = {
  Hardware: { Laptop: ['Battery', 'Screen', 'Keyboard'], Printer: ['Paper jam', 'Toner'], Monitor: [] },
  Software: { Email: ['Outlook', 'Mobile mail'], VPN: [], 'Office suite': [] },
  Access: { Accounts: ['Password reset', 'New account'], Permissions: [] },
  Facilities: { Office: ['Heating', 'Lighting'], 'Meeting rooms': [] },
};

/** [category, type, item, subject, description] */
const PROBLEMS: [string, string | null, string | null, string, string][] = [
  ['Hardware', 'Laptop', 'Battery', 'Laptop battery drains in an hour', 'Since the last update my laptop goes from 100% to 0% in about an hour, even when idle.'],
  ['Hardware', 'Laptop', 'Screen', 'Flickering laptop screen', 'The screen flickers when I open the lid past 90 degrees. It started after I dropped my bag.'],
  ['Hardware', 'Laptop', 'Keyboard', 'Keys E and R stopped working', 'Two keys on my keyboard do nothing. I tried an external keyboard and that works.'],
  ['Hardware', 'Printer', 'Paper jam', 'Printer on floor 2 jams every job', 'The printer by the kitchen jams on every print job. Tray 2 makes a grinding noise.'],
  ['Hardware', 'Printer', 'Toner', 'Toner low on the colour printer', 'The colour printer says toner is low and prints everything pale.'],
  ['Hardware', 'Monitor', null, 'Second monitor not detected', 'My second monitor shows "no signal" when docked. The cable looks fine.'],
  ['Software', 'Email', 'Outlook', 'Outlook keeps asking for my password', 'Outlook prompts for my password every few minutes since Monday.'],
  ['Software', 'Email', 'Mobile mail', 'No email on my phone', 'Mail on my phone stopped syncing yesterday; calendar still works.'],
  ['Software', 'VPN', null, 'VPN disconnects every 10 minutes', 'Working from home, the VPN drops every ten minutes and I lose my remote session.'],
  ['Software', 'Office suite', null, 'Spreadsheet crashes when opening large file', 'The quarterly report spreadsheet crashes the app as soon as I open it.'],
  ['Access', 'Accounts', 'Password reset', 'Locked out after password change', 'I changed my password and now my account is locked on every system.'],
  ['Access', 'Accounts', 'New account', 'Account for new starter on Monday', 'Please create an account for our new designer starting Monday, same access as me.'],
  ['Access', 'Permissions', null, 'Need access to the finance share', 'I need read access to the finance shared drive for the audit.'],
  ['Facilities', 'Office', 'Heating', 'Meeting area is freezing', 'The heating in the open-plan area on floor 3 has been off all week.'],
  ['Facilities', 'Office', 'Lighting', 'Lights flicker above my desk', 'The ceiling light above desk 3.14 flickers constantly and gives me a headache.'],
  ['Facilities', 'Meeting rooms', null, 'Projector in room Aurora is broken', 'The projector in Aurora shows a blue screen and no input is detected.'],
];

const USER_FOLLOW_UPS = [
  'Any update on this? It is blocking my work.',
  'I tried restarting as suggested, same problem.',
  'Thanks, that fixed it!',
  'It happened again this morning.',
];
const STAFF_REPLIES = [
  'Thanks for reporting this. Could you send a photo or a screenshot?',
  'I have ordered a replacement part; it should arrive in two days.',
  'Please try restarting and let us know if it persists.',
  'This should be fixed now. Please confirm.',
];
const INTERNAL_NOTES = [
  'Same issue as last month on this model: likely the known firmware bug.',
  'Waiting on the vendor; ticket number with them is in the shared sheet.',
  'User has had three of these this quarter: consider a replacement device.',
  'Needs manager approval before we grant this.',
];
const PRIORITY_CYCLE: Priority[] = ['Medium', 'High', 'Low', 'Medium', 'Critical', 'Medium', 'High', 'Low'];


/**
 * `deskgate helpdesk seed-demo`: users of each role with API keys, two
 * groups with scopes, a category tree and 50 tickets with threads, so a
 * newcomer can try every tool at once. Refuses a second run: the keys are
 * only printed once and a re-seed would duplicate tickets.
 */
export async function seedDemo(runtime: HelpdeskRuntime, _argv: string[], print: (line: string) => void): Promise<void> {
  const { db, users } = runtime;
  const seeded = await db.get<{ value: string }>('SELECT value FROM helpdesk_settings WHERE name = ?', [MARKER]);
  if (seeded) {
    print(`The demo data was already loaded on ${seeded.value}; nothing changed.`);
    print('Its API keys were printed then. Make a new one with: npx deskgate keys create --email lena.user@demo.deskgate.test --role user --name demo');
    return;
  }

  const people: AuthUser[] = [];
  const keys: { user: AuthUser; secret: string }[] = [];
  for (const person of PEOPLE) {
    const { user } = await users.ensureUser(person);
    people.push(user);
    const { secret } = await users.createKey({ userId: user.id, name: 'demo key (seed-demo)' });
    keys.push({ user, secret });
  }
  const byEmail = (prefix: string) => people.find((p) => p.email.startsWith(prefix))!;
  const admin = byEmail('ada');
  const itStaff = [byEmail('sam'), byEmail('priya')];
  const facilitiesStaff = byEmail('tom');
  const endUsers = people.filter((p) => p.role === 'user');

  // A clock the seed moves by hand, so tickets spread over the last 40 days.
  let clock = new Date(Date.now() - 40 * DAY_MS);
  const service = createHelpdeskService({ db, users, now: () => clock });

  const ids = new Map<string, string>();
  for (const [category, types] of Object.entries(TREE)) {
    const c = await service.catalog.createCategory(admin, { name: category });
    ids.set(category, c.id);
    for (const [type, items] of Object.entries(types)) {
      const t = await service.catalog.createCategory(admin, { name: type, parent_id: c.id });
      ids.set(`${category}/${type}`, t.id);
      for (const item of items) {
        const i = await service.catalog.createCategory(admin, { name: item, parent_id: t.id });
        ids.set(`${category}/${type}/${item}`, i.id);
      }
    }
  }

  const it = await service.groups.create(admin, { name: 'IT Support' });
  await service.groups.setMembers(admin, it.id, itStaff.map((s) => s.id));
  await service.groups.addScope(admin, it.id, { category_id: ids.get('Hardware')! });
  await service.groups.addScope(admin, it.id, { category_id: ids.get('Software')! });
  await service.groups.addScope(admin, it.id, { category_id: ids.get('Access')!, type_id: ids.get('Access/Accounts')! });
  const facilities = await service.groups.create(admin, { name: 'Facilities' });
  await service.groups.setMembers(admin, facilities.id, [facilitiesStaff.id]);
  await service.groups.addScope(admin, facilities.id, { category_id: ids.get('Facilities')! });

  const statuses = await service.catalog.listStatuses();
  const statusOf = (kind: string) => statuses.find((s) => s.kind === kind)!.id;
  const random = seededRandom(42);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const advance = (hours: number) => {
    clock = new Date(Math.min(clock.getTime() + hours * 60 * 60 * 1000, Date.now()));
  };

  const TICKETS = 50;
  for (let n = 0; n < TICKETS; n++) {
    clock = new Date(Date.now() - (40 - (n * 39) / TICKETS) * DAY_MS);
    const [category, type, item, subject, description] = PROBLEMS[n % PROBLEMS.length]!;
    const submitter = endUsers[n % endUsers.length]!;
    const staff = category === 'Facilities' ? facilitiesStaff : pick(itStaff);
    const ticket = await service.tickets.create(submitter, {
      subject: n < PROBLEMS.length ? subject : `${subject} (again)`,
      description,
      category_id: ids.get(category)!,
      type_id: type ? ids.get(`${category}/${type}`) : null,
      item_id: item ? ids.get(`${category}/${type}/${item}`) : null,
      priority: PRIORITY_CYCLE[n % PRIORITY_CYCLE.length],
    });
    const stage = n % 10; // 0-1 new, 2-3 in progress, 4 pending, 5-7 resolved, 8-9 closed
    if (stage === 0) continue;
    advance(2);
    if (stage === 1) {
      await service.tickets.assign(admin, { ticket_id: ticket.id, group_id: category === 'Facilities' ? facilities.id : it.id });
      continue;
    }
    await service.tickets.assign(admin, { ticket_id: ticket.id, assignee_id: staff.id });
    await service.tickets.updateStatus(staff, { ticket_id: ticket.id, status_id: statusOf('in_progress') });
    advance(1);
    await service.tickets.reply(staff, { ticket_id: ticket.id, body: pick(STAFF_REPLIES) });
    advance(3);
    await service.tickets.reply(staff, { ticket_id: ticket.id, body: pick(INTERNAL_NOTES), is_internal: true });
    if (stage <= 3) {
      advance(20);
      await service.tickets.reply(submitter, { ticket_id: ticket.id, body: pick(USER_FOLLOW_UPS) });
      continue;
    }
    if (stage === 4) {
      await service.tickets.updateStatus(staff, { ticket_id: ticket.id, status_id: statusOf('pending') });
      continue;
    }
    advance(24);
    await service.tickets.reply(submitter, { ticket_id: ticket.id, body: 'Thanks, that fixed it!' });
    await service.tickets.updateStatus(staff, { ticket_id: ticket.id, status_id: statusOf('resolved') });
    if (stage >= 8) {
      advance(24 * 8);
      await service.tickets.updateStatus(admin, { ticket_id: ticket.id, status_id: statusOf('closed') });
    }
  }

  // Two "again" tickets point at their first occurrence.
  const firstVpn = await db.get<{ id: string }>("SELECT id FROM helpdesk_tickets WHERE subject = ? ORDER BY id LIMIT 1", [
    'VPN disconnects every 10 minutes',
  ]);
  const againVpn = await db.get<{ id: string }>("SELECT id FROM helpdesk_tickets WHERE subject = ? ORDER BY id LIMIT 1", [
    'VPN disconnects every 10 minutes (again)',
  ]);
  if (firstVpn && againVpn) {
    await service.tickets.link(admin, { ticket_id: againVpn.id, linked_ticket_id: firstVpn.id, relation: 'related' });
  }

  await db.run('INSERT INTO helpdesk_settings (name, value) VALUES (?, ?)', [MARKER, new Date().toISOString()]);

  print(`Loaded ${people.length} people, 2 groups, a category tree and ${TICKETS} tickets.`);
  print('API keys (shown only now; put one in your MCP client as "Authorization: Bearer <key>"):');
  for (const { user, secret } of keys) {
    print(`  ${user.role.padEnd(5)}  ${user.name.padEnd(16)}  ${user.email.padEnd(36)}  ${secret}`);
  }
}
