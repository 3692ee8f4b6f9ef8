import { z } from 'zod';
import { loadTools } from '../../src/registry/load-tools';
import type { ConnectorManifest } from '../../src/registry/types';
import type { DeskgateRuntime } from './runtime';

export type { DeskgateRuntime } from './runtime';

const tools = await loadTools<DeskgateRuntime>(new URL('./tools/', import.meta.url));

/**
 * The gateway's own tools (`deskgate_*`): about the caller and the gateway,
 * not a vendor. Always enabled, listed for every role and every key (a key
 * limited to some connectors still has them), no variables of its own.
 */
export const deskgateManifest: ConnectorManifest<Record<string, never>, DeskgateRuntime> = {
  id: 'deskgate',
  title: 'deskgate (the gateway itself)',
  core: true,
  minRole: 'user',
  configSchema: z.object({}).transform(() => ({}) as Record<string, never>),
  env: [],
  isConfigured: () => true,
  toolsets: [{ id: 'core', description: 'Who you are in each system and how your calls act.', default: true }],
  tools,
  start: (_config, _common, services) => ({ gateway: services.gateway, now: () => new Date() }),
  healthCheck: async () => ({ ok: true, detail: 'built in' }),
};

export default deskgateManifest;
