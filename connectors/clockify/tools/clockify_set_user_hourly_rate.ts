import { z } from 'zod';
import { defineTool } from '../runtime';
import { amountArg, currencyArg, fromCents, moneyOut, toCents } from '../money';
import { workspaceIdArg } from '../schemas';
import { personId, personIdArg, rateCurrency } from './object-names';
import { parseTimeInput } from '../time';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifySetUserHourlyRate = defineTool({
  name: 'clockify_set_user_hourly_rate',
  title: "Set a member's hourly rate",
  description: "Sets a member's billable rate in the workspace currency, from since (default: now) on.\nExample: clockify_set_user_hourly_rate {\"user_id\": \"Bob\", \"amount\": 90.1}",
  toolset: 'users',
  minRole: 'admin',
  input: z.strictObject({
    user_id: personIdArg,
    amount: amountArg,
    currency: currencyArg,
    since: z.string().optional().describe('Applies to entries from this time (ISO); default: now.'),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ user_id: z.string(), hourly_rate: moneyOut, since: z.string().nullable() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const userId = await personId(ctx, ws, args.user_id, 'user_id');
    const cents = toCents(args.amount);
    const currency = await rateCurrency(ctx, ws, args.currency);
    const body: Record<string, unknown> = { amount: cents };
    let since: string | null = null;
    if (args.since) {
      const me = await ctx.runtime.me(ctx, ws);
      since = parseTimeInput(args.since, me.timeZone, ctx.runtime.now(), 'since').toISOString().replace('.000Z', 'Z');
      body.since = since;
    }
    // Clockify answers with the workspace; the rate set is what was sent.
    await ctx.runtime.api.send(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/users/{user_id}/hourly-rate', { workspace_id: ws, user_id: userId }), { operation: 'set user hourly rate', body });
    return { user_id: userId, hourly_rate: { amount: fromCents(cents), currency }, since };
  },
});
