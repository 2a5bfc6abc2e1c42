import { ZHubApplication, ZMobileService, ZYwtbSystem } from '@hub/contracts';
import { defineConnector } from '../framework/connector';
import { ServicePlatformsClient } from './service-platforms.client';
import {
  SERVICE_PLATFORMS_SETTINGS,
  servicePlatformsConfigFromSettings,
  ZServicePlatformsConfig,
} from './service-platforms.config';
import { SERVICE_PLATFORMS_SOURCE } from './service-platforms.source';
import {
  SERVICE_PLATFORMS_KIND_TITLES,
  SERVICE_PLATFORMS_KINDS,
  toHubApplicationFact,
  toMobileServiceFact,
  toYwtbSystemFact,
} from './service-platforms.mapper';

/**
 * The service-platforms connector: systems integrated with 一网通办, services in the 岳办岳好 app and
 * applications connected to the 城市大脑中枢, all behind one gateway. Each record binds to a project on
 * its own (project code, or unit + system / service / app name).
 */
export const servicePlatformsConnector = defineConnector({
  ...SERVICE_PLATFORMS_SOURCE,
  version: '1.0.0',
  records: [
    {
      kind: SERVICE_PLATFORMS_KINDS.ywtbSystem,
      title: SERVICE_PLATFORMS_KIND_TITLES.ywtbSystem,
      schema: ZYwtbSystem,
      group: 'services',
      key: 'ywtb',
      toFact: toYwtbSystemFact,
      bindable: true,
    },
    {
      kind: SERVICE_PLATFORMS_KINDS.mobileService,
      title: SERVICE_PLATFORMS_KIND_TITLES.mobileService,
      schema: ZMobileService,
      group: 'services',
      key: 'ybyh',
      toFact: toMobileServiceFact,
      bindable: true,
    },
    {
      kind: SERVICE_PLATFORMS_KINDS.hubApplication,
      title: SERVICE_PLATFORMS_KIND_TITLES.hubApplication,
      schema: ZHubApplication,
      group: 'services',
      key: 'brain',
      toFact: toHubApplicationFact,
      bindable: true,
    },
  ],
  envPrefix: 'SERVICE_PLATFORMS',
  settings: SERVICE_PLATFORMS_SETTINGS,
  secretKeys: ['APP_SECRET'],
  // hourly, at minute 15
  defaultCron: '15 * * * *',
  configFromSettings: servicePlatformsConfigFromSettings,
  configSchema: ZServicePlatformsConfig,
  create: (config, deps) => new ServicePlatformsClient(config, deps),
});
