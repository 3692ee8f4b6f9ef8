import { z } from 'zod';
import { toGatewayError } from '../../../src/errors';
import { ACTING_HOW, type Identity, type VendorAccount } from '../../../src/identity/identity';
import type { ToolExplanation } from '../../../src/registry/registry';
import { defineTool } from '../runtime';

const person = z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() });
const how = z.enum([...ACTING_HOW, 'deskgate_user', 'refused']);

const connectorOut = z.object({
  connector: z.string(),
  you: person.nullable().describe('You in this system; null when not matched.'),
  not_matched: z.string().nullable().describe('Why you were not matched (by your deskgate email).'),
  key: z.enum(['personal', 'shared', 'none']).describe('Whose vendor key your calls use.'),
  key_owner: person.nullable(),
  key_owner_unknown: z.string().nullable(),
  reads: how.nullable().describe('Whose data "my" reads return.'),
  writes: how.nullable().describe('On whose account "my" writes land; refused: link your own key.'),
  note: z.string(),
  toolsets_on: z.array(z.string()),
  toolsets_off: z.array(z.object({ toolset: z.string(), why: z.string() })),
});

/** A toolset is on for the caller when any of its tools is; off with the first reason one of them is hidden. */
function toolsetsOf(connector: string, ids: string[], explained: ToolExplanation[]) {
  const on: string[] = [];
  const off: { toolset: string; why: string }[] = [];
  for (const toolset of ids) {
    const tools = explained.filter((t) => t.connector === connector && t.toolset === toolset);
    if (tools.some((t) => !t.hidden)) on.push(toolset);
    else off.push({ toolset, why: tools[0]?.hidden?.detail ?? 'it has no tools here' });
  }
  return { on, off };
}

const ref = (a: VendorAccount | null): z.infer<typeof person> | null => (a ? { id: a.id, name: a.name, email: a.email } : null);

function summary(vendor: string, identity: Identity): string {
  const { reads, writes } = identity;
  if (identity.key === 'personal') return `Your own ${vendor} key: calls act as its ${vendor} user.`;
  if ('refused' in reads) return reads.refused.message;
  if (reads.how === 'shared_key_as_owner') return reads.note ?? `Calls act as the shared key's owner, not as you.`;
  if ('refused' in writes) return `Reads show your ${vendor} data; your own writes are refused (the shared key acts only as its owner): ${writes.refused.hint ?? ''}`.trim();
  if (writes.how === 'shared_key_as_owner') return `Reads show your ${vendor} data; your own writes land on the shared key's owner's account (the operator allowed it), and results say so.`;
  if (identity.owner && identity.caller && identity.owner.id === identity.caller.id) return `The shared ${vendor} key is yours: calls act as you.`;
  return `The shared ${vendor} key acts as you for your own data.`;
}

function dayIn(zone: string, at: Date): { date: string; weekday: string } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long' }).format(at);
  return { date, weekday };
}

export const deskgateWhoami = defineTool({
  name: 'deskgate_whoami',
  title: 'Who am I, in each system',
  description: [
    'You (name, email, role, key limits), today in your time zone, and per system: who you are there, whose key your calls use, on whose account "my" reads and writes land, and which toolsets are on or off.',
    'Call it before comparing or writing "my" data across systems. Example: deskgate_whoami {}',
  ].join('\n'),
  toolset: 'core',
  input: z.strictObject({}),
  output: z.object({
    you: z.object({ name: z.string(), email: z.string(), role: z.string() }),
    key: z.object({ name: z.string(), connectors: z.array(z.string()).nullable(), toolsets: z.array(z.string()).nullable(), read_only: z.boolean() }),
    today: z.string(),
    weekday: z.string(),
    time_zone: z.string(),
    time_zone_from: z.string(),
    connectors: z.array(connectorOut),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const view = ctx.runtime.gateway();
    const { user, key } = ctx.principal;
    const explained = view.registry.explain(ctx.principal);
    // Per connector, in catalog order, so the zone picked does not depend on which vendor answered first.
    const zones: ({ zone: string; from: string } | undefined)[] = [];
    const connectors = await Promise.all(
      view.connectors
        .filter((c) => !c.manifest.core && !c.manifest.spans)
        .map(async ({ manifest }, index): Promise<z.infer<typeof connectorOut>> => {
          const { on, off } = toolsetsOf(manifest.id, manifest.toolsets.map((t) => t.id), explained);
          const base = { connector: manifest.id, toolsets_on: on, toolsets_off: off, key_owner: null, key_owner_unknown: null };
          const identityService = manifest.identity?.(view.runtimes.get(manifest.id));
          if (!identityService) {
            // The gateway's own systems (the help desk): you are your deskgate user.
            return { ...base, you: { id: user.id, name: user.name, email: user.email }, not_matched: null, key: 'none', reads: 'deskgate_user', writes: 'deskgate_user', note: 'Built into deskgate: you act as your deskgate user.' };
          }
          if (on.length === 0) {
            return { ...base, you: null, not_matched: 'not looked up: none of its tools is open to you', key: 'none', reads: null, writes: null, note: `You cannot use ${manifest.title} tools here (${off[0]?.why ?? 'no tools'}).` };
          }
          try {
            const credential = await view.credentialFor(user.id, manifest.id);
            const identity = await identityService.resolve({ principal: ctx.principal, credential, signal: ctx.signal });
            const mine = 'refused' in identity.reads ? undefined : identity.reads.account;
            if (mine?.timeZone && mine.id === identity.caller?.id) zones[index] = { zone: mine.timeZone, from: `your ${identityService.vendor} profile` };
            return {
              ...base,
              you: ref(identity.caller),
              not_matched: identity.callerUnmatched,
              key: identity.key,
              key_owner: ref(identity.owner),
              key_owner_unknown: identity.ownerUnknown,
              reads: 'refused' in identity.reads ? 'refused' : identity.reads.how,
              writes: 'refused' in identity.writes ? 'refused' : identity.writes.how,
              note: summary(identityService.vendor, identity),
            };
          } catch (thrown) {
            const error = toGatewayError(thrown, manifest.id);
            return { ...base, you: null, not_matched: `${error.code}: ${error.message}`, key: 'none', reads: null, writes: null, note: error.hint ?? error.message };
          }
        }),
    );
    const server = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const zone = zones.find((z) => z !== undefined) ?? { zone: server, from: "the gateway's clock (no system gives your own zone)" };
    const { date, weekday } = dayIn(zone.zone, ctx.runtime.now());
    return {
      you: { name: user.name, email: user.email, role: user.role },
      key: { name: key.name, connectors: key.connectors ?? null, toolsets: key.toolsets ?? null, read_only: key.readOnly },
      today: date,
      weekday,
      time_zone: zone.zone,
      time_zone_from: zone.from,
      connectors,
    };
  },
});
