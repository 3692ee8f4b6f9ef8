import { z } from 'zod';
import { amountArg, currencyArg, moneyFromVendor, moneyOut, toCents } from '../money';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { formatInZone, parseTimeInput, TIME_INPUT_HELP, toClockifyInstant } from '../time';
import { checkCurrency, idOrName, lookupFor, requireIdOrName, userNameArg , personRefArg } from './object-names';
import { vendorProject } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifySetProjectUserRate = defineTool({
  name: 'clockify_set_project_user_rate',
  title: "Set a user's hourly rate on a Clockify project",
  description: [
    "Sets a project member's billable hourly rate on one project (overrides their workspace rate there).",
    'Example: clockify_set_project_user_rate {"project_id": "65b1c2d3e4f5a6b7c8d9e001", "user": "Bob Chen", "amount": 95.5, "currency": "EUR"}',
    'Side effect: entries from since on are billed at the new rate; without since, Clockify applies its undocumented default (it may re-rate past entries).',
  ].join('\n'),
  toolset: 'projects',
  minRole: 'admin',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    project_id: idArg('Project', 'clockify_list_projects'),
    user_id: personRefArg,
    user: userNameArg,
    amount: amountArg,
    currency: currencyArg,
    since: z.string().trim().max(40).optional().describe(`When the rate starts: ${TIME_INPUT_HELP}.`),
  }),
  output: z.object({
    project_id: z.string(),
    project_name: z.string().nullable(),
    user_id: z.string(),
    user_name: z.string().nullable(),
    hourly_rate: moneyOut.nullable().describe('The rate Clockify now shows for the member on this project.'),
    since: z.string().nullable().describe('When the rate starts, ISO 8601 in your Clockify time zone; null when not given.'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireIdOrName('user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const cents = toCents(args.amount);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const userId = await idOrName(ctx, ws, 'user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    await checkCurrency(ctx, ws, args.currency);
    let since: { wire: string; shown: string } | undefined;
    if (args.since) {
      const { timeZone } = await ctx.runtime.me(ctx, ws);
      const at = parseTimeInput(args.since, timeZone, ctx.runtime.now(), 'since');
      since = { wire: toClockifyInstant(at), shown: formatInZone(at, timeZone) };
    }
    const raw = await ctx.runtime.api.call(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/projects/{project_id}/users/{user_id}/hourly-rate', { workspace_id: ws, project_id: args.project_id, user_id: userId }), vendorProject, {
      operation: 'set project user rate',
      body: { amount: cents, since: since?.wire },
    });
    const member = (raw.memberships ?? []).find((m) => m.userId === userId);
    const names = await lookupFor(ctx, ws, { users: [userId], rated: raw });
    return {
      project_id: raw.id,
      project_name: raw.name ?? null,
      user_id: userId,
      user_name: names.user?.(userId) ?? null,
      hourly_rate: moneyFromVendor(member?.hourlyRate, raw.hourlyRate?.currency ?? args.currency ?? names.currency),
      since: since?.shown ?? null,
    };
  },
});
