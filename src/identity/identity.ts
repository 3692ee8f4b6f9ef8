import { z } from 'zod';
import type { Principal } from '../auth/types';
import { GatewayError, toGatewayError } from '../errors';
import type { ObjectSchema, ToolDefinition } from '../registry/types';
import type { VendorCredential } from '../vendor-http/pool';
import { envPrefix } from '../vendor-http/status-errors';

/**
 * Who the caller is inside a vendor system, for every SaaS connector the
 * same way: the deskgate user's email (from the API key, never from tool
 * arguments) is matched against the vendor's people (Clockify workspace
 * members, DeskTime employees, OneDesk users), beside the vendor account
 * that owns the key in use. From the two follows whose data "my" reads
 * return and on whose account "my" writes land:
 *
 * - a personal key (the caller linked their own): its owner, `personal_key`;
 * - the shared key, caller matched and the key's owner: `shared_key_as_you`;
 * - the shared key, caller matched to another member: `shared_key_as_you`
 *   where the vendor can act for members (Clockify's for-user endpoints with
 *   an admin key); elsewhere reads still read the caller's data, and writes
 *   are refused with how to link a personal key, unless the operator set
 *   `<ID>_SHARED_WRITES=owner` (then `shared_key_as_owner`, said in the result);
 * - the shared key, caller matched to nobody: the key's owner,
 *   `shared_key_as_owner`, and every result says so.
 *
 * One service per connector (`createIdentity(hooks)`), resolved per call and
 * cached briefly per credential and email. deskgate_whoami and tools that
 * span connectors read it through the manifest's `identity(runtime)`.
 */

export const ACTING_HOW = ['personal_key', 'shared_key_as_you', 'shared_key_as_owner'] as const;
export type ActingHow = (typeof ACTING_HOW)[number];

/** A person in a vendor system. Ids are strings whatever the vendor uses (DeskTime's are numbers). */
export interface VendorAccount {
  id: string;
  name: string | null;
  email: string | null;
  /** IANA zone the vendor keeps for this person, when it keeps one (Clockify's profile setting). */
  timeZone?: string | null;
}

/** What resolving needs of a tool call: the caller (email) and the key in use. */
export interface IdentityContext {
  principal?: Principal;
  credential?: VendorCredential;
  signal?: AbortSignal;
}

/** The shared output piece: on whose vendor account a call acted, and how. */
export const actedAsOut = z
  .object({
    connector: z.string(),
    how: z.enum(ACTING_HOW),
    user_id: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    note: z.string().optional(),
  })
  .describe('Whose vendor account the call acted on: personal_key (your own key), shared_key_as_you, or shared_key_as_owner (the shared key\'s owner, not you; note says why).');
export type ActedAs = z.infer<typeof actedAsOut>;

export interface IdentityHooks {
  connector: string;
  /** The vendor's name in messages ("Clockify"). */
  vendor: string;
  /** What a matched person is called there ("workspace member", "employee", "user"). */
  memberWord: string;
  /**
   * The vendor account behind the key in use (`ctx.credential` or the shared
   * key); undefined when the vendor cannot say, and `ownerUnknown` says why.
   */
  keyOwner(ctx: IdentityContext): Promise<VendorAccount | undefined>;
  ownerUnknown?: string;
  /** The person with this (lower-case) email as the key in use sees them, or undefined. */
  findByEmail(ctx: IdentityContext, email: string): Promise<VendorAccount | undefined>;
  /**
   * Whether the shared key acts as a matched caller who does not own it
   * (Clockify's for-user endpoints), or only ever as its owner (DeskTime).
   */
  actsForMembers: boolean;
  /** false: "me" is always the key's owner (CLOCKIFY_ACT_AS=key_owner); the caller is still looked up for whoami. */
  callerIsMe?: boolean;
  /** A caller who matches nobody: acts as the key's owner, saying so (default), or is refused (CLOCKIFY_ACT_AS=caller_email). */
  unmatched?: 'owner' | 'refuse';
  /** `<ID>_SHARED_WRITES`: a caller's own writes the shared key cannot make as them are refused (default) or made as its owner. */
  sharedWrites?: 'refuse' | 'owner';
  /** Default 5 minutes. */
  ttlMs?: number;
  now?: () => number;
}

/** Whose account a kind of "my" call lands on, or why it may not run. */
export type Acting = { account: VendorAccount | null; how: ActingHow; note?: string } | { refused: GatewayError };

export interface Identity {
  connector: string;
  key: 'personal' | 'shared';
  owner: VendorAccount | null;
  /** Why the owner is unknown (the vendor cannot say, or asking failed). */
  ownerUnknown: string | null;
  caller: VendorAccount | null;
  /** Why the caller matched no one. */
  callerUnmatched: string | null;
  /** Whose data "my" reads return. */
  reads: Acting;
  /** Whose account "my" writes land on. */
  writes: Acting;
}

