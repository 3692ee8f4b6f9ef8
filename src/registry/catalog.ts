import deskgate from '../../connectors/deskgate/index';
import clockify from '../../connectors/clockify/index';
import desktime from '../../connectors/desktime/index';
import helpdesk from '../../connectors/helpdesk/index';
import onedesk from '../../connectors/onedesk/index';
import time from '../../connectors/time/index';
import type { ConnectorManifest } from './types';

/**
 * Every connector the gateway knows, in the order their tools are listed.
 * Adding a connector is writing its folder and one line here.
 */
export const connectorCatalog = [deskgate, helpdesk, desktime, clockify, onedesk, time] as unknown as ConnectorManifest<unknown, unknown>[];
