import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { executeTool } from '../../src/mcp/execute';
import { toolFactory } from '../../src/registry/types';
import { capturingLogger } from '../support/connector-kit';
import { testPrincipal } from '../support/tool-harness';

const defineTool = toolFactory<{ answer: unknown }>();
const tool = defineTool({
  name: 'test_get_thing',
  title: 'Get a thing',
  description: 'Returns whatever the runtime holds. Example: test_get_thing({}).',
  toolset: 'basic',
  input: z.strictObject({}),
  output: z.object({ id: z.number(), owner: z.object({ email: z.string() }) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (_args, ctx) => ctx.runtime.answer as { id: number; owner: { email: string } },
});

async function call(answer: unknown) {
  const { log, text } = capturingLogger();
  const outcome = await executeTool(tool, 'test', {}, {
    principal: testPrincipal('user'),
    runtime: { answer },
    log,
    requestId: 'req-1',
    signal: new AbortController().signal,
  });
  return { ...outcome, logs: text() };
}

describe('the tool-call wrapper checks outputs against the output schema', () => {
  it('passes an output that matches', async () => {
    const { result, error } = await call({ id: 7, owner: { email: 'ann@example.test' } });
    expect(error).toBeUndefined();
    expect(result.structuredContent).toEqual({ id: 7, owner: { email: 'ann@example.test' } });
  });

  it('withholds a mismatch as internal, logging the field but not the value', async () => {
    const { result, error, logs } = await call({ id: 7, owner: { email: ['SECRET-PERSONAL-DATA'] } });
    expect(error?.code).toBe('internal');
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result)).not.toContain('SECRET');
    expect(logs).not.toContain('SECRET');
    const line = logs.split('\n').find((l) => l.includes('output schema'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'error', tool: 'test_get_thing', requestId: 'req-1' });
    expect(line).toContain('owner.email');
  });

  it('refuses keys the schema does not declare (clients check additionalProperties)', async () => {
    const { error, logs } = await call({ id: 7, owner: { email: 'a@example.test' }, password: 'hunter2-secret' });
    expect(error?.code).toBe('internal');
    expect(logs).toContain('password');
    expect(logs).not.toContain('hunter2');
  });
});
