import pino from 'pino';
import type { Principal, Role } from '../../src/auth/types';
import type { ErrorPayload } from '../../src/errors';
import { executeTool, type ToolCallResult } from '../../src/mcp/execute';
import type { ConnectorManifest } from '../../src/registry/types';

/** A principal for handler-level tests; e2e tests get theirs from real API keys. */
export function testPrincipal(role: Role = 'admin', overrides: Partial<Principal['user']> = {}): Principal {
  const id = overrides.id ?? `user-${role}`;
  return {
    user: { id, email: `${id}@example.test`, name: `Test ${role}`, role, ...overrides },
    key: { id: `key-${id}`, name: `test key ${id}`, connectors: undefined, readOnly: false },
  };
}

/** Logger that writes nothing (set DESKGATE_TEST_LOGS=1 to see logs). */
export const silentLog = pino({ level: process.env.DESKGATE_TEST_LOGS ? 'debug' : 'silent' });

/**
 * Runs one tool through the same wrapper MCP dispatch uses (argument
 * validation, error mapping), so the test sees exactly what the model reads.
 */
export async function runTool<R>(
  manifest: ConnectorManifest<unknown, R>,
  toolName: string,
  args: unknown,
  options: { runtime: R; principal?: Principal },
): Promise<ToolCallResult> {
  const tool = manifest.tools.find((t) => t.name === toolName);
  if (!tool) throw new Error(`no tool ${toolName} in ${manifest.id}`);
  const { result } = await executeTool(tool, manifest.id, args, {
    principal: options.principal ?? testPrincipal(),
    runtime: options.runtime,
    log: silentLog,
    requestId: 'test-request',
    signal: new AbortController().signal,
  });
  return result;
}

/** The error payload of a failed result, or a thrown assertion if it succeeded. */
export function errorOf(result: ToolCallResult) {
  if (!result.isError) throw new Error(`expected an error, got ${JSON.stringify(result.structuredContent)}`);
  return (result.structuredContent as { error: ErrorPayload }).error;
}
