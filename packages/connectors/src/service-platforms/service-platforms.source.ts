import type { SourceRef } from '../framework/source-ref';

/** The system as operators know it (the name the regulations use). */
export const SERVICE_PLATFORMS_SOURCE: SourceRef = {
  id: 'service-platforms',
  title: {
    zh: '政务服务平台（一网通办/岳办岳好/城市大脑）',
    en: 'government service platforms',
  },
};
