import {
  creditCodeCheckChar,
  type THubApplication,
  type TMobileService,
  type TSandboxDataset,
  type TYwtbSystem,
} from '@hub/contracts';

/**
 * Records of the three registries, valid against the contract by construction and unique on every
 * call, for building the datasets the simulator tests serve.
 */

let sequence = 0;
const next = (): number => ++sequence;

function unitCode(n: number): string {
  const first17 = `1243060${String(n).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

type Extra = Record<string, unknown>;

export function aYwtbSystem(overrides: Partial<TYwtbSystem> & Extra = {}): TYwtbSystem & Extra {
  const n = next();
  return {
    systemCode: `YWTB-${String(n).padStart(6, '0')}`,
    systemName: `政务服务业务系统${n}`,
    unitName: `岳阳市测试局${n}`,
    unitCode: unitCode(n),
    projectCode: `25-430600-${String(n % 10_000).padStart(4, '0')}`,
    status: 'ONLINE',
    items: { unifiedIdentity: true, unifiedIntake: true, caseDataReturn: false },
    mattersCount: n,
    lastCaseReturnAt: '2025-06-01T08:00:00+08:00',
    onlineAt: '2024-01-15T10:00:00+08:00',
    ...overrides,
  };
}

export function aMobileService(overrides: Partial<TMobileService> & Extra = {}): TMobileService & Extra {
  const n = next();
  return {
    serviceId: `svc-${String(n).padStart(6, '0')}`,
    serviceName: `掌上服务${n}`,
    unitName: `岳阳市测试局${n}`,
    unitCode: unitCode(n),
    projectCode: null,
    kind: 'MINIAPP',
    status: 'ONLINE',
    publishedAt: '2025-02-01T09:00:00+08:00',
    monthlyActiveUsers: 100 * n,
    ...overrides,
  };
}

export function aHubApplication(overrides: Partial<THubApplication> & Extra = {}): THubApplication & Extra {
  const n = next();
  return {
    appId: `app-${String(n).padStart(6, '0')}`,
    appName: `城市大脑应用${n}`,
    unitName: `郴州市测试局${n}`,
    unitCode: unitCode(n),
    projectCode: `25-431000-${String(n % 10_000).padStart(4, '0')}`,
    accessMode: 'DATA',
    status: 'CONNECTED',
    lastHeartbeatAt: '2025-06-30T08:59:00+08:00',
    ...overrides,
  };
}

/** A dataset holding only service-platform records; the other systems are empty. */
export function servicePlatformsDataset(registries: TSandboxDataset['servicePlatforms']): TSandboxDataset {
  return {
    govCloud: { tenants: [], resources: [] },
    dataExchange: { systems: [], catalog: [], stats: [] },
    mlps: { filings: [] },
    video: { platforms: [], devices: [] },
    servicePlatforms: registries,
  };
}
