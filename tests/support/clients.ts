import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The two official clients: 2026-07-28 (SDK v2, pinned, no fallback) and 2025-era (SDK v1). */
export type Era = 'modern' | 'legacy';
export const ERAS: Era[] = ['modern', 'legacy'];

export interface ConnectedClient {
  era: Era;
  listTools(): Promise<{ tools: { name: string; annotations?: Record<string, unknown>; outputSchema?: unknown }[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<Record<string, unknown>>;
  /** The server instructions from initialize (what a model reads before any tool). */
  instructions(): string | undefined;
  close(): Promise<void>;
}

export async function connectClient(
  era: Era,
  url: string,
  key: string | undefined,
  headers: Record<string, string> = {},
  /** The client's HTTP function, e.g. one that records what it sends. */
  fetch?: typeof globalThis.fetch,
): Promise<ConnectedClient> {
  const requestInit = { headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers } };
  if (era === 'modern') {
    const client = new ModernClient({ name: 'deskgate-e2e', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new ModernTransport(new URL(url), { requestInit, fetch }));
    return {
      era,
      listTools: () => client.listTools() as never,
      callTool: (p) => client.callTool(p) as never,
      instructions: () => client.getInstructions(),
      close: () => client.close(),
    };
  }
  const client = new LegacyClient({ name: 'deskgate-e2e', version: '1.0.0' });
  await client.connect(new LegacyTransport(new URL(url), { requestInit, fetch }));
  return {
    era,
    listTools: () => client.listTools() as never,
    callTool: (p) => client.callTool(p) as never,
    instructions: () => client.getInstructions(),
    close: () => client.close(),
  };
}
