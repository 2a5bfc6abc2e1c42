import { defineConnector } from '../framework/connector';
import { ZGovCloudResource, ZGovCloudTenant } from '@hub/contracts';
import { GovCloudClient } from './gov-cloud.client';
import { GOV_CLOUD_SETTINGS, govCloudConfigFromSettings, ZGovCloudConfig } from './gov-cloud.config';
import { GOV_CLOUD_SOURCE } from './gov-cloud.source';
import {
  GOV_CLOUD_KIND_TITLES,
  GOV_CLOUD_KINDS,
  toCloudResourceFact,
  toCloudTenantFact,
} from './gov-cloud.mapper';
import type { CloudResourceFact } from '@hub/rules';

/** The gov-cloud connector (市电子政务云平台 资源台账): tenants and resources. */
export const govCloudConnector = defineConnector({
  ...GOV_CLOUD_SOURCE,
  version: '1.0.0',
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
  // A recovery asks for the resources of each project's unit's tenants, as stored.
  recoveryNeeds: GOV_CLOUD_KINDS.tenant,
  // A targeted fetch asks for the unit's stored tenants rather than listing every tenant.
  targetedNeeds: GOV_CLOUD_KINDS.tenant,
  envPrefix: 'GOV_CLOUD',
  settings: GOV_CLOUD_SETTINGS,
  secretKeys: ['SECRET_KEY'],
  // hourly, at minute 15
  defaultCron: '15 * * * *',
  configFromSettings: govCloudConfigFromSettings,
  configSchema: ZGovCloudConfig,
  create: (config, deps) => new GovCloudClient(config, deps),
});
