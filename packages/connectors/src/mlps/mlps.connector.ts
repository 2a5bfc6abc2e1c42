import { ZMlpsFiling } from '@hub/contracts';
import { defineConnector } from '../framework/connector';
import { MlpsClient } from './mlps.client';
import { MLPS_SETTINGS, mlpsConfigFromSettings, ZMlpsConfig } from './mlps.config';
import { MLPS_SOURCE } from './mlps.source';
import { MLPS_KIND_TITLES, MLPS_KINDS, toFilingFact } from './mlps.mapper';

/** The MLPS connector (网络安全等级保护备案系统): grading-filing records with their evaluations. */
export const mlpsConnector = defineConnector({
  ...MLPS_SOURCE,
  version: '1.0.0',
  records: [
    {
      kind: MLPS_KINDS.filing,
      title: MLPS_KIND_TITLES.filing,
      schema: ZMlpsFiling,
      group: 'mlps',
      key: 'filings',
      toFact: toFilingFact,
      bindable: true,
    },
  ],
  envPrefix: 'MLPS',
  settings: MLPS_SETTINGS,
  secretKeys: ['API_TOKEN'],
  // hourly, at minute 15
  defaultCron: '15 * * * *',
  configFromSettings: mlpsConfigFromSettings,
  configSchema: ZMlpsConfig,
  create: (config, deps) => new MlpsClient(config, deps),
});
