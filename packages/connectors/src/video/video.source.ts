import type { SourceRef } from '../framework/source-ref';

/** The system as operators know it (the name the regulations use). */
export const VIDEO_SOURCE: SourceRef = {
  id: 'video',
  title: { zh: '视频共享交换平台', en: 'video sharing platform' },
};