export interface ConnectorIdentity {
  readonly connector: string;
  readonly vendor: string;
  /** The caller in this system, the key's owner and how calls act; cached briefly per credential and email. */
  resolve(ctx: IdentityContext): Promise<Identity>;
  /** For a read of "my" data: whose, with the acted_as to return. Throws when refused. */
  reader(ctx: IdentityContext): Promise<{ account: VendorAccount | null; actedAs: ActedAs }>;
  /** For a write on "my" account (`action` names it in a refusal: "start tracking"). Throws when refused. */
  writer(ctx: IdentityContext, action: string): Promise<{ account: VendorAccount | null; actedAs: ActedAs }>;
  /** acted_as of a call made as whoever owns the key (objects, not anyone's own data). Never throws. */
  asKeyOwner(ctx: IdentityContext): Promise<ActedAs>;
  /**
   * Anyone's account here by (lower-case) email, as the key in use sees them
   * (the time tools match people across systems); undefined when none.
   */
  findByEmail(ctx: IdentityContext, email: string): Promise<VendorAccount | undefined>;
  /** What a matched person is called here ("workspace member"), for "no Clockify workspace member has the email …". */
  readonly memberWord: string;
  /** Drops cached resolutions (after an operator change in tests). */
  forget(): void;
}

const DEFAULT_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;

const lower = (s: string | null | undefined) => s?.trim().toLowerCase() || undefined;

/** Same person: same id, or (when ids cannot be compared) the same email. */
function samePerson(a: VendorAccount | undefined | null, b: VendorAccount | undefined | null): boolean {
  if (!a || !b) return false;
  if (a.id === b.id) return true;
  return lower(a.email) !== undefined && lower(a.email) === lower(b.email);
}

function label(account: VendorAccount | null | undefined): string {
  if (!account) return 'an unknown account';
  if (account.name && account.email) return `${account.name} (${account.email})`;
  return account.name ?? account.email ?? `user ${account.id}`;
}

/** How to link a personal key, the same words everywhere. */
export function linkHint(connector: string): string {
  return `Link your own ${connector} key: \`deskgate credentials set ${connector} --email <you>\` (an admin runs it) or PUT /api/me/credentials/${connector} with {"secret": "<your key>"}.`;
}

