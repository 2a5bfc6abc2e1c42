import { creditCodeCheckChar, type TVideoDevice, type TVideoPlatform } from '@hub/contracts';

/**
 * Factories of video platform records valid against the contract by construction, each call with
 * unique GB/T 28181 codes, credit codes and times so tests never share or copy fixtures.
 */

let sequence = 0;
const next = (): number => ++sequence;

/** Epoch ms of the first factory instant; later ones step a minute each, so order is creation order. */
const EPOCH = Date.parse('2025-05-01T08:00:00+08:00');

export const VIDEO_TEST_BASE_URL = 'http://video.test';
export const VIDEO_TEST_TOKEN = 'video-hub-test-token';

/** An ISO instant with the +08:00 offset the platform sends. */
export function beijingInstant(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/**
 * A unique 20-digit GB/T 28181 code: the centre code (岳阳市 43060000 unless given), industry 00, the
 * type code, the network digit and a serial no other call returns.
 */
export function aGbCode(opts: { centreCode?: string; typeCode?: string; networkCode?: string } = {}): string {
  const { centreCode = '43060000', typeCode = '132', networkCode = '6' } = opts;
  return `${centreCode}00${typeCode}${networkCode}${String(next()).padStart(6, '0')}`;
}

/** A valid 统一社会信用代码 that no other call returns. */
export function aCreditCode(): string {
  const first17 = `1143060${String(next()).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A 项目编码 that no other call returns. */
export function aProjectCode(): string {
  return `25-430600-${String(next() % 10_000).padStart(4, '0')}`;
}

/** Extra, undocumented fields are allowed: the contract says unknown fields may appear. */
type Extra = Record<string, unknown>;

export function aVideoPlatform(overrides: Partial<TVideoPlatform> & Extra = {}): TVideoPlatform & Extra {
  const n = next();
  return {
    platformId: aGbCode({ typeCode: '200' }),
    name: `测试视频监控平台${n}`,
    ownerUnit: `岳阳市测试单位${n}`,
    ownerUnitCode: aCreditCode(),
    projectCode: aProjectCode(),
    cascadeStatus: 'ONLINE',
    deviceCount: 12,
    lastKeepaliveAt: beijingInstant(EPOCH + n * 60_000),
    ...overrides,
  };
}

export function aVideoDevice(overrides: Partial<TVideoDevice> & Extra = {}): TVideoDevice & Extra {
  const n = next();
  return {
    deviceId: aGbCode(),
    name: `测试路口枪机${n}`,
    ownerUnit: `岳阳市测试单位${n}`,
    ownerUnitCode: aCreditCode(),
    projectCode: null,
    platformId: null,
    status: 'ON',
    channelCount: 4,
    onlineChannelCount: 3,
    registeredAt: beijingInstant(EPOCH + n * 60_000),
    lastKeepaliveAt: beijingInstant(EPOCH + n * 60_000 + 10_000),
    updatedAt: beijingInstant(EPOCH + n * 60_000 + 30_000),
    ...overrides,
  };
}

/** `{code: 200}` envelope around a page. */
export function videoPageBody(list: unknown[], total: number = list.length) {
  return { code: 200, message: 'success', data: { list, total } };
}

/** An error envelope, as the platform sends it with HTTP 200. */
export function videoErrorBody(code: number, message: string) {
  return { code, message, data: null };
}
