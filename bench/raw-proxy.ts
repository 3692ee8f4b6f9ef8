/**
 * Child process of bench/run.ts: the least any HTTP hop can do, for scale in
 * the overhead table. A bare node:http server that forwards each GET to the
 * vendor stand-in through an undici Pool and copies the body back: no
 * framework, no JSON parsing, no auth, no MCP. `raw-proxy.ts <vendor-url>`
 * prints one JSON line with its URL, then serves until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const pool = new Pool(process.argv[2]!, { connections: 16 });
const server = createServer((req, res) => {
  pool
    .request({ method: 'GET', path: req.url ?? '/' })
    .then(async (upstream) => {
      const body = await upstream.body.text();
      res.writeHead(upstream.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })
    .catch(() => {
      res.writeHead(502).end();
    });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
// CPU time this process spent (user + system, µs), as the gateway reports its own.
process.on('message', (msg) => {
  if (msg === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
