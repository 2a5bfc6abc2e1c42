import {
  creditCodeCheckChar,
  ZSandboxDataset,
  type TSandboxDataset,
  type TVideoDevice,
  type TVideoPlatform,
} from '@hub/contracts';

/**
 * Video records valid against the contract by construction, each call with unique GB/T 28181 codes
 * and change times, for the simulator's tests (the demo city has no video records yet).
 */

let sequenceNo = 0;
const next = (): number => ++sequenceNo;

/** Epoch ms of the first factory instant; later ones step a minute each, so order is creation order. */
const EPOCH = Date.parse('2025-04-01T08:00:00+08:00');

/** An ISO instant with the +08:00 offset the platform sends. */
export function beijingInstant(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** A 20-digit code: Yueyang centre code, industry 00, the given type, network 6, a unique serial. */
export function aGbCode(typeCode: string, centreCode = '43060000'): string {
  return `${centreCode}00${typeCode}6${String(next()).padStart(6, '0')}`;
}

/** A valid 统一社会信用代码 that no other call returns. */
export function aCreditCode(): string {
  const first17 = `1143060${String(next()).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

type Extra = Record<string, unknown>;

export function aVideoPlatform(overrides: Partial<TVideoPlatform> & Extra = {}): TVideoPlatform & Extra {
  const n = next();
  return {
    platformId: aGbCode('200'),
    name: `测试视频平台${n}`,
    ownerUnit: `岳阳市测试单位${n}`,
    ownerUnitCode: aCreditCode(),
    projectCode: `25-430600-${String(n % 10_000).padStart(4, '0')}`,
    cascadeStatus: 'ONLINE',
    deviceCount: 2,
    lastKeepaliveAt: beijingInstant(EPOCH + n * 60_000),
    ...overrides,
  };
}

export function aVideoDevice(overrides: Partial<TVideoDevice> & Extra = {}): TVideoDevice & Extra {
  const n = next();
  return {
    deviceId: aGbCode('132'),
    name: `测试摄像机${n}`,
    ownerUnit: `岳阳市测试单位${n}`,
    ownerUnitCode: null,
    projectCode: null,
    platformId: null,
    status: 'ON',
    channelCount: 4,
    onlineChannelCount: 4,
    registeredAt: beijingInstant(EPOCH + n * 60_000),
    lastKeepaliveAt: beijingInstant(EPOCH + n * 60_000 + 10_000),
    updatedAt: beijingInstant(EPOCH + n * 60_000 + 30_000),
    ...overrides,
  };
}

/** A sandbox dataset holding only the given video records. */
export function videoDataset(video: { platforms: unknown[]; devices: unknown[] }): TSandboxDataset {
  return ZSandboxDataset.parse({ govCloud: { tenants: [], resources: [] }, video });
}
