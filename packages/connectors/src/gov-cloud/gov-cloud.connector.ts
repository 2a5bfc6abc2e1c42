import type { ConnectorDefinition } from '../framework/connector';
import { SOURCE_TITLES, ZGovCloudResource, ZGovCloudTenant } from '@hub/contracts';
import { GovCloudClient } from './gov-cloud.client';
import { ZGovCloudConfig, type GovCloudConfig } from './gov-cloud.config';
import {
  GOV_CLOUD_KIND_TITLES,
  GOV_CLOUD_KINDS,
  toCloudResourceFact,
  toCloudTenantFact,
} from './gov-cloud.mapper';
import type { CloudResourceFact } from '@hub/rules';

/** The gov-cloud connector (市电子政务云平台 资源台账): tenants and resources. */
export const govCloudConnector: ConnectorDefinition<GovCloudConfig> = {
  id: 'gov-cloud',
  version: '1.0.0',
  title: SOURCE_TITLES['gov-cloud'],
  records: [
    {
      kind: GOV_CLOUD_KINDS.resource,
      title: GOV_CLOUD_KIND_TITLES.resource,
      schema: ZGovCloudResource,
      group: 'cloud',
      key: 'resources',
      toFact: toCloudResourceFact,
      bindable: true,
    },
    {
      kind: GOV_CLOUD_KINDS.tenant,
      title: GOV_CLOUD_KIND_TITLES.tenant,
      schema: ZGovCloudTenant,
      group: 'cloud',
      key: 'tenants',
      toFact: toCloudTenantFact,
      bindable: false,
      referencedBy: { kind: GOV_CLOUD_KINDS.resource, reference: (r: CloudResourceFact) => r.tenantId },
    },
  ],
  configSchema: ZGovCloudConfig,
  create: (config, deps) => new GovCloudClient(config, deps),
};
