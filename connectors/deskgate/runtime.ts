import { toolFactory, type GatewayView } from '../../src/registry/types';

/** The gateway's own tools see the running gateway (connectors, runtimes, tool table), never a vendor of their own. */
export interface DeskgateRuntime {
  gateway: () => GatewayView;
  /** The clock "today" is read from; tests replace it. */
  now: () => Date;
}

export const defineTool = toolFactory<DeskgateRuntime>();
