import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';

export const clockifyGetCurrentUser = defineTool({
  name: 'clockify_get_current_user',
  title: 'Who am I in Clockify',
  description: 'The Clockify user the gateway acts as for you ("me"; acted_as says how), with time zone and default workspace.\nExample: clockify_get_current_user {}',
  toolset: 'workspace',
  input: z.strictObject({ workspace_id: workspaceIdArg }),
  output: z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    time_zone: z.string(),
    workspace_id: z.string(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    return {
      id: me.id,
      name: me.name,
      email: me.email,
      time_zone: me.timeZone,
      workspace_id: ws,
      acted_as: actedAs,
    };
  },
});
