import { z } from 'zod';
import { defineTool, type DesktimeCaller } from '../runtime';
import type { CallScope } from '../client';

const output = z.object({
  reachable: z.literal(true),
  server_time: z.string().nullable().describe("DeskTime's clock at the answer (ISO-8601 UTC), when it sent one."),
});

/** The same check for the tool and for `deskgate doctor`, so both report DeskTime the same way. */
export async function pingDesktime(runtime: DesktimeCaller, scope?: CallScope): Promise<z.infer<typeof output>> {
  const answer = await runtime.client.ping(scope);
  const seconds = Number(answer.pong);
  const serverTime = answer.pong !== undefined && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
  return { reachable: true, server_time: serverTime };
}

export const desktimePing = defineTool({
  name: 'desktime_ping',
  title: 'Check DeskTime is reachable',
  description: [
    "Checks that DeskTime answers a ping with the gateway's API key.",
    "Use this when a DeskTime tool failed with upstream_unavailable or unauthenticated, to see whether DeskTime is back.",
    "Example: desktime_ping {}",
  ].join('\n'),
  toolset: 'account',
  input: z.strictObject({}),
  output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (_args, ctx) => pingDesktime(ctx.runtime.forCaller(ctx), ctx),
});
