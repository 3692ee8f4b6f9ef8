import { ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server';

/**
 * Protocol errors the SDK writes, made fit for a client to read:
 * - params its own schemas refuse on methods it answers (`tools/list
 *   {"cursor": 5}`, `initialize {"protocolVersion": 5}`) come out of the SDK
 *   as -32603 Internal error carrying zod's issue list as raw JSON; they are
 *   -32602 Invalid params with one short line per issue (and the SDK's own
 *   -32602 for a malformed tools/call gets the same short line, not the dump);
 * - what the SDK's transport echoes from the request in a refusal (a 100 KB
 *   tool name that disagrees with its header) is cut to a few hundred
 *   characters.
 */

const MAX_MESSAGE = 300;
const MAX_ISSUES = 3;

/** Cuts text to `max` characters (whole code points), marking the cut with "…". */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, max + 2));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

interface Issue {
  path: unknown[];
  message: string;
}

/**
 * zod's issue list, as the SDK's request validation writes it: the whole
 * message of a plain Error (methods it answers), or after "Invalid tools/call
 * request: " in an Invalid params error. Undefined for any other error.
 */
function schemaIssuesOf(error: unknown): Issue[] | undefined {
  if (!(error instanceof Error)) return undefined;
  let dump: string;
  if (error.constructor === Error && !('code' in error)) dump = error.message;
  else if (error instanceof ProtocolError && error.code === ProtocolErrorCode.InvalidParams && /^Invalid [\w/]+ request: \[/.test(error.message)) {
    dump = error.message.slice(error.message.indexOf('['));
  } else return undefined;
  if (!dump.startsWith('[')) return undefined;
  try {
    const issues = JSON.parse(dump) as unknown;
    if (!Array.isArray(issues) || issues.length === 0) return undefined;
    const valid = issues.every(
      (i) => typeof i === 'object' && i !== null && Array.isArray((i as Issue).path) && typeof (i as Issue).message === 'string',
    );
    return valid ? (issues as Issue[]) : undefined;
  } catch {
    return undefined;
  }
}

/** `Invalid params for tools/list: cursor: expected string, received number.` */
export function invalidParamsMessage(method: string, issues: Issue[]): string {
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path[0] === 'params' ? issue.path.slice(1) : issue.path;
    const where = path.length ? `${capText(path.map(String).join('.'), 60)}: ` : '';
    return `${where}${capText(issue.message.replace(/^Invalid input: /, ''), 100)}`;
  });
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  return capText(`Invalid params for ${capText(method, 40)}: ${lines.join('; ')}${more}.`, MAX_MESSAGE);
}

/** The SDK's Server, answering schema-refused params of any method it serves as -32602 with a short message. */
export class GatewayServer extends Server {
  protected override _wrapHandler(
    method: string,
    handler: Parameters<Server['_wrapHandler']>[1],
  ): ReturnType<Server['_wrapHandler']> {
    const wrapped = super._wrapHandler(method, handler);
    return async (request, ctx) => {
      try {
        return await wrapped(request, ctx);
      } catch (error) {
        const issues = schemaIssuesOf(error);
        if (issues) throw new ProtocolError(ProtocolErrorCode.InvalidParams, invalidParamsMessage(method, issues));
        throw error;
      }
    };
  }
}

/**
 * A 4xx JSON-RPC refusal from the SDK's transport with its message cut to
 * MAX_MESSAGE characters; any other response as it is (only refusals are
 * read, so results pass untouched).
 */
export async function withCappedRefusal(response: Response): Promise<Response> {
  if (response.status < 400 || response.status >= 500 || !response.headers.get('content-type')?.startsWith('application/json')) return response;
  const text = await response.text();
  const rebuilt = (body: string) => new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  let message: { error?: { message?: unknown; data?: unknown } };
  try {
    message = JSON.parse(text) as typeof message;
  } catch {
    return rebuilt(text);
  }
  const error = message.error;
  if (!error || typeof error.message !== 'string' || text.length <= MAX_MESSAGE * 2) return rebuilt(text);
  error.message = capText(error.message, MAX_MESSAGE);
  // Detail the SDK attaches repeats the request too; the message says what is wrong.
  if (error.data !== undefined && JSON.stringify(error.data).length > MAX_MESSAGE) delete error.data;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(message), { status: response.status, statusText: response.statusText, headers });
}
