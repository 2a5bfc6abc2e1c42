import {
  ServicePlatformsCode,
  creditCodeCheckChar,
  type THubApplication,
  type TMobileService,
  type TYwtbSystem,
} from '@hub/contracts';

/**
 * Factories of service-platform records valid against the contract by construction, each call with
 * unique ids, codes, names and times so tests never share or copy fixtures.
 */

let sequence = 0;
const next = (): number => ++sequence;

/** Epoch ms of the first factory instant; later ones step a minute each. */
const EPOCH = Date.parse('2025-04-01T09:00:00+08:00');

/** An ISO instant with the +08:00 offset the gateway sends. */
function beijingInstant(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** A valid 统一社会信用代码 that no other call returns. */
export function aUnitCode(): string {
  const first17 = `1243060${String(next()).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A 项目编码 that no other call returns. */
export function aProjectCode(): string {
  return `25-430600-${String(next() % 10_000).padStart(4, '0')}`;
}

/** Extra, undocumented fields are allowed: the contract says unknown fields may appear. */
type Extra = Record<string, unknown>;

export function aYwtbSystem(overrides: Partial<TYwtbSystem> & Extra = {}): TYwtbSystem & Extra {
  const n = next();
  return {
    systemCode: `YWTB-SYS-${String(n).padStart(6, '0')}`,
    systemName: `岳阳市政务服务业务系统${n}`,
    unitName: `岳阳市测试局${n}`,
    unitCode: aUnitCode(),
    projectCode: aProjectCode(),
    status: 'ONLINE',
    items: { unifiedIdentity: true, unifiedIntake: true, caseDataReturn: true, unifiedEvaluation: false },
    mattersCount: n % 40,
    lastCaseReturnAt: beijingInstant(EPOCH + n * 60_000),
    onlineAt: beijingInstant(EPOCH - 90 * 86_400_000 + n * 60_000),
    ...overrides,
  };
}

export function aMobileService(overrides: Partial<TMobileService> & Extra = {}): TMobileService & Extra {
  const n = next();
  return {
    serviceId: `ybyh-svc-${n.toString(36).padStart(6, '0')}`,
    serviceName: `掌上办事服务${n}`,
    unitName: `岳阳市测试局${n}`,
    unitCode: aUnitCode(),
    projectCode: aProjectCode(),
    kind: 'H5',
    status: 'ONLINE',
    publishedAt: beijingInstant(EPOCH + n * 60_000),
    monthlyActiveUsers: 1_000 + n,
    ...overrides,
  };
}

export function aHubApplication(overrides: Partial<THubApplication> & Extra = {}): THubApplication & Extra {
  const n = next();
  return {
    appId: `brain-app-${n.toString(36).padStart(6, '0')}`,
    appName: `城市大脑接入应用${n}`,
    unitName: `郴州市测试局${n}`,
    unitCode: aUnitCode(),
    projectCode: aProjectCode(),
    accessMode: 'API',
    status: 'CONNECTED',
    lastHeartbeatAt: beijingInstant(EPOCH + n * 60_000),
    ...overrides,
  };
}

/** `{code: "00000"}` envelope around one page of rows. */
export function pageBody(rows: unknown[], total: number = rows.length) {
  return { code: ServicePlatformsCode.OK, message: 'success', data: { total, rows } };
}

/** An error envelope as the gateway sends it: no data. */
export function errorBody(code: string, message: string) {
  return { code, message };
}
