import { GatewayError, toGatewayError, type ErrorCode } from '../../src/errors';
import type { ConnectorIdentity } from '../../src/identity/identity';
import type { AccessLevel, ToolContext } from '../../src/registry/types';
import type { ClockifyRuntime } from '../clockify/runtime';
import type { DesktimeRuntime } from '../desktime/runtime';
import type { HelpdeskRuntime } from '../helpdesk/runtime';
import type { OnedeskRuntime } from '../onedesk/runtime';
import type { TimeContext } from './runtime';

/**
 * The systems a time tool spans, reached the way their own tools are: the
 * connector's runtime, with a ToolContext carrying the caller (principal),
 * the caller's own vendor key when the connector's `<ID>_CREDENTIALS` uses
 * one, and the call's signal and deadline. The gateway's one policy applies
 * first (`registry.checkRoute`): the caller's role, the key's limits and the
 * connector's access and toolsets decide exactly as for the matching tool,
 * so a time tool never reaches what the caller's own tools could not.
 */
export const SYSTEMS = ['helpdesk', 'clockify', 'desktime', 'onedesk'] as const;
export type SystemId = (typeof SYSTEMS)[number];

export interface SystemRuntimes {
  helpdesk: HelpdeskRuntime;
  clockify: ClockifyRuntime;
  desktime: DesktimeRuntime;
  onedesk: OnedeskRuntime;
}

export const SYSTEM_NAMES: Record<SystemId, string> = { helpdesk: 'Help desk', clockify: 'Clockify', desktime: 'DeskTime', onedesk: 'OneDesk' };

/** What a time tool needs of a system: the access of the system's own tool for the job. */
export interface Need {
  access: AccessLevel;
  /**
   * The toolset of the matching tool, when the time tool should be off with
   * it. Usually left out: `<ID>_TOOLSETS` chooses which tools are listed
   * (OneDesk's worklogs are off by default), while the time tools are
   * listed on their own; the key's own toolset limits then allow only a key
   * that may use the whole connector.
   */
  toolset?: string;
}

/** A system reached: its runtime in a context of its own, and its identity service (none for the help desk). */
export interface Reached<S extends SystemId> {
  system: S;
  ctx: ToolContext<SystemRuntimes[S]>;
  identity: ConnectorIdentity | undefined;
}

/** A system a part of the answer could not come from, named (never silently missing). */
export interface Unreached {
  system: SystemId;
  code: ErrorCode;
  why: string;
}

export function isEnabled(ctx: TimeContext, system: SystemId): boolean {
  return ctx.runtime.gateway().runtimes.has(system);
}

/** The system as the caller may use it for `need`; throws a GatewayError naming the system when not. */
export async function reach<S extends SystemId>(ctx: TimeContext, system: S, need: Need): Promise<Reached<S>> {
  const view = ctx.runtime.gateway();
  const enabled = view.connectors.find((c) => c.manifest.id === system);
  const runtime = view.runtimes.get(system) as SystemRuntimes[S] | undefined;
  if (!enabled || runtime === undefined) {
    throw new GatewayError('precondition_failed', `${SYSTEM_NAMES[system]} is not enabled on this gateway.`, {
      connector: 'time',
      retryable: false,
      hint: `The gateway operator enables it (${system.toUpperCase()}_API_KEY, or DESKGATE_CONNECTORS).`,
    });
  }
  view.registry.checkRoute(ctx.principal, system, need);
  const credential = await view.credentialFor(ctx.principal.user.id, system);
  const systemCtx: ToolContext<SystemRuntimes[S]> = {
    principal: ctx.principal,
    runtime,
    log: ctx.log,
    requestId: ctx.requestId,
    signal: ctx.signal,
    deadline: ctx.deadline,
    credential,
  };
  return { system, ctx: systemCtx, identity: enabled.manifest.identity?.(runtime) };
}

/** Like reach, but a system that is off or refused comes back named with why, for partial answers. */
export async function tryReach<S extends SystemId>(ctx: TimeContext, system: S, need: Need): Promise<Reached<S> | Unreached> {
  try {
    return await reach(ctx, system, need);
  } catch (thrown) {
    return unreached(system, thrown);
  }
}

/** A failure while asking a system, as the part of an answer that names it. */
export function unreached(system: SystemId, thrown: unknown): Unreached {
  const error = toGatewayError(thrown, system);
  return { system, code: error.code, why: error.hint ? `${error.message} ${error.hint}` : error.message };
}

export const isUnreached = (r: Reached<SystemId> | Unreached): r is Unreached => !('ctx' in r);
