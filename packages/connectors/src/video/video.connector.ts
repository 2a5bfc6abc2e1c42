import { ZVideoDevice, ZVideoPlatform } from '@hub/contracts';
import { defineConnector } from '../framework/connector';
import { VideoClient } from './video.client';
import { VIDEO_SETTINGS, videoConfigFromSettings, ZVideoConfig } from './video.config';
import { VIDEO_SOURCE } from './video.source';
import { toVideoDeviceFact, toVideoPlatformFact, VIDEO_KIND_TITLES, VIDEO_KINDS } from './video.mapper';

/**
 * The video connector (视频共享交换平台, GB/T 28181): cascaded platforms and devices. A platform binds
 * to a project by project code, or by owner unit and its name as the system name; a device binds by
 * its own project code, and a device under a bound platform belongs to that platform's project.
 */
export const videoConnector = defineConnector({
  ...VIDEO_SOURCE,
  version: '1.0.0',
  records: [
    {
      kind: VIDEO_KINDS.platform,
      title: VIDEO_KIND_TITLES.platform,
      schema: ZVideoPlatform,
      group: 'video',
      key: 'platforms',
      toFact: toVideoPlatformFact,
      bindable: true,
    },
    {
      kind: VIDEO_KINDS.device,
      title: VIDEO_KIND_TITLES.device,
      schema: ZVideoDevice,
      group: 'video',
      key: 'devices',
      toFact: toVideoDeviceFact,
      bindable: true,
      parentKind: VIDEO_KINDS.platform,
    },
  ],
  envPrefix: 'VIDEO',
  settings: VIDEO_SETTINGS,
  secretKeys: ['TOKEN'],
  // hourly, at minute 15
  defaultCron: '15 * * * *',
  configFromSettings: videoConfigFromSettings,
  configSchema: ZVideoConfig,
  create: (config, deps) => new VideoClient(config, deps),
});