export function createIdentity(hooks: IdentityHooks): ConnectorIdentity {
  const { connector, vendor } = hooks;
  const ttl = hooks.ttlMs ?? DEFAULT_TTL_MS;
  const now = hooks.now ?? Date.now;
  const prefix = envPrefix(connector);
  const cache = new Map<string, { at: number; value: Promise<Identity> }>();

  async function load(ctx: IdentityContext): Promise<Identity> {
    const email = lower(ctx.principal?.user.email);
    let owner: VendorAccount | undefined;
    let ownerUnknown: string | null = null;
    try {
      owner = await hooks.keyOwner(ctx);
      if (!owner) ownerUnknown = hooks.ownerUnknown ?? `${vendor} does not say who owns an API key.`;
    } catch (thrown) {
      // A key the vendor refuses is the caller's problem to see, not an identity to guess.
      const error = toGatewayError(thrown, connector);
      if (error.code === 'unauthenticated') throw error;
      ownerUnknown = `${vendor} could not be asked who owns the key (${error.code}).`;
    }
    if (ctx.credential) {
      const acting: Acting = { account: owner ?? null, how: 'personal_key' };
      return { connector, key: 'personal', owner: owner ?? null, ownerUnknown, caller: owner ?? null, callerUnmatched: null, reads: acting, writes: acting };
    }
    const caller = email ? await hooks.findByEmail(ctx, email) : undefined;
    const callerUnmatched = caller
      ? null
      : email
        ? `no ${vendor} ${hooks.memberWord} has the email ${email}`
        : 'your deskgate user has no email';
    const whose = owner ? `the owner of the gateway's shared ${vendor} key, ${label(owner)}` : `the ${vendor} user the gateway's shared key belongs to (${vendor} cannot say who)`;
    const asOwner = (why: string): Acting => ({ account: owner ?? null, how: 'shared_key_as_owner', note: `Acted as ${whose}, not as you: ${why}.` });
    const isOwner = samePerson(caller, owner);
    let reads: Acting;
    let writes: Acting;
    if (isOwner) {
      reads = writes = { account: caller!, how: 'shared_key_as_you' };
    } else if (hooks.callerIsMe === false) {
      reads = writes = asOwner(`${prefix}_ACT_AS=key_owner`);
    } else if (caller) {
      reads = { account: caller, how: 'shared_key_as_you' };
      if (hooks.actsForMembers) writes = reads;
      else if (hooks.sharedWrites === 'owner') writes = asOwner(`${vendor} acts only as a key's owner and the operator set ${prefix}_SHARED_WRITES=owner`);
      else writes = { refused: refusal(caller, owner) };
    } else if (hooks.unmatched === 'refuse') {
      const error = new GatewayError('permission_denied', `The gateway acts as you in ${vendor}, and ${callerUnmatched}.`, {
        connector,
        retryable: false,
        hint: `Ask a ${vendor} admin to add ${email ?? 'your email'}, or the gateway operator to set your deskgate email to the one you use in ${vendor}. ${linkHint(connector)}`,
      });
      reads = writes = { refused: error };
    } else {
      reads = writes = asOwner(callerUnmatched!);
    }
    return { connector, key: 'shared', owner: owner ?? null, ownerUnknown, caller: caller ?? null, callerUnmatched, reads, writes };
  }

  function refusal(caller: VendorAccount, owner: VendorAccount | undefined): GatewayError {
    const whose = owner ? `belongs to ${label(owner)}` : 'belongs to another user (the vendor cannot say whom)';
    return new GatewayError('precondition_failed', `${vendor} cannot do this as you (${label(caller)}) with the gateway's shared key: it ${whose}, and ${vendor} acts only as a key's owner.`, {
      connector,
      retryable: false,
      hint: `${linkHint(connector)} Or the operator sets ${prefix}_SHARED_WRITES=owner to let such writes land on the key owner's account (results then say so).`,
    });
  }

  function resolve(ctx: IdentityContext): Promise<Identity> {
    const key = `${ctx.credential ? `personal:${ctx.credential.id}` : 'shared'}|${lower(ctx.principal?.user.email) ?? ''}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.value;
    const value = load(ctx);
    cache.set(key, { at: now(), value });
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    return value;
  }

  function actedAsOf(acting: Exclude<Acting, { refused: GatewayError }>): ActedAs {
    const a = acting.account;
    const out: ActedAs = { connector, how: acting.how, user_id: a?.id ?? null, name: a?.name ?? null, email: a?.email ?? null };
    if (acting.note) out.note = acting.note;
    else if (!a) out.note = `The ${vendor} account behind ${acting.how === 'personal_key' ? 'your own key' : "the gateway's shared key"}; ${vendor} does not say whose it is.`;
    return out;
  }

  async function pick(ctx: IdentityContext, which: 'reads' | 'writes', action?: string) {
    const identity = await resolve(ctx);
    const acting = identity[which];
    if ('refused' in acting) {
      const e = acting.refused;
      if (!action) throw e;
      throw new GatewayError(e.code, e.message.replace('cannot do this as you', `cannot ${action} as you`), { connector, retryable: false, hint: e.hint });
    }
    return { account: acting.account, actedAs: actedAsOf(acting) };
  }

  return {
    connector,
    vendor,
    resolve,
    reader: (ctx) => pick(ctx, 'reads'),
    writer: (ctx, action) => pick(ctx, 'writes', action),
    async asKeyOwner(ctx) {
      // Only the owner is needed (no member lookup): the call was made as whoever owns the key.
      try {
        const owner = (await hooks.keyOwner(ctx)) ?? null;
        if (ctx.credential) return actedAsOf({ account: owner, how: 'personal_key' });
        const email = lower(ctx.principal?.user.email);
        if (owner && email && lower(owner.email) === email) return actedAsOf({ account: owner, how: 'shared_key_as_you' });
        const as = owner ? `as its owner ${label(owner)}` : `as the ${vendor} user it belongs to (${(hooks.ownerUnknown ?? `${vendor} does not say whom`).replace(/\.$/, '')})`;
        return actedAsOf({ account: owner, how: 'shared_key_as_owner', note: `Made with the gateway's shared ${vendor} key, ${as}.` });
      } catch {
        return { connector, how: ctx.credential ? 'personal_key' : 'shared_key_as_owner', user_id: null, name: null, email: null, note: `${vendor} could not be asked who owns the key.` };
      }
    },
    findByEmail: (ctx, email) => hooks.findByEmail(ctx, email.trim().toLowerCase()),
    memberWord: hooks.memberWord,
    forget: () => cache.clear(),
  };
}

/** `"me"` (any case) where a tool takes a user or employee: the caller, resolved by the connector's identity. */
export function isMe(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'me';
}

/**
 * Adds `acted_as` to a connector's tools: required on every write (the
 * handler's own, for writes on someone's account, else the key's owner via
 * `asKeyOwner`), optional on reads (set by reads that default to "my" data).
 * Applied once in the connector's manifest.
 */
export function withActedAs<Runtime>(
  tools: ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[],
  identityOf: (runtime: Runtime) => ConnectorIdentity,
): ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[] {
  return tools.map((tool) => {
    const write = !tool.annotations.readOnlyHint;
    const output = tool.output.extend({ acted_as: write ? actedAsOut : actedAsOut.optional() }) as unknown as ObjectSchema;
    return {
      ...tool,
      output,
      handler: async (args, ctx) => {
        const out = (await tool.handler(args, ctx)) as Record<string, unknown>;
        if (!write || out.acted_as) return out;
        return { ...out, acted_as: await identityOf(ctx.runtime).asKeyOwner(ctx) };
      },
    };
  });
}
