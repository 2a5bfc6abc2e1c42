import { DEMO_CITIES, ORPHAN_UNITS } from './demo-catalogue';
import type { DemoCityBuilder, Owner, Rec, Unit } from './demo-city.builder';
import {
  filingNoWithoutDash,
  missing,
  slashedTime,
  thirtiethOfFebruary,
  truncated,
  valueNotInContract,
  withoutZone,
} from './demo-invalid';
import { compliantExchange, compliantFiling } from './demo-plan';
import { beijingYear } from './demo-time';

const egov = 'egov-extranet';

/**
 * Records no project accounts for, in every source: records of units that have no project (orphans),
 * a resource tagged with a project code the registry does not know, tombstones (released resources,
 * disconnected systems and retired catalogue entries, revoked and cancelled filings, deleted devices,
 * services taken offline), and deliberately invalid records a connector must report without
 * dropping the rest. All of them sit on units with no project, so no verdict rests on them: they stay
 * record problems of no project (the invalid records of projects are designed scenarios).
 */
export function addStrayRecords(b: DemoCityBuilder): void {
  const rng = b.rng;
  const orphans: Unit[] = [];
  const orphanTenants: Rec[] = [];
  for (const orphan of ORPHAN_UNITS) {
    const unit = b.unit(DEMO_CITIES[orphan.pack], undefined, { dept: orphan.dept });
    const tenant = b.unitTenant(unit, 'city-allocated');
    orphans.push(unit);
    orphanTenants.push(tenant);
    for (const systemName of orphan.systems) {
      b.resource(tenant, {
        projectCode: null,
        systemName,
        plan: {
          type: 'ecs',
          vcpu: 4,
          environment: 'production',
          networkZone: egov,
          status: 'running',
          ageDays: rng.int(60, 600),
        },
      });
    }
  }
  const [archives, trading, fund] = orphans as [Unit, Unit, Unit];
  const [first, second, third] = orphanTenants as [Rec, Rec, Rec];
  const owner = (unit: Unit, systemName: string): Owner => ({ unit, projectCode: null, systemName });

  // ---------------------------------------------------------------------------------- gov-cloud
  const knownCodes = new Set(b.projects.map((p) => p.code));
  let ghost: string;
  do {
    ghost = `${String(beijingYear(b.nowMs) - 1).slice(2)}-430600-9${rng.int(100, 999)}`;
  } while (knownCodes.has(ghost));
  b.resource(first, {
    projectCode: ghost,
    systemName: '档案数字化加工系统',
    plan: {
      type: 'ecs',
      vcpu: 2,
      environment: 'production',
      networkZone: egov,
      status: 'running',
      ageDays: 90,
    },
  });
  b.resource(second, {
    projectCode: null,
    systemName: null,
    plan: {
      type: 'ecs',
      vcpu: 4,
      environment: 'test',
      networkZone: egov,
      status: 'released',
      ageDays: 400,
      changedDaysAgo: 2,
    },
  });
  b.resource(third, {
    projectCode: null,
    systemName: '公积金短信平台',
    plan: {
      type: 'ecs',
      vcpu: 2,
      environment: 'production',
      networkZone: egov,
      status: 'running',
      ageDays: 120,
      broken: valueNotInContract('networkZone', 'egov_extranet'),
    },
  });
  b.resource(first, {
    projectCode: null,
    systemName: '地方志数据库',
    plan: {
      type: 'oss',
      environment: 'production',
      networkZone: egov,
      status: 'running',
      ageDays: 300,
      broken: missing('resourceId'),
    },
  });
  b.resource(second, {
    projectCode: null,
    systemName: '公共资源电子交易系统',
    plan: {
      type: 'rds',
      vcpu: 2,
      environment: 'test',
      networkZone: 'private',
      status: 'stopped',
      ageDays: 200,
      // The vendor's old batch job wrote Beijing local time without a zone.
      broken: withoutZone('updatedAt'),
    },
  });
  const legacyUnit = b.unit(DEMO_CITIES.chenzhou, undefined, { dept: '机关幼儿园' });
  const legacy = b.unitTenant(legacyUnit, null);
  slashedTime('createdAt')(legacy);
  b.resource(legacy, {
    projectCode: null,
    systemName: null,
    plan: { type: 'ecs', vcpu: 2, environment: 'test', networkZone: egov, status: 'stopped', ageDays: 700 },
  });

  // ---------------------------------------------------------------------------------- data exchange
  const archive = b.exchangeSystem(owner(archives, '地方志数据库'), compliantExchange(false));
  b.exchangeSystem(owner(trading, '公共资源电子交易系统'), {
    accessStatus: 'DISCONNECTED',
    entries: [
      {
        shareType: 'UNCONDITIONAL',
        updateCycle: 'DAILY',
        mountType: 'API',
        updatedDaysAgo: 90,
        status: 'OFFLINE',
      },
    ],
    stats: { providedCalls: 0, consumedCalls: 0, lastExchangeDaysAgo: 95 },
  });
  b.exchangeSystem(owner(fund, '住房公积金综合服务平台'), compliantExchange(true));
  b.exchangeSystem(owner(trading, '公共资源交易监管平台'), {
    accessStatus: 'CONNECTED',
    entries: [],
    stats: null,
    // A status the contract does not know (the platform's console says 在线).
    broken: valueNotInContract('accessStatus', 'ONLINE'),
  });
  b.catalogEntry(archives, String(archive['systemId']), '地方志全文数据', {
    shareType: 'UNCONDITIONAL',
    updateCycle: 'YEARLY',
    mountType: 'FILE',
    updatedDaysAgo: 120,
    status: 'PUBLISHED',
    broken: withoutZone('lastDataUpdateAt'),
  });

  // ---------------------------------------------------------------------------------- MLPS
  b.filing(owner(archives, '地方志数据库'), { ...compliantFiling(2), evaluations: [] }, 300);
  b.filing(owner(trading, '公共资源电子交易系统'), { ...compliantFiling(3), status: 'CANCELLED' }, 500);
  b.filing(owner(fund, '公积金短信平台'), { ...compliantFiling(2), status: 'REVOKED' }, 300);
  // A production system of no project whose only filing is unreadable: monitoring must say so.
  b.filing(
    owner(fund, '住房公积金综合服务平台'),
    { ...compliantFiling(3), broken: filingNoWithoutDash },
    400,
  );
  b.filing(
    owner(trading, '公共资源交易监管平台'),
    { ...compliantFiling(2), broken: thirtiethOfFebruary('filedAt') },
    300,
  );

  // ---------------------------------------------------------------------------------- video
  b.video(owner(trading, '公共资源交易场所监控系统'), {
    platform: { cascadeStatus: 'ONLINE' },
    devices: [
      { viaPlatform: true, status: 'ON', channels: 4, online: 4 },
      { viaPlatform: true, status: 'OFF', channels: 4, online: 0 },
    ],
  });
  const link = { projectCode: null, platformId: null };
  b.device(fund, link, { status: 'DELETED', channels: 2, online: 0 });
  b.device(archives, link, { status: 'ON', channels: 1, online: 1 });
  const foreign = b.device(fund, link, { status: 'ON', channels: 4, online: 4 });
  // Registered with the code of the neighbouring prefecture's centre (长沙市 4301): not this city's.
  foreign['deviceId'] = `430100${String(foreign['deviceId']).slice(6)}`;
  b.device(archives, link, { status: 'ON', channels: 1, online: 1, broken: truncated('deviceId', 19) });

  // ---------------------------------------------------------------------------------- service platforms
  const items = { unifiedIdentity: true, unifiedIntake: true, caseDataReturn: true, unifiedEvaluation: true };
  b.ywtbSystem(owner(trading, '公共资源电子交易系统'), { status: 'OFFLINE', items, lastReturnDaysAgo: 120 });
  b.ywtbSystem(owner(trading, '公共资源交易监管平台'), {
    status: 'ONLINE',
    items,
    lastReturnDaysAgo: 2,
    broken: valueNotInContract('status', 'LIVE'),
  });
  b.mobileService(owner(trading, '公共资源交易信息查询'), { status: 'ONLINE', kind: 'H5' });
  b.mobileService(owner(archives, '岳阳地方志查询'), { status: 'OFFLINE', kind: 'MINIAPP' });
  b.hubApp(owner(fund, '住房公积金综合服务平台'), {
    status: 'CONNECTED',
    accessMode: 'DATA',
    heartbeatDaysAgo: 0.2,
  });
  b.hubApp(owner(fund, '公积金短信平台'), {
    status: 'DISCONNECTED',
    accessMode: 'EVENT',
    heartbeatDaysAgo: 90,
  });
  b.hubApp(owner(fund, '公积金贷款审批系统'), {
    status: 'CONNECTED',
    accessMode: 'API',
    heartbeatDaysAgo: 0.5,
    broken: withoutZone('lastHeartbeatAt'),
  });
}
