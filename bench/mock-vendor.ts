/** Child process of bench/run.ts: a loopback mock vendor answering GET /items/:id with small JSON. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const id = req.url?.split('/').pop()?.split('?')[0] ?? '0';
  const body = JSON.stringify({ id, name: `Item ${id}`, hours: 7.5 });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
