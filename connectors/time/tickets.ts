import { invalidArgument } from '../../src/errors';
import { fetchItemRow, toItems } from '../onedesk/items';
import type { Pick1 } from '../onedesk/shapes';
import type { TimeContext } from './runtime';
import { reach } from './systems';

/**
 * A ticket as the time tools name it: a help desk ULID or tracking number,
 * or a OneDesk item (numeric id or external UUID), read with the caller's
 * own rights in that system.
 */
export interface TicketRef {
  system: 'helpdesk' | 'onedesk';
  /** The help desk ULID, or the OneDesk numeric id / external id. */
  id: string;
  /** How people name it: the tracking number, or "OneDesk #1042". */
  reference: string;
  subject: string;
  /** What DESKGATE_TIME_PROJECTS maps: the help desk category path, or the OneDesk project name. */
  mappedBy: string | null;
  /** For OneDesk: the item as its tools pick it. */
  onedesk?: Pick1;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which system a ticket argument names: digits or a UUID are OneDesk items, anything else the help desk's. */
export function ticketSystem(text: string): { system: 'helpdesk' } | { system: 'onedesk'; pick: Pick1 } {
  const t = text.trim().replace(/^#/, '');
  if (/^\d{1,12}$/.test(t)) return { system: 'onedesk', pick: { kind: 'id', value: Number(t) } };
  if (UUID.test(t)) return { system: 'onedesk', pick: { kind: 'externalId', value: t.toLowerCase() } };
  return { system: 'helpdesk' };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function loadTicket(ctx: TimeContext, text: string): Promise<TicketRef> {
  const kind = ticketSystem(text);
  if (kind.system === 'helpdesk') {
    if (!text.trim()) throw invalidArgument('ticket is empty.', { connector: 'time', fields: [{ field: 'ticket', problem: 'empty' }] });
    const helpdesk = await reach(ctx, 'helpdesk', { access: 'read' });
    const ticket = await helpdesk.ctx.runtime.service.tickets.summary(ctx.principal.user, text.trim());
    return { system: 'helpdesk', id: ticket.id, reference: ticket.tracking_number, subject: clip(ticket.subject, 120), mappedBy: ticket.category.path };
  }
  const onedesk = await reach(ctx, 'onedesk', { access: 'read' });
  const [item] = await toItems(onedesk.ctx, [await fetchItemRow(onedesk.ctx, kind.pick)]);
  const id = item?.id ?? (kind.pick.kind === 'id' ? kind.pick.value : null);
  return {
    system: 'onedesk',
    id: String(kind.pick.value),
    reference: id !== null ? `OneDesk #${id}` : `OneDesk ${kind.pick.value}`,
    subject: clip(item?.name ?? '(no name)', 120),
    mappedBy: item?.project?.name ?? null,
    onedesk: kind.pick,
  };
}
