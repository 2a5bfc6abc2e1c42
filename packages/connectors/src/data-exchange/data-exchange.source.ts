import type { SourceRef } from '../framework/source-ref';

/** The system as operators know it (the name the regulations use). */
export const DATA_EXCHANGE_SOURCE: SourceRef = {
  id: 'data-exchange',
  title: { zh: '政务信息资源共享交换平台', en: 'data sharing and exchange platform' },
};
