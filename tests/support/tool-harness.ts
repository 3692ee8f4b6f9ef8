import pino from 'pino';
import type { Principal, Role } from '../../src/auth/types';
import { GatewayError, type ErrorPayload } from '../../src/errors';
import { ERROR_META_KEY, executeTool, type ToolCallResult } from '../../src/mcp/execute';
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
  options: { runtime: R; principal?: Principal; signal?: AbortSignal },
): Promise<ToolCallResult> {
  const tool = manifest.tools.find((t) => t.name === toolName);
  if (!tool) throw new Error(`no tool ${toolName} in ${manifest.id}`);
  const { result } = await executeTool(tool, manifest.id, args, {
    principal: options.principal ?? testPrincipal(),
    runtime: options.runtime,
    log: silentLog,
    requestId: 'test-request',
    signal: options.signal ?? new AbortController().signal,
  });
  return result;
}

/**
 * The error payload of a failed result (from `runTool` or any MCP client), or
 * a thrown assertion if it succeeded. Errors travel in `_meta["deskgate/error"]`
 * with no structuredContent, and their text says the same for the model.
 */
export function errorOf(result: Record<string, unknown>): ErrorPayload {
  if (!result.isError) throw new Error(`expected an error, got ${JSON.stringify(result.structuredContent)}`);
  if (result.structuredContent !== undefined) throw new Error(`an error result carries structuredContent: ${JSON.stringify(result.structuredContent)}`);
  const payload = (result._meta as Record<string, unknown> | undefined)?.[ERROR_META_KEY] as ErrorPayload | undefined;
  if (!payload) throw new Error(`an error result without _meta["${ERROR_META_KEY}"]: ${JSON.stringify(result)}`);
  const text = (result.content as { type: string; text?: string }[] | undefined)?.find((c) => c.type === 'text')?.text ?? '';
  if (!text.includes(payload.message)) throw new Error(`the error text does not carry the message: ${text}`);
  return payload;
}

/** The GatewayError a synchronous call throws (a parser refusing input); fails the test when it does not throw one. */
export function refusal(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
