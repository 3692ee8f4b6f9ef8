import { z } from 'zod';
import { defineTool } from '../runtime';
import { byIdPath, externalIdArg, idArg, oneId } from '../shapes';
import { isRecord, missing, onedeskGet } from '../vendor';
import { toWorklog, worklogOut } from '../worklogs';

export const onedeskGetTimesheet = defineTool({
  name: 'onedesk_get_timesheet',
  title: 'Get a OneDesk timesheet (worklog)',
  description: [
    'Gets one OneDesk timesheet entry (a worklog): item, user, start, finish, duration, billable, comment.',
    'Ids come from onedesk_list_worklogs or onedesk_create_worklog.',
    'Example: onedesk_get_timesheet {"id": 501}',
    'Read-only.',
  ].join('\n'),
  toolset: 'worklogs',
  input: z.strictObject({ id: idArg, external_id: externalIdArg }),
  output: z.object({ worklog: worklogOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const pick = oneId(args, 'onedesk_get_timesheet');
    const data = await onedeskGet(ctx, byIdPath('timesheets', pick), 'get timesheet');
    if (!isRecord(data)) throw missing('the timesheet', 'get timesheet');
    return { worklog: toWorklog(data) };
  },
});
