import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { amountArg, currencyArg, toCents } from '../money';
import { vendorWorkspace, workspaceIdArg } from '../schemas';
import { parseTimeInput } from '../time';
import { toWorkspace, workspaceOut } from './workspace-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifySetWorkspaceHourlyRate = defineTool({
  name: 'clockify_set_workspace_hourly_rate',
  title: 'Set the workspace hourly rate',
  description: 'Sets the default billable rate for the whole workspace, from since (default: now) on.\nExample: clockify_set_workspace_hourly_rate {"amount": 85.5, "currency": "EUR"}',
  toolset: 'workspace',
  minRole: 'admin',
  input: z.strictObject({
    amount: amountArg,
    currency: currencyArg,
    since: z.string().optional().describe('Applies to entries from this time (ISO); default: now.'),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ workspace: workspaceOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const cents = toCents(args.amount);
    const currency = args.currency ?? (await ctx.runtime.workspace(ctx, ws)).currency;
    if (!currency) {
      throw invalidArgument('Clockify does not say which currency this workspace uses.', {
        connector: CONNECTOR,
        fields: [{ field: 'currency', problem: 'required: the workspace currency is unknown' }],
        hint: 'Pass currency (e.g. "EUR") and call again.',
      });
    }
    const body: Record<string, unknown> = { amount: cents, currency };
    if (args.since) {
      const me = await ctx.runtime.me(ctx, ws);
      body.since = parseTimeInput(args.since, me.timeZone, ctx.runtime.now(), 'since').toISOString().replace('.000Z', 'Z');
    }
    const raw = await ctx.runtime.api.call(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/hourly-rate', { workspace_id: ws }), vendorWorkspace, { operation: 'set workspace hourly rate', body });
    return { workspace: toWorkspace(raw) };
  },
});
