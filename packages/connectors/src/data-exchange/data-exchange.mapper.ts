import {
  ZDataExchangeCatalogEntry,
  ZDataExchangeStats,
  ZDataExchangeSystem,
  type TDataExchangeCatalogEntry,
  type TDataExchangeStats,
  type TDataExchangeSystem,
} from '@hub/contracts';
import type { CatalogEntryFact, ExchangeStatsFact, ExchangeSystemFact } from '@hub/rules';
import type { UpstreamRecord } from '../framework/connector';

/** Record kinds of the data-exchange source. */
export const DATA_EXCHANGE_KINDS = {
  system: 'system',
  catalogEntry: 'catalog-entry',
  stats: 'exchange-stats',
} as const;

/** How operators call each kind. */
export const DATA_EXCHANGE_KIND_TITLES = {
  system: { zh: '共享交换接入系统', en: 'exchange system' },
  catalogEntry: { zh: '资源目录条目', en: 'catalogue entry' },
  stats: { zh: '交换统计', en: 'exchange statistics' },
} as const;

/** External id of a statistics record: one per system and window, e.g. `SYS-430600-0317:30`. */
export function statsExternalId(systemId: string, days: number): string {
  return `${systemId}:${days}`;
}

/**
 * Maps a stored system payload to the canonical fact. Pure; throws a ZodError when the payload is
 * not a valid system (only records that passed validation are stored as records). Instants are
 * kept as sent: the contract already gives them as ISO-8601 with an offset.
 */
export function toExchangeSystemFact(payload: unknown): ExchangeSystemFact {
  const s = ZDataExchangeSystem.parse(payload);
  return {
    systemId: s.systemId,
    systemName: s.systemName,
    unitName: s.unitName,
    unitCode: s.unitCode,
    projectCode: s.projectCode ?? null,
    accessStatus: s.accessStatus,
    connectedAt: s.connectedAt ?? null,
    modifiedAt: s.modifiedAt,
  };
}

/** Maps a stored catalogue entry payload to the canonical fact. Pure; throws on an invalid entry. */
export function toCatalogEntryFact(payload: unknown): CatalogEntryFact {
  const c = ZDataExchangeCatalogEntry.parse(payload);
  return {
    resourceCode: c.resourceCode,
    resourceName: c.resourceName,
    systemId: c.systemId,
    providerUnit: c.providerUnit,
    shareType: c.shareType,
    notSharedBasis: c.notSharedBasis ?? null,
    updateCycle: c.updateCycle,
    mountType: c.mountType ?? null,
    lastDataUpdateAt: c.lastDataUpdateAt ?? null,
    status: c.status,
    modifiedAt: c.modifiedAt,
  };
}

/** Maps a stored statistics payload to the canonical fact. Pure; throws on invalid statistics. */
export function toExchangeStatsFact(payload: unknown): ExchangeStatsFact {
  const s = ZDataExchangeStats.parse(payload);
  return {
    systemId: s.systemId,
    days: s.days,
    providedCalls: s.providedCalls,
    consumedCalls: s.consumedCalls,
    failedCalls: s.failedCalls,
    lastExchangeAt: s.lastExchangeAt ?? null,
  };
}

/**
 * A validated system as an upstream record. It carries the project code, unit and name the hub
 * binds by; a DISCONNECTED system has left the platform and is a tombstone.
 */
export function systemRecord(raw: Record<string, unknown>, system: TDataExchangeSystem): UpstreamRecord {
  return {
    kind: DATA_EXCHANGE_KINDS.system,
    externalId: system.systemId,
    payload: raw,
    projectCode: system.projectCode ?? null,
    systemName: system.systemName,
    unitCode: system.unitCode,
    updatedAt: system.modifiedAt,
    tombstone: system.accessStatus === 'DISCONNECTED',
  };
}

/**
 * A validated catalogue entry as an upstream record. It belongs to a project through its system
 * (`parentExternalId`), so it carries no binding keys of its own; OFFLINE entries are tombstones.
 */
export function catalogEntryRecord(
  raw: Record<string, unknown>,
  entry: TDataExchangeCatalogEntry,
): UpstreamRecord {
  return {
    kind: DATA_EXCHANGE_KINDS.catalogEntry,
    externalId: entry.resourceCode,
    payload: raw,
    projectCode: null,
    systemName: null,
    unitCode: null,
    updatedAt: entry.modifiedAt,
    tombstone: entry.status === 'OFFLINE',
    parentExternalId: entry.systemId,
  };
}

/**
 * Validated statistics as an upstream record, one per system and window, belonging to a project
 * through its system. Statistics carry no change time (`lastExchangeAt` is when data last moved,
 * not when the figures changed) and are never tombstoned.
 */
export function statsRecord(raw: Record<string, unknown>, stats: TDataExchangeStats): UpstreamRecord {
  return {
    kind: DATA_EXCHANGE_KINDS.stats,
    externalId: statsExternalId(stats.systemId, stats.days),
    payload: raw,
    projectCode: null,
    systemName: null,
    unitCode: null,
    updatedAt: null,
    tombstone: false,
    parentExternalId: stats.systemId,
  };
}
