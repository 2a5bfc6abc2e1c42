import { CONNECTORS } from '@hub/connectors';
import { loadEnv } from '../../config/env';
import { syncCronOf } from './scan-scheduler.service';

describe(syncCronOf.name, () => {
  it('syncs each source on its connector’s schedule when nothing is configured', () => {
    const env = loadEnv({});

    for (const connector of CONNECTORS) expect(syncCronOf(env, connector.id)).toBe(connector.defaultCron);
  });

  it('lets HUB_SYNC_CRON set every source, and a source’s own key win over it', () => {
    const env = loadEnv({ HUB_SYNC_CRON: '0 * * * *', MLPS_SYNC_CRON: 'off' });

    expect(syncCronOf(env, 'mlps')).toBe('off');
    expect(syncCronOf(env, 'gov-cloud')).toBe('0 * * * *');
    expect(syncCronOf(loadEnv({ HUB_SYNC_CRON: 'off' }), 'video')).toBe('off');
  });

  it('refuses a source no connector is registered for', () => {
    expect(() => syncCronOf(loadEnv({}), 'weather')).toThrow(/weather/);
  });
});
