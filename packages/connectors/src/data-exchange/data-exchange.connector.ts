import { ZDataExchangeCatalogEntry, ZDataExchangeStats, ZDataExchangeSystem } from '@hub/contracts';
import { defineConnector } from '../framework/connector';
import { DataExchangeClient } from './data-exchange.client';
import {
  DATA_EXCHANGE_SETTINGS,
  dataExchangeConfigFromSettings,
  ZDataExchangeConfig,
} from './data-exchange.config';
import { DATA_EXCHANGE_SOURCE } from './data-exchange.source';
import {
  DATA_EXCHANGE_KIND_TITLES,
  DATA_EXCHANGE_KINDS,
  toCatalogEntryFact,
  toExchangeStatsFact,
  toExchangeSystemFact,
} from './data-exchange.mapper';

/**
 * The data-exchange connector (政务信息资源共享交换平台): registered systems, bound to projects by
 * project code or unit + system name, and the catalogue entries and exchange statistics that
 * belong to a project through their system.
 */
export const dataExchangeConnector = defineConnector({
  ...DATA_EXCHANGE_SOURCE,
  version: '1.0.0',
  records: [
    {
      kind: DATA_EXCHANGE_KINDS.system,
      title: DATA_EXCHANGE_KIND_TITLES.system,
      schema: ZDataExchangeSystem,
      group: 'dataExchange',
      key: 'systems',
      toFact: toExchangeSystemFact,
      bindable: true,
    },
    {
      kind: DATA_EXCHANGE_KINDS.catalogEntry,
      title: DATA_EXCHANGE_KIND_TITLES.catalogEntry,
      schema: ZDataExchangeCatalogEntry,
      group: 'dataExchange',
      key: 'catalog',
      toFact: toCatalogEntryFact,
      bindable: false,
      parentKind: DATA_EXCHANGE_KINDS.system,
    },
    {
      kind: DATA_EXCHANGE_KINDS.stats,
      title: DATA_EXCHANGE_KIND_TITLES.stats,
      schema: ZDataExchangeStats,
      group: 'dataExchange',
      key: 'stats',
      toFact: toExchangeStatsFact,
      bindable: false,
      parentKind: DATA_EXCHANGE_KINDS.system,
    },
  ],
  // A recovery asks for the catalogue and statistics of each project's systems, as stored.
  recoveryNeeds: DATA_EXCHANGE_KINDS.system,
  envPrefix: 'DATA_EXCHANGE',
  settings: DATA_EXCHANGE_SETTINGS,
  secretKeys: ['CLIENT_SECRET'],
  // hourly, at minute 15
  defaultCron: '15 * * * *',
  configFromSettings: dataExchangeConfigFromSettings,
  configSchema: ZDataExchangeConfig,
  create: (config, deps) => new DataExchangeClient(config, deps),
});
