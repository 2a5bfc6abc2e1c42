import {
  ZHubApplication,
  ZMobileService,
  ZYwtbSystem,
  type THubApplication,
  type TMobileService,
  type TYwtbSystem,
} from '@hub/contracts';
import type { HubApplicationFact, MobileServiceFact, YwtbSystemFact } from '@hub/rules';
import type { UpstreamRecord } from '../framework/connector';

/** Record kinds of the service-platforms source, one per registry. */
export const SERVICE_PLATFORMS_KINDS = {
  ywtbSystem: 'ywtb-system',
  mobileService: 'ybyh-service',
  hubApplication: 'brain-app',
} as const;

/** How operators call each kind. */
export const SERVICE_PLATFORMS_KIND_TITLES = {
  ywtbSystem: { zh: '一网通办对接系统', en: '一网通办 system' },
  mobileService: { zh: '岳办岳好服务', en: '岳办岳好 service' },
  hubApplication: { zh: '城市大脑接入应用', en: 'city-brain application' },
} as const;

/**
 * Maps a stored 一网通办 system payload to the canonical fact. Pure; throws a ZodError when the payload
 * is not a valid system. An integration item the registry does not report counts as not completed.
 */
export function toYwtbSystemFact(payload: unknown): YwtbSystemFact {
  const s = ZYwtbSystem.parse(payload);
  return {
    systemCode: s.systemCode,
    systemName: s.systemName,
    unitName: s.unitName,
    unitCode: s.unitCode,
    projectCode: textOrNull(s.projectCode),
    status: s.status,
    items: {
      unifiedIdentity: s.items.unifiedIdentity ?? false,
      unifiedIntake: s.items.unifiedIntake ?? false,
      caseDataReturn: s.items.caseDataReturn ?? false,
      unifiedEvaluation: s.items.unifiedEvaluation ?? false,
    },
    mattersCount: s.mattersCount ?? null,
    lastCaseReturnAt: s.lastCaseReturnAt ?? null,
    onlineAt: s.onlineAt ?? null,
  };
}

/** Maps a stored 岳办岳好 service payload to the canonical fact. Pure; throws a ZodError on an invalid one. */
export function toMobileServiceFact(payload: unknown): MobileServiceFact {
  const s = ZMobileService.parse(payload);
  return {
    serviceId: s.serviceId,
    serviceName: s.serviceName,
    unitName: s.unitName,
    unitCode: s.unitCode,
    projectCode: textOrNull(s.projectCode),
    kind: s.kind,
    status: s.status,
    publishedAt: s.publishedAt ?? null,
    monthlyActiveUsers: s.monthlyActiveUsers ?? null,
  };
}

/** Maps a stored 城市大脑中枢 application payload to the canonical fact. Pure; throws a ZodError on an invalid one. */
export function toHubApplicationFact(payload: unknown): HubApplicationFact {
  const a = ZHubApplication.parse(payload);
  return {
    appId: a.appId,
    appName: a.appName,
    unitName: a.unitName,
    unitCode: a.unitCode,
    projectCode: textOrNull(a.projectCode),
    accessMode: a.accessMode,
    status: a.status,
    lastHeartbeatAt: a.lastHeartbeatAt ?? null,
  };
}

/**
 * A validated 一网通办 system as an upstream record. The registries carry no change time
 * (`updatedAt` null); a system taken OFFLINE is the tombstone.
 */
export function ywtbSystemRecord(raw: Record<string, unknown>, system: TYwtbSystem): UpstreamRecord {
  return {
    kind: SERVICE_PLATFORMS_KINDS.ywtbSystem,
    externalId: system.systemCode,
    payload: raw,
    projectCode: textOrNull(system.projectCode),
    systemName: textOrNull(system.systemName),
    unitCode: textOrNull(system.unitCode),
    updatedAt: null,
    tombstone: system.status === 'OFFLINE',
  };
}

/** A validated 岳办岳好 service as an upstream record; a service taken OFFLINE is the tombstone. */
export function mobileServiceRecord(raw: Record<string, unknown>, service: TMobileService): UpstreamRecord {
  return {
    kind: SERVICE_PLATFORMS_KINDS.mobileService,
    externalId: service.serviceId,
    payload: raw,
    projectCode: textOrNull(service.projectCode),
    systemName: textOrNull(service.serviceName),
    unitCode: textOrNull(service.unitCode),
    updatedAt: null,
    tombstone: service.status === 'OFFLINE',
  };
}

/**
 * A validated 城市大脑中枢 application as an upstream record. Its statuses have no OFFLINE: a
 * DISCONNECTED application is still registered with the hub and is what a rule must see, so it is
 * never a tombstone.
 */
export function hubApplicationRecord(raw: Record<string, unknown>, app: THubApplication): UpstreamRecord {
  return {
    kind: SERVICE_PLATFORMS_KINDS.hubApplication,
    externalId: app.appId,
    payload: raw,
    projectCode: textOrNull(app.projectCode),
    systemName: textOrNull(app.appName),
    unitCode: textOrNull(app.unitCode),
    updatedAt: null,
    tombstone: false,
  };
}

/** A blank code or name matches nothing, so it is indexed as absent. */
function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
