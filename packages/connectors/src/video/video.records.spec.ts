import { aGbCode, aVideoDevice, aVideoPlatform } from './testing/video.factory';
import { CityDivisions, devicePage, OUTSIDE_CITY_REASON, platformPage } from './video.records';

describe(CityDivisions.name, () => {
  it('takes a code as the city’s when its prefecture matches one of the division codes', () => {
    const sut = new CityDivisions(['430600', '431000']);

    expect(sut.includes('43060000002006000001')).toBe(true);
    expect(sut.includes('43062600001326000001')).toBe(true);
    expect(sut.includes('43102100001326000001')).toBe(true);
    expect(sut.includes('43070000001326000001')).toBe(false);
    expect(sut.includes('11010500001326000001')).toBe(false);
  });
});

describe(devicePage.name, () => {
  const city = new CityDivisions(['430600']);

  it('keeps every valid device, reporting those coded outside the city as well as the invalid ones', () => {
    const ours = aVideoDevice();
    const foreign = aVideoDevice({ deviceId: aGbCode({ centreCode: '44030000' }) });
    const malformed = aVideoDevice({ deviceId: '4306000000132600000X' });

    const sut = devicePage([ours, foreign, malformed], city);

    expect(sut.page.records.map((r) => r.externalId)).toEqual([ours.deviceId, foreign.deviceId]);
    expect(sut.valid.map((v) => v.value.deviceId)).toEqual([ours.deviceId, foreign.deviceId]);
    expect(sut.page.problems.map((p) => [p.externalId, p.reason.en])).toEqual([
      [malformed.deviceId, expect.stringContaining('does not match the upstream contract')],
      [foreign.deviceId, OUTSIDE_CITY_REASON.en],
    ]);
  });
});

describe(platformPage.name, () => {
  it('reports a platform coded in another prefecture with the raw payload, and keeps its record', () => {
    const foreign = aVideoPlatform({ platformId: aGbCode({ centreCode: '43070000', typeCode: '200' }) });

    const sut = platformPage([foreign], new CityDivisions(['430600', '431000']));

    expect(sut.page.records.map((r) => r.externalId)).toEqual([foreign.platformId]);
    expect(sut.page.problems).toEqual([
      {
        kind: 'platform',
        externalId: foreign.platformId,
        reason: {
          zh: '国标编码不属于本市行政区划：记录已保存，但不计为接入本市视频平台',
          en: "GB/T 28181 code outside the city's division: stored, but not counted as connected to this city's platform",
        },
        issues: [
          {
            path: 'platformId',
            message: `prefecture 4307 of ${foreign.platformId} is not one of the city's (4306, 4310)`,
          },
        ],
        payload: foreign,
        warning: true,
      },
    ]);
  });
});
