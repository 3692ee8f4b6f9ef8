import type { IncomingMessage } from 'node:http';

/** The client closed its connection before its request was read: nobody is left to answer. */
export class ClientAborted extends Error {
  constructor() {
    super('the client closed the connection before its request was read');
    this.name = 'ClientAborted';
  }
}

/**
 * True when a request failed only because its client went away mid-request:
 * our ClientAborted, Node's `Error: aborted` (ECONNRESET) from a request
 * stream cut short, or any error on a request whose body never completed
 * and whose socket is gone. Such a request is logged at info and counted
 * (deskgate_http_client_aborted_total), not reported as a gateway error.
 */
export function isClientAbort(error: unknown, incoming: IncomingMessage | undefined): boolean {
  if (error instanceof ClientAborted) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNRESET' && message === 'aborted') return true;
  return incoming !== undefined && !incoming.complete && (incoming.destroyed || incoming.socket?.destroyed === true);
}

/** The metric's route label: the first path segment of the few the gateway serves, else "other". */
export function routeLabelOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['mcp', 'api', 'oauth'].includes(first) ? first : 'other';
}
