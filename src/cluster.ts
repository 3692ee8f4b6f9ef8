import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Env } from './config/config';
import { bootstrapKeys, firstKeyBanner, openGateway, startGateway } from './gateway';
import type { Logger } from './observability/logger';
import type { ConnectorManifest } from './registry/types';

/**
 * `DESKGATE_WORKERS=N`: N worker processes share the listening port
 * (node:cluster). The gateway keeps no state between requests, so workers
 * need nothing from each other; this only spreads the per-request protocol
 * work (the MCP SDK's, mostly) over the cores. Limits (per-key rate and
 * concurrency, failed sign-ins, vendor request budgets) are counted in the
 * database on PostgreSQL, so workers share them; on SQLite each worker
 * counts in its own memory (src/limits/), and N workers admit up to N times
 * each figure, as the README says. The primary does the
 * first-start duties once, gathers /metrics from all workers, replaces a
 * worker that dies, and on SIGTERM stops them all gracefully.
 */
/**
 * A worker that exits before it listens failed to start (database down, port
 * taken, bad credentials): a replacement would most likely fail the same way,
 * so replacements wait longer after each such failure in a row, and after
 * MAX_START_FAILURES the primary gives up and exits with a clear message
 * instead of re-forking in a tight loop. A worker that listened and died
 * later is replaced at once (and resets the count).
 */
export const MAX_START_FAILURES = 5;
const START_BACKOFF_BASE_MS = 250;
const START_BACKOFF_MAX_MS = 10_000;

/** Wait before replacing a worker after `failures` start failures in a row (1-based). */
export const startBackoffMs = (failures: number) => Math.min(START_BACKOFF_MAX_MS, START_BACKOFF_BASE_MS * 2 ** (failures - 1));

const METRICS_REQUEST = 'deskgate:metrics?';
const METRICS_REPLY = 'deskgate:metrics';

interface MetricsMessage {
  type: string;
  id: number;
  text?: string;
}

export async function runPrimary(options: {
  env: Env;
  catalog: ConnectorManifest<unknown, unknown>[];
  workers: number;
  log: Logger;
  onFirstKey: (banner: string) => void;
}): Promise<void> {
  const { env, catalog, workers, log } = options;
  // Migrations and the first admin key, once, before any worker starts.
  const core = await openGateway({ env, catalog, log });
  let firstKey: string | undefined;
  try {
    firstKey = (await bootstrapKeys(core)).firstAdminKey;
  } finally {
    await core.close();
  }

  const aggregator = new AggregatorRegistry();
  let stopping = false;
  let announced = false;
  /** Workers that reached `listening`; one that exits without being here failed to start. */
  const listened = new WeakSet<Worker>();
  let startFailures = 0;
  const pendingForks = new Set<NodeJS.Timeout>();

  const fork = () => {
    const worker = cluster.fork({ DESKGATE_CLUSTER_ROLE: 'worker' });
    worker.on('message', (message: MetricsMessage) => {
      if (message?.type !== METRICS_REQUEST) return;
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: METRICS_REPLY, id: message.id, text }),
        () => worker.send({ type: METRICS_REPLY, id: message.id, text: '' }),
      );
    });
    return worker;
  };

  cluster.on('listening', (worker, address) => {
    listened.add(worker);
    startFailures = 0;
    if (announced) return;
    announced = true;
    const host = address.address && !['0.0.0.0', '::'].includes(address.address) ? address.address : '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/mcp`;
    log.info({ url, workers }, 'deskgate cluster listening');
    if (firstKey) options.onFirstKey(firstKeyBanner(url, firstKey));
  });
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    if (listened.has(worker)) {
      log.error({ pid: worker.process.pid, code, signal }, 'worker died; starting a replacement');
      fork();
      return;
    }
    startFailures++;
    if (startFailures >= MAX_START_FAILURES) {
      const message =
        `deskgate: giving up: workers failed to start ${startFailures} times in a row. ` +
        "The worker's own error is printed above (for example the database is unreachable or the port is taken); fix it and start again.";
      log.fatal({ pid: worker.process.pid, code, signal, startFailures }, 'workers keep failing at start; giving up');
      log.flush?.();
      process.stderr.write(`${message}\n`);
      stopAll(1);
      return;
    }
    const waitMs = startBackoffMs(startFailures);
    log.error({ pid: worker.process.pid, code, signal, startFailures, retryInMs: waitMs }, 'worker failed to start; trying again after a pause');
    const timer = setTimeout(() => {
      pendingForks.delete(timer);
      if (!stopping) fork();
    }, waitMs);
    pendingForks.add(timer);
  });

  for (let i = 0; i < workers; i++) fork();

  function stopAll(exitCode: number) {
    if (stopping) return;
    stopping = true;
    for (const timer of pendingForks) clearTimeout(timer);
    pendingForks.clear();
    log.info('shutting down workers: finishing in-flight calls');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    let remaining = alive.length;
    const done = () => {
      log.info('deskgate stopped');
      log.flush?.();
      process.exit(exitCode);
    };
    if (remaining === 0) return done();
    for (const worker of alive) {
      worker.once('exit', () => {
        remaining--;
        if (remaining === 0) done();
      });
      worker.process.kill('SIGTERM');
    }
  }
  const stop = () => stopAll(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** A worker: the whole gateway, without first-start duties, with cluster-wide /metrics. */
export async function runWorker(options: { env: Env; catalog: ConnectorManifest<unknown, unknown>[] }): Promise<void> {
  let nextId = 0;
  const pending = new Map<number, (text: string) => void>();
  process.on('message', (message: MetricsMessage) => {
    if (message?.type !== METRICS_REPLY) return;
    pending.get(message.id)?.(message.text ?? '');
    pending.delete(message.id);
  });
  const gateway = await startGateway({
    ...options,
    skipBootstrap: true,
    metricsText: () =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        process.send?.({ type: METRICS_REQUEST, id });
      }),
  });
  // The primary's aggregator asks each worker for this registry's figures;
  // constructing one here installs prom-client's worker-side answerer.
  AggregatorRegistry.setRegistries([gateway.core.metrics.registry]);
  new AggregatorRegistry();
  const stop = () => {
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // the primary decides; Ctrl-C reaches every process in the group
}

export const isClusterWorker = () => cluster.isWorker && process.env.DESKGATE_CLUSTER_ROLE === 'worker';
