import type { ConnectorDefinition } from '../framework/connector';
import { SOURCE_TITLES } from '@hub/contracts';
import { GovCloudClient } from './gov-cloud.client';
import { ZGovCloudConfig, type GovCloudConfig } from './gov-cloud.config';
import { GOV_CLOUD_KINDS } from './gov-cloud.mapper';

/** The gov-cloud connector (市电子政务云平台 资源台账): tenants and resources. */
export const govCloudConnector: ConnectorDefinition<GovCloudConfig> = {
  id: 'gov-cloud',
  version: '1.0.0',
  title: SOURCE_TITLES['gov-cloud'],
  kinds: Object.values(GOV_CLOUD_KINDS),
  configSchema: ZGovCloudConfig,
  create: (config, deps) => new GovCloudClient(config, deps),
};
