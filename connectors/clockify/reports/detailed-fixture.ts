/**
 * A realistic detailed report for tests: a month of a three-person team,
 * several entries a day, rates with fractions of a cent, long descriptions
 * now and then, answered page by page like the reports API (page/pageSize in
 * the body, totals over the whole range on every page).
 */
const USERS = [
  { id: '5a0ab5acb07987125438b60f', name: 'Alice Moreau', email: 'alice@example.com', rateCents: 9010 },
  { id: '5a0ab5acb07987125438b610', name: 'Bruno Keller', email: 'bruno@example.com', rateCents: 8550 },
  { id: '5a0ab5acb07987125438b611', name: 'Chen Wei', email: 'chen@example.com', rateCents: 7333 },
];
const PROJECTS = [
  { id: '65b1c2d3e4f5a6b7c8d9e001', name: 'Acme website', clientId: '6410a1b2c3d4e5f6a7b8c901', clientName: 'Acme Corp', billable: true },
  { id: '65b1c2d3e4f5a6b7c8d9e002', name: 'Internal', clientId: '', clientName: '', billable: false },
];
const TAGS = [
  { id: '67d1e2f3a4b5c6d7e8f9a001', name: 'meeting' },
  { id: '67d1e2f3a4b5c6d7e8f9a004', name: 'design' },
];
const WORDS = ['Homepage layout', 'Client call', 'Bug triage', 'Sprint planning', 'Accessibility review', 'Checkout flow', 'Code review'];

export interface DetailedFixture {
  entries: Record<string, unknown>[];
  totals: Record<string, unknown>;
  /** The answer the reports API gives for one page of `pageSize`. */
  page(page: number, pageSize: number): Record<string, unknown>;
}

/** Exact sum of cent values that have at most 4 decimals. */
function exactSum(values: number[]): number {
  const total = values.reduce((sum, v) => sum + BigInt(Math.round(v * 10_000)), 0n);
  return Number(total) / 10_000;
}

export function detailedFixture(count: number): DetailedFixture {
  const entries: Record<string, unknown>[] = [];
  const start = Date.UTC(2026, 9, 1, 7, 0, 0); // 2026-10-01 07:00 UTC
  for (let i = 0; i < count; i += 1) {
    const user = USERS[i % USERS.length]!;
    const project = PROJECTS[i % 5 === 4 ? 1 : 0]!;
    const seconds = 900 + ((i * 7919) % 12_600); // 15 min .. 3.75 h, varied to the second
    const begin = start + Math.floor(i / 12) * 86_400_000 + (i % 12) * 1_800_000;
    const billable = project.billable && i % 7 !== 3;
    // rate × time in cents, to 1/10000 of a cent as Clockify's reports may carry fractions.
    const amount = billable ? Math.round((user.rateCents * seconds * 10_000) / 3600) / 10_000 : 0;
    const description = i % 97 === 5 ? `${WORDS[i % WORDS.length]} — ${'notes '.repeat(150)}` : `${WORDS[i % WORDS.length]} #${i + 1}`;
    entries.push({
      _id: `6d01a2b3c4d5e6f7a8${(100_000 + i).toString(16).padStart(6, '0')}`,
      description,
      userId: user.id,
      userName: user.name,
      userEmail: user.email,
      projectId: project.id,
      projectName: project.name,
      projectColor: '#03A9F4',
      clientId: project.clientId,
      clientName: project.clientName,
      taskId: null,
      taskName: null,
      tags: i % 3 === 0 ? [TAGS[i % 2]!] : [],
      billable,
      locked: false,
      approvalRequestId: null,
      timeInterval: {
        start: new Date(begin).toISOString(),
        end: new Date(begin + seconds * 1000).toISOString(),
        duration: seconds,
      },
      rate: billable ? user.rateCents : 0,
      amount,
      earnedRate: billable ? user.rateCents : 0,
      costRate: 4000,
      costAmount: Math.round((4000 * seconds) / 3600),
      customFieldValues: [],
    });
  }
  const earned = exactSum(entries.map((e) => e.amount as number));
  const totals = {
    _id: '',
    totalTime: entries.reduce((s, e) => s + (e.timeInterval as { duration: number }).duration, 0),
    totalBillableTime: entries.filter((e) => e.billable).reduce((s, e) => s + (e.timeInterval as { duration: number }).duration, 0),
    entriesCount: entries.length,
    totalAmount: earned,
    amounts: [{ type: 'EARNED', value: earned, amountByCurrencies: [{ currency: 'EUR', amount: earned }] }],
  };
  return {
    entries,
    totals,
    page(page, pageSize) {
      return { totals: [totals], timeentries: entries.slice((page - 1) * pageSize, page * pageSize) };
    },
  };
}
