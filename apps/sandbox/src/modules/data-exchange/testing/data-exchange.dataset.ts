import {
  creditCodeCheckChar,
  type TDataExchangeCatalogEntry,
  type TDataExchangeStats,
  type TDataExchangeSystem,
  type TSandboxDataset,
} from '@hub/contracts';

/** What {@link buildDataExchangeRecords} builds. */
export interface DataExchangeRecords {
  systems: unknown[];
  catalog: unknown[];
  stats: unknown[];
}

const HOUR = 3_600_000;

/** An ISO instant with the +08:00 offset the platform sends. */
function beijing(epochMs: number): string {
  return new Date(epochMs + 8 * HOUR).toISOString().replace('.000Z', '+08:00');
}

function unitCode(n: number): string {
  const first17 = `11430600MB${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/**
 * A platform's worth of records for the simulator's tests, valid against the contract by
 * construction except for the few invalid ones the connector must report (each named in its
 * `note` field, an unknown field the connector must keep). Systems change an hour apart, ending an
 * hour before `now`; every third system lacks a project code, units own two systems each, and the
 * mix covers every access status, share type, update cycle, tombstones and unknown fields.
 */
export function buildDataExchangeRecords(now: string, systemCount = 23): DataExchangeRecords {
  const nowMs = Date.parse(now);
  const systems: (TDataExchangeSystem & Record<string, unknown>)[] = [];
  const catalog: unknown[] = [];
  const stats: unknown[] = [];
  const statuses = ['CONNECTED', 'CONNECTED', 'APPLYING', 'DISCONNECTED'] as const;
  const shareTypes = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const;
  const cycles = ['REALTIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;

  for (let i = 1; i <= systemCount; i++) {
    const systemId = `SYS-430600-${String(i).padStart(4, '0')}`;
    const unit = Math.ceil(i / 2);
    const accessStatus = statuses[i % statuses.length]!;
    const system: TDataExchangeSystem & Record<string, unknown> = {
      systemId,
      systemName: `岳阳市共享系统${i}`,
      unitName: `岳阳市测试局${unit}`,
      unitCode: unitCode(unit),
      projectCode: i % 3 === 0 ? null : `24-430600-${String(i).padStart(4, '0')}`,
      accessStatus,
      connectedAt: accessStatus === 'APPLYING' ? null : beijing(nowMs - (400 + i) * 24 * HOUR),
      modifiedAt: beijing(nowMs - (systemCount + 1 - i) * HOUR),
    };
    if (i % 5 === 0) system['vendorContact'] = `0730-88${String(i).padStart(5, '0')}`;
    systems.push(system);

    for (let j = 1; j <= 1 + (i % 3); j++) {
      const shareType = shareTypes[(i + j) % shareTypes.length]!;
      const entry: TDataExchangeCatalogEntry = {
        resourceCode: `430600-${unitCode(unit)}-${String(i * 10 + j).padStart(5, '0')}`,
        resourceName: `共享系统${i}信息资源${j}`,
        systemId,
        providerUnit: system.unitName,
        shareType,
        notSharedBasis: shareType === 'NOT_SHARED' ? '《中华人民共和国个人信息保护法》第十三条' : null,
        updateCycle: cycles[(i + j) % cycles.length]!,
        ...(j === 2 ? {} : { mountType: j === 3 ? 'NONE' : 'API' }),
        lastDataUpdateAt: j === 3 ? null : beijing(nowMs - (i + j) * 24 * HOUR),
        status: accessStatus === 'DISCONNECTED' ? 'OFFLINE' : j === 2 ? 'DRAFT' : 'PUBLISHED',
        modifiedAt: beijing(nowMs - (systemCount + 1 - i) * HOUR + j * 60_000),
      };
      catalog.push(entry);
    }

    // Systems still applying have exchanged nothing yet: no statistics at all.
    if (accessStatus !== 'APPLYING') {
      for (const days of [7, 30, 90]) {
        const record: TDataExchangeStats = {
          systemId,
          days,
          providedCalls: i * days * 3,
          consumedCalls: i * days,
          failedCalls: (i * days) % 11,
          lastExchangeAt: accessStatus === 'DISCONNECTED' ? null : beijing(nowMs - i * HOUR),
        };
        stats.push(record);
      }
    }
  }

  const last = beijing(nowMs - HOUR / 2);
  const { systemId: _missing, ...withoutId } = systems[1]!;
  const invalidSystems = [
    {
      ...systems[0]!,
      systemId: 'SYS-430600-9001',
      accessStatus: 'ONLINE',
      modifiedAt: last,
      note: 'invalid: accessStatus outside the contract',
    },
    { ...withoutId, modifiedAt: last, note: 'invalid: no systemId' },
  ];
  catalog.push({
    ...(catalog[0] as TDataExchangeCatalogEntry),
    resourceCode: '430600-INVALID-00001',
    shareType: 'OPEN',
    modifiedAt: last,
    note: 'invalid: shareType outside the contract',
  });
  stats.push({
    systemId: 'SYS-430600-0001',
    days: 30,
    providedCalls: -5,
    consumedCalls: 0,
    failedCalls: 0,
    lastExchangeAt: null,
    note: 'invalid: negative call count',
  });
  return { systems: [...systems, ...invalidSystems], catalog, stats };
}

/** A sandbox dataset holding only data-exchange records. */
export function dataExchangeDataset(records: DataExchangeRecords): TSandboxDataset {
  return {
    govCloud: { tenants: [], resources: [] },
    dataExchange: records,
    mlps: { filings: [] },
    video: { platforms: [], devices: [] },
    servicePlatforms: { ywtb: [], ybyh: [], brain: [] },
  };
}
