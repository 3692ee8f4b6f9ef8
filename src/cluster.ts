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
 * work (the MCP SDK's, mostly) over the cores. The primary does the
 * first-start duties once, gathers /metrics from all workers, replaces a
 * worker that dies, and on SIGTERM stops them all gracefully.
 */
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

  cluster.on('listening', (_worker, address) => {
    if (announced) return;
    announced = true;
    const host = address.address && !['0.0.0.0', '::'].includes(address.address) ? address.address : '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/mcp`;
    log.info({ url, workers }, 'deskgate cluster listening');
    if (firstKey) options.onFirstKey(firstKeyBanner(url, firstKey));
  });
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    log.error({ pid: worker.process.pid, code, signal }, 'worker died; starting a replacement');
    fork();
  });

  for (let i = 0; i < workers; i++) fork();

  const stop = () => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down workers: finishing in-flight calls');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    let remaining = alive.length;
    if (remaining === 0) process.exit(0);
    for (const worker of alive) {
      worker.once('exit', () => {
        remaining--;
        if (remaining === 0) {
          log.info('deskgate stopped');
          log.flush?.();
          process.exit(0);
        }
      });
      worker.process.kill('SIGTERM');
    }
  };
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
