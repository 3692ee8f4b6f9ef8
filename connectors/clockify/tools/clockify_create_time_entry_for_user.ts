import { z } from 'zod';
import { notFound } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { personId, personIdArg } from './object-names';
import { createEntry, createFields, createOutput } from './time-entry-create';

export const clockifyCreateTimeEntryForUser = defineTool({
  name: 'clockify_create_time_entry_for_user',
  title: 'Log time for another user',
  description: [
    "clockify_create_time_entry for another member; local times in their zone.",
    'Example: clockify_create_time_entry_for_user {"user_id": "Bob", "start": "2024-03-14 09:00", "duration": "1h"}',
  ].join('\n'),
  toolset: 'time_entries',
  minRole: 'admin',
  input: z.strictObject({ user_id: personIdArg, ...createFields, workspace_id: workspaceIdArg }),
  output: createOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const user = await ctx.runtime.member(ctx, ws, await personId(ctx, ws, args.user_id, 'user_id'));
    if (!user) {
      throw notFound('No member of this workspace has that user_id.', {
        connector: CONNECTOR,
        hint: 'Call clockify_list_users for member ids.',
        alternatives: ['clockify_list_users'],
      });
    }
    return createEntry(ctx, ws, args, user, true);
  },
});
