import type { SourceRef } from '../framework/source-ref';

/** The system as operators know it (the name the regulations use). */
export const GOV_CLOUD_SOURCE: SourceRef = {
  id: 'gov-cloud',
  title: { zh: '政务云资源台账', en: 'government cloud resource inventory' },
};
