export type BodyRead = { kind: 'ok'; bytes: Uint8Array } | { kind: 'too_large' };

/**
 * Reads a response body but stops at `maxBytes`: a vendor answering with a
 * huge (or endless) body must not exhaust the gateway's memory. Stops before
 * reading anything when Content-Length already says it is too big.
 */
export async function readBodyCapped(response: Response, maxBytes: number): Promise<BodyRead> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'too_large' };
  }
  if (!response.body) return { kind: 'ok', bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { kind: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'ok', bytes };
}

export type ParsedJson = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'not_json' };

/** Parses a body as JSON; the text itself never leaves this function. */
export function parseJsonBody(bytes: Uint8Array): ParsedJson {
  const text = new TextDecoder().decode(bytes).trim();
  if (text === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'not_json' };
  }
}
