import type { SourceId } from '@hub/contracts';
import type { ConnectorDefinition } from './framework/connector';
import { dataExchangeConnector } from './data-exchange/data-exchange.connector';
import { govCloudConnector } from './gov-cloud/gov-cloud.connector';
import { mlpsConnector } from './mlps/mlps.connector';
import { servicePlatformsConnector } from './service-platforms/service-platforms.connector';
import { videoConnector } from './video/video.connector';

/**
 * Every connector the hub can run. Adding a source: one folder exporting its
 * {@link ConnectorDefinition}, one line here.
 */
export const CONNECTORS: readonly ConnectorDefinition<unknown>[] = [
  govCloudConnector,
  dataExchangeConnector,
  mlpsConnector,
  videoConnector,
  servicePlatformsConnector,
];

/** The connector registered for a source, or undefined when none is (yet). */
export function getConnector(id: SourceId): ConnectorDefinition<unknown> | undefined {
  return CONNECTORS.find((connector) => connector.id === id);
}
