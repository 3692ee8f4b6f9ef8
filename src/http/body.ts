export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; message: string };

/**
 * Reads a JSON request body once, under a size cap. Content-Length over the
 * cap is refused before reading; a body without one (chunked) is counted
 * while it streams and cut off at the cap. The parsed value is handed to the
 * MCP SDK as `parsedBody`, so the body is never read or cloned twice.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, status: 415, message: 'Unsupported Media Type: send Content-Type: application/json.' };
  }
  const tooLarge = { ok: false, status: 413, message: `Request body larger than ${maxBytes} bytes.` } as const;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!request.body) return { ok: false, status: 400, message: 'Parse error: empty body.' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the body is not valid JSON.' };
  }
}
