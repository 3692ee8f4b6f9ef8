import type { z } from 'zod';
import { errorText, GatewayError, toGatewayError, type ErrorPayload, type FieldProblem } from '../errors';
import type { ObjectSchema, ToolContext, ToolDefinition } from '../registry/types';

/**
 * Where an error result carries the machine-readable error (an ErrorPayload).
 * Not in structuredContent: that is checked against the tool's output schema
 * by some clients even when isError is true, and an error would fail it.
 */
export const ERROR_META_KEY = 'deskgate/error';

/** A tools/call result as the model reads it. */
export interface ToolCallResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  /** Present on success only, matching the tool's output schema. */
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  /** On errors: `{ "deskgate/error": ErrorPayload }`. */
  _meta?: Record<string, unknown>;
}

export interface ToolOutcome {
  result: ToolCallResult;
  /** undefined on success, else the error (for logs and metrics). */
  error: GatewayError | undefined;
  /**
   * The call failed because its caller went away (ctx.signal aborted): not a
   * gateway fault, so logged and counted as `cancelled`, at info level.
   */
  cancelled: boolean;
}

/** Turns zod issues into field problems a model can act on. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(arguments)',
    problem: issue.message,
  }));
}

export function invalidArgumentsError(error: z.ZodError, connector: string, toolName: string): GatewayError {
  const fields = fieldProblems(error);
  return new GatewayError(
    'invalid_argument',
    `Invalid arguments for ${toolName}: ${fields.map((f) => `${f.field} (${f.problem})`).join('; ')}.`,
    {
      connector,
      fields,
      hint: `Fix the named fields and call ${toolName} again; its input schema lists every field and its format.`,
    },
  );
}

/**
 * An error as the model and every client read it, in both protocol eras: the
 * code, message, fields, hint and alternatives in the text; the same error,
 * machine-readable, in `_meta["deskgate/error"]`; no structuredContent (it
 * would contradict the tool's output schema, and clients that validate it on
 * errors too, such as SDK v1 behind mcp-remote or the Inspector, would show a
 * schema mismatch instead of the error).
 */
export function errorResult(payload: ErrorPayload): ToolCallResult {
  // _meta first: the SDK's result schema writes it first, and the direct path answers byte for byte as the SDK.
  return {
    _meta: { [ERROR_META_KEY]: payload },
    content: [{ type: 'text', text: errorText(payload) }],
    isError: true,
  };
}

export function successResult(structured: Record<string, unknown>): ToolCallResult {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/**
 * Each tool's output schema as MCP clients check structuredContent against it
 * (top-level keys strict), built once per tool and reused on every call.
 */
const outputChecks = new WeakMap<object, ObjectSchema>();
function outputCheckOf(tool: ToolDefinition<never, ObjectSchema, ObjectSchema>): ObjectSchema {
  let check = outputChecks.get(tool);
  if (!check) {
    check = tool.output.strict() as unknown as ObjectSchema;
    outputChecks.set(tool, check);
  }
  return check;
}

/** A handler returned something its output schema rejects: the tool's bug, never the caller's. */
function outputMismatch(error: z.ZodError, connector: string, toolName: string, log: ToolContext['log'], requestId: string): GatewayError {
  // Paths and problems only: the values may be personal data or vendor text.
  const fields = error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(output)',
    problem: issue.message,
  }));
  log.error({ tool: toolName, requestId, fields }, `tool output does not match its output schema: ${fields.map((f) => f.field).join(', ')}`);
  return new GatewayError('internal', `${toolName} produced a result that does not match its own output schema, so it was withheld.`, {
    connector,
    retryable: false,
    hint: 'This is a gateway bug, not a problem with the arguments: report it to the gateway operator with the time of the call.',
  });
}

/**
 * The arguments with former names (ToolDefinition.formerArgs) under their
 * current ones. A list under both names is joined; any other value under
 * both is refused, naming the current one.
 */
export function withCurrentArgNames(former: Readonly<Record<string, string>> | undefined, rawArgs: unknown, connector: string, toolName: string): unknown {
  if (!former || rawArgs === null || typeof rawArgs !== 'object' || Array.isArray(rawArgs)) return rawArgs;
  let args = rawArgs as Record<string, unknown>;
  for (const [old, current] of Object.entries(former)) {
    if (!Object.hasOwn(args, old)) continue;
    const { [old]: value, ...rest } = args;
    const now = rest[current];
    if (now === undefined) rest[current] = value;
    else if (Array.isArray(now) && Array.isArray(value)) rest[current] = [...now, ...value];
    else {
      throw new GatewayError('invalid_argument', `Invalid arguments for ${toolName}: ${old} is the former name of ${current}; pass ${current} only.`, {
        connector,
        fields: [{ field: old, problem: `former name of ${current}, given together with it` }],
        hint: `Put the value in ${current} and call ${toolName} again.`,
      });
    }
    args = rest;
  }
  return args;
}

/**
 * The one wrapper every tool call goes through: validate the arguments, run
 * the handler, check its output against the tool's output schema, turn
 * whatever it throws into a structured error. Handlers never catch. Used by MCP dispatch and by each tool's own tests, so a test sees
 * exactly what the model would.
 */
export async function executeTool<Runtime>(
  tool: ToolDefinition<Runtime, ObjectSchema, ObjectSchema>,
  connector: string,
  rawArgs: unknown,
  ctx: ToolContext<Runtime>,
): Promise<ToolOutcome> {
  try {
    const parsed = tool.input.safeParse(withCurrentArgNames(tool.formerArgs, rawArgs ?? {}, connector, tool.name));
    if (!parsed.success) throw invalidArgumentsError(parsed.error, connector, tool.name);
    const output = await tool.handler(parsed.data, ctx);
    const checked = outputCheckOf(tool as ToolDefinition<never, ObjectSchema, ObjectSchema>).safeParse(output);
    if (!checked.success) {
      const error = outputMismatch(checked.error, connector, tool.name, ctx.log, ctx.requestId);
      return { result: errorResult(error.toPayload(connector)), error, cancelled: false };
    }
    return { result: successResult(output as Record<string, unknown>), error: undefined, cancelled: false };
  } catch (thrown) {
    const error = toGatewayError(thrown, connector);
    // Whatever a handler throws once its caller is gone (an AbortError, the
    // vendor client's "cancelled") is the disconnect, not a fault.
    const cancelled = ctx.signal.aborted;
    if (error.code === 'internal' && !cancelled) {
      ctx.log.error({ err: thrown, tool: tool.name, requestId: ctx.requestId }, 'tool failed unexpectedly');
    }
    return { result: errorResult(error.toPayload(connector)), error, cancelled };
  }
}
