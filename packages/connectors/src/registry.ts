import type { SourceId } from '@hub/contracts';
import type { ConnectorDefinition } from './framework/connector';
import { dataExchangeConnector } from './data-exchange/data-exchange.connector';
import { govCloudConnector } from './gov-cloud/gov-cloud.connector';
import { mlpsConnector } from './mlps/mlps.connector';
import { servicePlatformsConnector } from './service-platforms/service-platforms.connector';
import { videoConnector } from './video/video.connector';

/**
 * Every connector the hub runs, in the order sources are listed. Adding a source: one folder
 * exporting its {@link ConnectorDefinition}, one line here.
 */
const REGISTERED = [
  govCloudConnector,
  dataExchangeConnector,
  mlpsConnector,
  videoConnector,
  servicePlatformsConnector,
] as const;

/** The registered connectors with their own types: the hub's environment keys are typed from these. */
export type RegisteredConnector = (typeof REGISTERED)[number];

/**
 * Every connector the hub runs (see {@link RegisteredConnector} for their precise types). Each one's
 * settings and config are its own types; the registry holds them erased, and the hub hands each
 * connector only the settings and config its own schemas produced.
 */
export const CONNECTORS = REGISTERED as readonly unknown[] as readonly ConnectorDefinition[];

/** The connector registered for a source, or undefined when none is. */
export function getConnector(id: SourceId): ConnectorDefinition | undefined {
  return CONNECTORS.find((connector) => connector.id === id);
}
