/**
 * Child process of bench/run.ts: a loopback OTLP/HTTP receiver for the
 * "OTel off vs on" rows. It takes every POST /v1/traces (JSON), counts the
 * spans and answers 200, as a collector would; asked 'count' over IPC it
 * reports how many spans arrived. Prints one JSON line with its URL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let spans = 0;
let exports = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    exports++;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] };
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans += ss.spans?.length ?? 0;
    } catch {
      // not JSON: counted as an export, no spans
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.on('message', (msg) => {
  if (msg === 'count') process.send?.({ spans, exports });
});
