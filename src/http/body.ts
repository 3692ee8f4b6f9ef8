import type { IncomingMessage } from 'node:http';
import { ClientAborted, isClientAbort } from './client-abort';

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; message: string };

export type FormResult =
  | { ok: true; value: Record<string, string> }
  | { ok: false; status: 413 | 415; message: string };

const tooLarge = (maxBytes: number) => ({ ok: false, status: 413, message: `Request body larger than ${maxBytes} bytes.` }) as const;

function parse(buffer: Buffer): BodyResult {
  if (buffer.length === 0) return { ok: false, status: 400, message: 'Parse error: empty body.' };
  try {
    return { ok: true, value: JSON.parse(buffer.toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the body is not valid JSON.' };
  }
}

/** Reads a Node request stream, stopping at the cap. */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Read no further: the answer is 413 (with Connection: close, the
        // socket ends after it; without, the server drains a bounded amount).
        incoming.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // A client that goes away mid-body is not a gateway error (src/http/client-abort.ts).
    const onError = (error: Error) => {
      cleanup();
      reject(isClientAbort(error, incoming) ? new ClientAborted() : error);
    };
    const onClose = () => {
      cleanup();
      reject(new ClientAborted());
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** Reads a web-standard body (in-process `app.request` in tests), stopping at the cap. */
async function readWebBody(request: Request, maxBytes: number): Promise<Buffer | 'too-large'> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads a JSON request body once, under a size cap. Content-Length over the
 * cap is refused before reading; a body without one (chunked) is counted
 * while it streams and cut off at the cap. On the Node server the bytes come
 * straight from the IncomingMessage (no web-stream adapter on the hot path).
 * The parsed value goes to the MCP SDK as `parsedBody`, so the body is never
 * read or cloned twice.
 */
export async function readJsonBody(request: Request, maxBytes: number, incoming?: IncomingMessage): Promise<BodyResult> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, status: 415, message: 'Unsupported Media Type: send Content-Type: application/json.' };
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  const bytes = incoming ? await readIncoming(incoming, maxBytes) : await readWebBody(request, maxBytes);
  if (bytes === 'too-large') return tooLarge(maxBytes);
  return parse(bytes);
}

/**
 * Reads an HTML form post (application/x-www-form-urlencoded) under a cap,
 * the same way: Content-Length over the cap refused before reading, a
 * chunked body cut off at it. Any other type, multipart included, is 415
 * before a byte is read. Fields are strings (the first of a repeated name).
 * A refused request should be answered with Connection: close.
 */
export async function readFormBody(request: Request, maxBytes: number, incoming?: IncomingMessage): Promise<FormResult> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    return { ok: false, status: 415, message: 'Unsupported Media Type: this form is sent as application/x-www-form-urlencoded.' };
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  const bytes = incoming ? await readIncoming(incoming, maxBytes) : await readWebBody(request, maxBytes);
  if (bytes === 'too-large') return tooLarge(maxBytes);
  const value = Object.create(null) as Record<string, string>;
  for (const [name, field] of new URLSearchParams(bytes.toString('utf8'))) {
    if (!(name in value)) value[name] = field;
  }
  return { ok: true, value };
}
