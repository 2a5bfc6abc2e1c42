import type { SourceRef } from '../framework/source-ref';

/** The system as operators know it (the name the regulations use). */
export const MLPS_SOURCE: SourceRef = {
  id: 'mlps',
  title: { zh: '网络安全等级保护备案系统', en: 'MLPS filing registry' },
};
