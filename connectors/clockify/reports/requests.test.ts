import { describe, expect, it } from 'vitest';
import { resolveReportRange } from './range';
import { detailedReportBody, expenseReportBody, summaryReportBody, weeklyReportBody } from './requests';

const range = resolveReportRange('2024-03-04', '2024-03-10', { timeZone: 'Europe/Riga', now: new Date('2024-03-12T00:00:00Z') });

describe('report request bodies', () => {
  it('summary: up to three groups upper-cased, filters as CONTAINS id lists, zone and local range', () => {
    expect(summaryReportBody(range, { project_ids: ['p1', 'p1', 'p2'], group_ids: ['g1'], billable: true }, ['project', 'user', 'date'])).toEqual({
      dateRangeStart: '2024-03-04T00:00:00.000',
      dateRangeEnd: '2024-03-10T23:59:59.999',
      timeZone: 'Europe/Riga',
      exportType: 'JSON',
      projects: { ids: ['p1', 'p2'], contains: 'CONTAINS', status: 'ALL' },
      userGroups: { ids: ['g1'], contains: 'CONTAINS', status: 'ALL' },
      billable: true,
      summaryFilter: { groups: ['PROJECT', 'USER', 'DATE'], sortColumn: 'GROUP' },
    });
  });

  it('detailed pages inside the body; weekly groups by user or project; expense has no tag filter', () => {
    expect(detailedReportBody(range, { tag_ids: [] }, 3)).toMatchObject({
      detailedFilter: { page: 3, pageSize: 200 },
    });
    expect(detailedReportBody(range, { tag_ids: [] }, 1)).not.toHaveProperty('tags');
    expect(weeklyReportBody(range, { user_ids: ['u1'] }, 'project')).toMatchObject({
      users: { ids: ['u1'] },
      weeklyFilter: { group: 'PROJECT', subgroup: 'TIME' },
    });
    const expense = expenseReportBody(range, { tag_ids: ['t1'], client_ids: ['c1'] }, 2);
    expect(expense).toMatchObject({ page: 2, pageSize: 200, clients: { ids: ['c1'] } });
    expect(expense).not.toHaveProperty('tags');
  });
});
