import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { createEntry, createFields, createOutput } from './time-entry-create';

export const clockifyCreateTimeEntry = defineTool({
  name: 'clockify_create_time_entry',
  title: 'Log time or start a timer',
  description: [
    'Logs your time (start + end or duration). Neither: starts a timer, stopping your running one.',
    'Example: clockify_create_time_entry {"start": "yesterday 14:00", "duration": "1h30m", "project": "Acme website", "task": "Design"}',
  ].join('\n'),
  toolset: 'time_entries',
  input: z.strictObject({ ...createFields, workspace_id: workspaceIdArg }),
  output: createOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    // "Me" is the caller's own member (src/identity); another member than the key's owner goes through the for-user endpoint.
    const { user, actedAs, forOther } = await ctx.runtime.acting(ctx);
    return { ...(await createEntry(ctx, ws, args, user, forOther)), acted_as: actedAs };
  },
});
