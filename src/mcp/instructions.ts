import { envPrefix } from '../vendor-http/status-errors';

/**
 * The MCP server instructions: what holds for every tool of the gateway, then
 * one paragraph per connector the caller's key may use (its manifest's
 * `instructions`), so a fact shared by a connector's tools is read once
 * instead of in every description.
 */
export const CORE_INSTRUCTIONS =
  'deskgate exposes tools for the help desk and time-tracking systems this team uses. ' +
  'Tool names start with the system they reach (helpdesk_, desktime_, clockify_, onedesk_). ' +
  'You act as the deskgate user who owns the API key, never as a user named in arguments; deskgate_whoami says who that is in each system and on whose account writes land (acted_as in every write result). ' +
  'Ids come from the list tools of the same system. Paged lists take limit and cursor and return next_cursor (null at the end). ' +
  'A failed call is a result with isError whose text gives the error code, the message and a hint saying what to do next.';

/** What the instructions say about one enabled connector. */
export interface ConnectorNote {
  id: string;
  /** The manifest's shared facts (identity, time zone, names vs ids, what the vendor cannot do). */
  instructions?: string;
  /** Its toolsets this gateway leaves off (`<ID>_TOOLSETS`), so "can you…" gets an honest answer. */
  toolsetsOff?: string[];
}

export function serverInstructions(connectors: ConnectorNote[]): string {
  const paragraph = (c: ConnectorNote) => {
    const off = c.toolsetsOff?.length ? `Toolsets off on this gateway: ${c.toolsetsOff.join(', ')} (an operator turns them on with ${envPrefix(c.id)}_TOOLSETS).` : undefined;
    return `${c.id}_ tools: ${[c.instructions, off].filter(Boolean).join(' ')}`;
  };
  return [CORE_INSTRUCTIONS, ...connectors.filter((c) => c.instructions || c.toolsetsOff?.length).map(paragraph)].join('\n\n');
}
