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

export function serverInstructions(connectors: { id: string; instructions?: string }[]): string {
  return [CORE_INSTRUCTIONS, ...connectors.filter((c) => c.instructions).map((c) => `${c.id}_ tools: ${c.instructions}`)].join('\n\n');
}
