import { SOURCE_TITLES, ZMlpsFiling } from '@hub/contracts';
import type { ConnectorDefinition } from '../framework/connector';
import { MlpsClient } from './mlps.client';
import { ZMlpsConfig, type MlpsConfig } from './mlps.config';
import { MLPS_KIND_TITLES, MLPS_KINDS, toFilingFact } from './mlps.mapper';

/** The MLPS connector (网络安全等级保护备案系统): grading-filing records with their evaluations. */
export const mlpsConnector: ConnectorDefinition<MlpsConfig> = {
  id: 'mlps',
  version: '1.0.0',
  title: SOURCE_TITLES.mlps,
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
  configSchema: ZMlpsConfig,
  create: (config, deps) => new MlpsClient(config, deps),
};
