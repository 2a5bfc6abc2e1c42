import { RecordingLogger } from '../testing/recording-logger';
import { aVideoDevice, aVideoPlatform } from './testing/video.factory';
import { VideoClient } from './video.client';
import { videoConnector } from './video.connector';

describe('videoConnector', () => {
  it('declares platforms and devices in the video group, devices belonging through their platform', () => {
    expect(
      videoConnector.records.map(({ kind, group, key, bindable, parentKind }) => ({
        kind,
        group,
        key,
        bindable,
        parentKind,
      })),
    ).toEqual([
      { kind: 'platform', group: 'video', key: 'platforms', bindable: true, parentKind: undefined },
      { kind: 'device', group: 'video', key: 'devices', bindable: true, parentKind: 'platform' },
    ]);
    expect(videoConnector).toMatchObject({ id: 'video', title: { zh: '视频共享交换平台' } });
  });

  it('maps stored payloads to facts through its record specs', () => {
    const [platforms, devices] = videoConnector.records;
    const platform = aVideoPlatform();
    const device = aVideoDevice({ platformId: platform.platformId });

    expect(platforms!.toFact(platform)).toMatchObject({ platformId: platform.platformId });
    expect(devices!.toFact(device)).toMatchObject({
      deviceId: device.deviceId,
      platformId: platform.platformId,
    });
  });

  it('creates a client from config validated by its schema, defaults filled in', () => {
    const config = videoConnector.configSchema.parse({ baseUrl: 'http://127.0.0.1:4104', token: 'tk' });

    const sut = videoConnector.create(config, { logger: new RecordingLogger() });

    expect(config).toEqual({
      baseUrl: 'http://127.0.0.1:4104',
      token: 'tk',
      pageSize: 500,
      cityDivisionCodes: ['430600', '431000'],
      timeoutMs: 10_000,
      maxAttempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      breakerThreshold: 5,
      breakerCooldownMs: 30_000,
      maxConcurrency: 4,
      maxRequestsPerSecond: 20,
      reaskLostPages: true,
      reaskDelayMs: 2_000,
    });
    expect(sut).toBeInstanceOf(VideoClient);
    expect(sut.circuitState()).toBe('closed');
  });

  it('reads numbers and a comma-separated list of division codes given as strings, as environment variables are', () => {
    const config = videoConnector.configSchema.parse({
      baseUrl: 'https://vss.example.gov.cn/gw',
      token: 'tk',
      pageSize: '1000',
      timeoutMs: '5000',
      cityDivisionCodes: ' 431000 , 430600',
    });

    expect(config).toMatchObject({
      pageSize: 1000,
      timeoutMs: 5_000,
      cityDivisionCodes: ['431000', '430600'],
    });
  });

  it('rejects a config with every bad key listed', () => {
    const result = videoConnector.configSchema.safeParse({
      baseUrl: 'ftp://vss',
      token: '',
      pageSize: 1001,
      cityDivisionCodes: '4306',
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'baseUrl',
      'cityDivisionCodes.0',
      'pageSize',
      'token',
    ]);
  });

  it('rejects an empty list of division codes', () => {
    const result = videoConnector.configSchema.safeParse({
      baseUrl: 'http://vss',
      token: 'tk',
      cityDivisionCodes: '',
    });

    expect(result.success).toBe(false);
  });
});
