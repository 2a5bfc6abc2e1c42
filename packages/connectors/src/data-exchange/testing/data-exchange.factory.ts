import {
  creditCodeCheckChar,
  type TDataExchangeCatalogEntry,
  type TDataExchangeStats,
  type TDataExchangeSystem,
} from '@hub/contracts';

/**
 * Factories of data-exchange records valid against the contract by construction, each call with
 * unique ids, codes and times so tests never share or copy fixtures; and the platform's answers
 * (token, envelopes, pages) around them.
 */

let sequence = 0;
const next = (): number => ++sequence;

/** Epoch ms of the first factory instant; later ones step a minute each, so order is creation order. */
const EPOCH = Date.parse('2025-04-01T09:00:00+08:00');

/** Extra, undocumented fields are allowed: the contract says unknown fields may appear. */
type Extra = Record<string, unknown>;

/** An ISO instant with the +08:00 offset the platform sends. */
export function beijingInstant(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** A valid 统一社会信用代码 that no other call returns. */
export function aUnitCode(): string {
  const first17 = `1143060${String(next()).padStart(8, '0')}MB`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A 项目编码 that no other call returns. */
export function aProjectCodeForExchange(): string {
  return `25-430600-${String(next() % 10_000).padStart(4, '0')}`;
}

export function anExchangeSystem(
  overrides: Partial<TDataExchangeSystem> & Extra = {},
): TDataExchangeSystem & Extra {
  const n = next();
  return {
    systemId: `SYS-430600-${String(n).padStart(4, '0')}`,
    systemName: `测试共享系统${n}`,
    unitName: `岳阳市测试局${n}`,
    unitCode: aUnitCode(),
    projectCode: aProjectCodeForExchange(),
    accessStatus: 'CONNECTED',
    connectedAt: beijingInstant(EPOCH + n * 60_000),
    modifiedAt: beijingInstant(EPOCH + n * 60_000 + 30_000),
    ...overrides,
  };
}

export function aCatalogEntry(
  overrides: Partial<TDataExchangeCatalogEntry> & Extra = {},
): TDataExchangeCatalogEntry & Extra {
  const n = next();
  return {
    resourceCode: `430600-11430600MB1234567X-${String(n).padStart(5, '0')}`,
    resourceName: `测试信息资源${n}`,
    systemId: `SYS-430600-${String(n).padStart(4, '0')}`,
    providerUnit: `岳阳市测试局${n}`,
    shareType: 'CONDITIONAL',
    notSharedBasis: null,
    updateCycle: 'DAILY',
    mountType: 'API',
    lastDataUpdateAt: beijingInstant(EPOCH + n * 60_000),
    status: 'PUBLISHED',
    modifiedAt: beijingInstant(EPOCH + n * 60_000 + 30_000),
    ...overrides,
  };
}

export function anExchangeStats(
  overrides: Partial<TDataExchangeStats> & Extra = {},
): TDataExchangeStats & Extra {
  const n = next();
  return {
    systemId: `SYS-430600-${String(n).padStart(4, '0')}`,
    days: 30,
    providedCalls: 1000 + n,
    consumedCalls: 200 + n,
    failedCalls: n % 7,
    lastExchangeAt: beijingInstant(EPOCH + n * 60_000),
    ...overrides,
  };
}

/** `{success: true}` around a page of records; `total` defaults to the records given. */
export function pageBody(
  records: unknown[],
  page: { total?: number; page?: number; size?: number } = {},
): { success: true; result: { total: number; page: number; size: number; records: unknown[] } } {
  return {
    success: true,
    result: { total: page.total ?? records.length, page: page.page ?? 1, size: page.size ?? 500, records },
  };
}

/** `{success: true}` around any result. */
export function resultBody(result: unknown): { success: true; result: unknown } {
  return { success: true, result };
}

/** An error envelope, as the platform sends it (with HTTP 200 or an error status). */
export function errorBody(errorCode: string, errorMsg: string) {
  return { success: false, errorCode, errorMsg };
}

/** The bare answer of `POST /oauth/token`. */
export function tokenBody(accessToken: string, expiresIn = 7200) {
  return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn };
}
