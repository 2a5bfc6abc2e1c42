import { aGbCode, aVideoDevice, aVideoPlatform } from './testing/video.factory';
import { deviceRecord, platformRecord, toVideoDeviceFact, toVideoPlatformFact } from './video.mapper';

describe(toVideoPlatformFact.name, () => {
  it('maps a platform payload to the canonical fact with the division of its code', () => {
    const payload = aVideoPlatform({
      platformId: aGbCode({ centreCode: '43060200', typeCode: '200' }),
      cascadeStatus: 'OFFLINE',
      deviceCount: 37,
      lastKeepaliveAt: '2025-05-03T10:00:00+08:00',
    });

    const sut = toVideoPlatformFact(payload);

    expect(sut).toEqual({
      platformId: payload.platformId,
      divisionCode: '430602',
      name: payload.name,
      ownerUnit: payload.ownerUnit,
      ownerUnitCode: payload.ownerUnitCode,
      projectCode: payload.projectCode,
      cascadeStatus: 'OFFLINE',
      deviceCount: 37,
      lastKeepaliveAt: '2025-05-03T10:00:00+08:00',
    });
  });

  it('gives null for a missing or blank unit code, project code and keep-alive', () => {
    const { ownerUnitCode: _u, lastKeepaliveAt: _k, ...payload } = aVideoPlatform({ projectCode: '  ' });

    expect(toVideoPlatformFact(payload)).toMatchObject({
      ownerUnitCode: null,
      projectCode: null,
      lastKeepaliveAt: null,
    });
  });

  it('throws on a payload that is not a valid platform', () => {
    expect(() => toVideoPlatformFact({ ...aVideoPlatform(), cascadeStatus: 'UNKNOWN' })).toThrow();
    expect(() => toVideoPlatformFact({ ...aVideoPlatform(), platformId: '43060000' })).toThrow();
  });
});

describe(toVideoDeviceFact.name, () => {
  it('maps a device payload to the canonical fact with division, type and network read from its code', () => {
    const platformId = aGbCode({ typeCode: '200' });
    const payload = aVideoDevice({
      deviceId: '43102100001317000123',
      platformId,
      projectCode: '25-431000-0042',
      status: 'OFF',
      channelCount: 16,
      onlineChannelCount: 9,
    });

    const sut = toVideoDeviceFact(payload);

    expect(sut).toEqual({
      deviceId: '43102100001317000123',
      divisionCode: '431021',
      typeCode: '131',
      networkCode: '7',
      name: payload.name,
      ownerUnit: payload.ownerUnit,
      ownerUnitCode: payload.ownerUnitCode,
      projectCode: '25-431000-0042',
      platformId,
      status: 'OFF',
      channelCount: 16,
      onlineChannelCount: 9,
      registeredAt: payload.registeredAt,
      lastKeepaliveAt: payload.lastKeepaliveAt,
      updatedAt: payload.updatedAt,
    });
  });

  it('gives null for what a directly registered, never updated device lacks', () => {
    const { updatedAt: _u, lastKeepaliveAt: _k, platformId: _p, ...payload } = aVideoDevice();

    expect(toVideoDeviceFact(payload)).toMatchObject({
      platformId: null,
      lastKeepaliveAt: null,
      updatedAt: null,
    });
  });

  it('keeps the offset the platform sent its times with', () => {
    const payload = aVideoDevice({
      registeredAt: '2024-12-31T16:00:00Z',
      updatedAt: '2025-01-01T00:00:00+08:00',
    });

    expect(toVideoDeviceFact(payload)).toMatchObject({
      registeredAt: '2024-12-31T16:00:00Z',
      updatedAt: '2025-01-01T00:00:00+08:00',
    });
  });

  it('throws on a payload that is not a valid device', () => {
    expect(() => toVideoDeviceFact({ ...aVideoDevice(), status: 'REMOVED' })).toThrow();
    expect(() => toVideoDeviceFact({ ...aVideoDevice(), registeredAt: '2025-01-01 08:00:00' })).toThrow();
  });
});

describe(platformRecord.name, () => {
  it('indexes a platform by project code, owner unit and its name as system name', () => {
    const platform = aVideoPlatform({ name: ' 智慧工地监管平台 ' });

    expect(platformRecord(platform, platform)).toEqual({
      kind: 'platform',
      externalId: platform.platformId,
      payload: platform,
      projectCode: platform.projectCode,
      systemName: '智慧工地监管平台',
      unitCode: platform.ownerUnitCode,
      updatedAt: null,
      tombstone: false,
    });
  });
});

describe(deviceRecord.name, () => {
  it('makes a DELETED device a tombstone that names its platform as parent', () => {
    const platformId = aGbCode({ typeCode: '200' });
    const device = aVideoDevice({ status: 'DELETED', platformId });

    expect(deviceRecord(device, device)).toMatchObject({
      kind: 'device',
      externalId: device.deviceId,
      tombstone: true,
      systemName: null,
      parentExternalId: platformId,
    });
  });

  it('gives a directly registered device no parent', () => {
    const device = aVideoDevice({ platformId: null });

    expect(deviceRecord(device, device).parentExternalId).toBeNull();
  });
});
