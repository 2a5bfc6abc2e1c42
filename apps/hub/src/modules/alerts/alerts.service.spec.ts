import type { INestApplicationContext } from '@nestjs/common';
import type { SourceId, TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { instantToBeijingTime, type RecordProblem, type UpstreamRecord } from '@hub/connectors';
import { projectContentHash } from '@hub/registry';
import { filingNoWithoutDash, thirtiethOfFebruary } from '@hub/sandbox';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project } from '../../generated/prisma/client';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { ProjectsRepository } from '../projects/projects.repository';
import { BindingsService } from '../sources/bindings.service';
import { RecordsRepository } from '../sources/records.repository';
import { type AlertChanges, AlertsService, type AlertView } from './alerts.service';
import {
  catalogEntry,
  cloudResource,
  cloudTenant,
  daysAgo,
  evaluation,
  exchangeSystem,
  filing,
  mobileService,
  untrustedFiling,
  videoDevice,
  videoPlatform,
  ywtbSystem,
} from './testing/monitor.factory';

const HOUR_MS = 3_600_000;

describe(AlertsService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let clock: ManualClock;
  let prisma: PrismaService;
  let sut: AlertsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    clock = new ManualClock();
    ctx = await createTestContext(db.url, {}, clock);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(AlertsService);
    // Every source synced in full once, so that every rule is judged unless a test says otherwise.
    for (const source of SOURCES) await synced(source);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  const SOURCES: SourceId[] = ['gov-cloud', 'data-exchange', 'mlps', 'video', 'service-platforms'];

  async function addProject(overrides: Partial<TProject> = {}): Promise<Project> {
    const project = buildProject(overrides);
    await ctx.get(ProjectsRepository).upsert(project, projectContentHash(project));
    return prisma.project.findUniqueOrThrow({ where: { code: project.code } });
  }

  let syncSeq = 0;
  /** A finished bulk sync of `source`, later than every one before it. */
  async function synced(source: SourceId, status: 'succeeded' | 'partial' | 'failed' = 'succeeded') {
    syncSeq++;
    const at = new Date(clock.now().getTime() - HOUR_MS + syncSeq * 1000);
    return prisma.sourceSync.create({
      data: {
        source,
        mode: 'full',
        status,
        startedAt: at,
        finishedAt: at,
        error: status === 'succeeded' ? null : 'HTTP 503 维护中',
      },
    });
  }

  /** Stores records as a successful sync of `source` would, then matches them to projects. */
  async function store(source: SourceId, ...records: UpstreamRecord[]): Promise<void> {
    const sync = await synced(source);
    await new RecordsRepository(prisma).storePage(source, sync.id, { records, problems: [] }, clock.now());
    await ctx.get(BindingsService).rebind();
  }

  /** Stores the untrusted records of invalid items as a sync of `source` would, then matches them. */
  async function storeProblems(source: SourceId, ...problems: RecordProblem[]): Promise<void> {
    const sync = await synced(source);
    await new RecordsRepository(prisma).storePage(source, sync.id, { records: [], problems }, clock.now());
    await ctx.get(BindingsService).rebind();
  }

  /** The MLPS registry's zone-less Beijing time `days` days before the clock's now. */
  const registryTimeBefore = (days: number) =>
    instantToBeijingTime(new Date(clock.now().getTime() - days * 24 * HOUR_MS).toISOString())!;

  const find = (changes: AlertView[], key: string) => changes.find((a) => a.key === key);
  const alertOf = (key: string) => prisma.alert.findUniqueOrThrow({ where: { key } });
  const keysOf = (changes: AlertChanges, ruleId: string) =>
    [...changes.opened, ...changes.reopened].filter((a) => a.ruleId === ruleId).map((a) => a.key);

  describe('MON-PROD-NO-FILING', () => {
    it('raises a critical alert for a running production resource whose project has only a revoked filing, owned by the project’s unit', async () => {
      const project = await addProject();
      const tenant = cloudTenant();
      const resource = cloudResource(tenant, {
        projectCode: project.code,
        spec: { vcpu: 8, memoryGiB: 32 },
      });
      await store('gov-cloud', tenant.record, resource);
      await store('mlps', filing({ projectCode: project.code, status: 'REVOKED' }));

      const changes = await sut.evaluate(null);

      const alert = find(changes.opened, `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`);
      expect(alert).toMatchObject({
        ruleId: 'MON-PROD-NO-FILING',
        severity: 'critical',
        status: 'open',
        projectCode: project.code,
        ownerUnitCode: project.unitCode,
        ownerUnitName: project.unitName,
        subject: `gov-cloud/resource/${resource.externalId}`,
        details: expect.objectContaining({
          vcpu: 8,
          memoryGiB: 32,
          filings: [expect.objectContaining({ status: 'REVOKED' })],
        }),
        timesReopened: 0,
      });
      expect(alert!.message.zh).toContain('没有已备案（FILED）的等级保护备案');
      expect(alert!.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            source: 'gov-cloud',
            kind: 'resource',
            externalId: resource.externalId,
            fetchedAt: clock.nowIso(),
            contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          }),
          expect.objectContaining({ source: 'mlps', kind: 'filing' }),
        ]),
      );
    });

    it('keeps one alert across evaluations: firstSeenAt stays, lastSeenAt moves', async () => {
      const tenant = cloudTenant();
      const resource = cloudResource(tenant, { systemName: '无备案的生产系统' });
      await store('gov-cloud', tenant.record, resource);
      const key = `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`;
      const first = find((await sut.evaluate(null)).opened, key)!;
      expect(first).toMatchObject({ projectCode: null, ownerUnitCode: tenant.payload.unitCode });

      clock.advance(6 * HOUR_MS);
      const again = await sut.evaluate(null);

      expect(find(again.opened, key)).toBeUndefined();
      expect(find(again.reopened, key)).toBeUndefined();
      expect(await prisma.alert.count({ where: { key } })).toBe(1);
      const row = await alertOf(key);
      expect(row.firstSeenAt.toISOString()).toBe(first.firstSeenAt);
      expect(row.lastSeenAt.toISOString()).toBe(clock.nowIso());
      expect(row.status).toBe('open');
    });

    it('resolves as the system when a FILED filing of the same unit and system appears, and reopens when it is revoked', async () => {
      const tenant = cloudTenant();
      const resource = cloudResource(tenant, { systemName: '不动产登记系统（二期）' });
      await store('gov-cloud', tenant.record, resource);
      const key = `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`;
      expect(keysOf(await sut.evaluate(null), 'MON-PROD-NO-FILING')).toContain(key);
      const firstSeenAt = (await alertOf(key)).firstSeenAt;

      const filed = { unitCode: tenant.payload.unitCode, systemName: '不动产登记系统(二期)' };
      const record = filing(filed);
      await store('mlps', record);
      const cleared = await sut.evaluate(null);
      expect(find(cleared.resolved, key)).toMatchObject({ status: 'resolved', resolvedBy: 'system' });
      expect((await alertOf(key)).resolvedAt!.toISOString()).toBe(clock.nowIso());

      const revoked = { ...(record.payload as object), status: 'REVOKED' };
      await store('mlps', { ...record, payload: revoked, tombstone: true });
      const back = await sut.evaluate(null);
      expect(find(back.reopened, key)).toMatchObject({
        status: 'open',
        timesReopened: 1,
        resolvedAt: null,
        resolvedBy: null,
        firstSeenAt: firstSeenAt.toISOString(),
      });
    });

    it('raises nothing for a production resource in the test environment or a stopped one', async () => {
      const tenant = cloudTenant();
      const test = cloudResource(tenant, { environment: 'test' });
      const stopped = cloudResource(tenant, { status: 'stopped' });
      await store('gov-cloud', tenant.record, test, stopped);
      const changes = await sut.evaluate(null);
      for (const r of [test, stopped]) {
        expect(
          await prisma.alert.findUnique({ where: { key: `MON-PROD-NO-FILING:gov-cloud:${r.externalId}` } }),
        ).toBeNull();
      }
      expect(changes.skippedRules).toEqual([]);
    });

    it('names what is unreadable, never "no filing", when the only filing of the project is untrusted', async () => {
      const project = await addProject();
      const tenant = cloudTenant();
      const resource = cloudResource(tenant, { projectCode: project.code });
      await store('gov-cloud', tenant.record, resource);
      const broken = untrustedFiling({ projectCode: project.code }, filingNoWithoutDash);
      await storeProblems('mlps', broken);

      const alert = find(
        (await sut.evaluate(null)).opened,
        `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`,
      );

      expect(alert).toMatchObject({
        severity: 'critical',
        projectCode: project.code,
        details: expect.objectContaining({ filings: [], unreadableFilings: [broken.record.externalId] }),
      });
      expect(alert!.message.zh).toContain('等级保护备案无法确认');
      expect(alert!.message.zh).toContain(broken.record.invalid!.reason.zh);
      expect(alert!.message.zh).not.toContain('没有任何备案记录');
      expect(alert!.message.en).toContain(broken.record.invalid!.reason.en);
      expect(alert!.message.en).not.toContain('no filing on record');
      expect(alert!.evidence).toContainEqual(
        expect.objectContaining({
          source: 'mlps',
          kind: 'filing',
          externalId: broken.record.externalId,
          untrusted: broken.record.invalid!.reason,
        }),
      );
    });

    it('names an untrusted filing of the same unit and system too, and resolves once the registry corrects it', async () => {
      const tenant = cloudTenant();
      const resource = cloudResource(tenant, { systemName: '公积金综合服务平台（二期）' });
      await store('gov-cloud', tenant.record, resource);
      const named = { unitCode: tenant.payload.unitCode, systemName: '公积金综合服务平台(二期)' };
      const broken = untrustedFiling(named, thirtiethOfFebruary('filedAt'));
      await storeProblems('mlps', broken);
      const key = `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`;

      const alert = find((await sut.evaluate(null)).opened, key);

      expect(alert!.message.zh).toContain('filedAt');
      expect(alert!.message.zh).toContain(broken.record.externalId);
      expect(alert!.message.zh).not.toContain('没有任何备案记录');
      expect(alert!.details).toMatchObject({ unreadableFilings: [broken.record.externalId] });

      await store('mlps', filing({ ...named, filingNo: broken.record.externalId }));
      expect(find((await sut.evaluate(null)).resolved, key)).toMatchObject({ resolvedBy: 'system' });
    });
  });

  describe('MON-FILING-PENDING', () => {
    it('warns about a level-2 filing still pending 15 days after its grading; not at 13 days, never for level 1', async () => {
      const pending = (level: 1 | 2, gradedDaysAgo: number) =>
        filing({
          level,
          status: 'PENDING',
          gradedAt: registryTimeBefore(gradedDaysAgo),
          filedAt: null,
          evaluations: [],
          updatedAt: registryTimeBefore(gradedDaysAgo),
        });
      const late = pending(2, 15);
      const recent = pending(2, 13);
      const levelOne = pending(1, 40);
      await store('mlps', late, recent, levelOne);

      const changes = await sut.evaluate(null);

      const raised = keysOf(changes, 'MON-FILING-PENDING');
      expect(raised).toContain(`MON-FILING-PENDING:mlps:${late.externalId}`);
      for (const quiet of [recent, levelOne]) {
        expect(raised).not.toContain(`MON-FILING-PENDING:mlps:${quiet.externalId}`);
      }
      expect(find(changes.opened, `MON-FILING-PENDING:mlps:${late.externalId}`)).toMatchObject({
        severity: 'warning',
        status: 'open',
        subject: `mlps/filing/${late.externalId}`,
        details: { level: 2, pendingDays: 15, filingNo: late.externalId },
        message: { zh: expect.stringContaining('超过 14 天'), en: expect.stringContaining('more than 14') },
      });
    });
  });

  describe('MON-ORPHAN', () => {
    it('warns about a running resource bound to no project for more than 30 days, with what it holds; not about a younger one', async () => {
      const tenant = cloudTenant();
      const old = cloudResource(tenant, {
        environment: 'test',
        createdAt: daysAgo(45),
        spec: { vcpu: 16, memoryGiB: 64 },
      });
      const young = cloudResource(tenant, { environment: 'test', createdAt: daysAgo(10) });
      await store('gov-cloud', tenant.record, old, young);

      const changes = await sut.evaluate(null);

      expect(find(changes.opened, `MON-ORPHAN:gov-cloud:${old.externalId}`)).toMatchObject({
        severity: 'warning',
        projectCode: null,
        ownerUnitCode: tenant.payload.unitCode,
        ownerUnitName: tenant.payload.unitName,
        details: expect.objectContaining({ vcpu: 16, memoryGiB: 64, daysUnbound: 45, thresholdDays: 30 }),
      });
      expect(keysOf(changes, 'MON-ORPHAN')).not.toContain(`MON-ORPHAN:gov-cloud:${young.externalId}`);
    });

    it('resolves it once the resource carries the code of a project in the registry', async () => {
      const project = await addProject();
      const tenant = cloudTenant();
      const resource = cloudResource(tenant, { environment: 'test', createdAt: daysAgo(90) });
      await store('gov-cloud', tenant.record, resource);
      const key = `MON-ORPHAN:gov-cloud:${resource.externalId}`;
      expect(keysOf(await sut.evaluate(null), 'MON-ORPHAN')).toContain(key);

      const tagged = { ...(resource.payload as object), projectCode: project.code };
      await store('gov-cloud', { ...resource, payload: tagged, projectCode: project.code });
      const changes = await sut.evaluate(null);

      expect(find(changes.resolved, key)).toMatchObject({ status: 'resolved', resolvedBy: 'system' });
    });
  });

  describe('MON-IDLE', () => {
    it('flags a running resource under 5% CPU and 20% memory with the vCPU and memory it holds, and no busier or stopped one', async () => {
      const tenant = cloudTenant();
      const [idle, busyMem, busyCpu, stopped] = [
        { cpuAvg30d: 2, memAvg30d: 10 },
        { cpuAvg30d: 2, memAvg30d: 25 },
        { cpuAvg30d: 6, memAvg30d: 10 },
        { cpuAvg30d: 1, memAvg30d: 1 },
      ].map((utilization, i) =>
        cloudResource(tenant, {
          environment: 'test',
          createdAt: daysAgo(5),
          status: i === 3 ? 'stopped' : 'running',
          spec: { vcpu: 8, memoryGiB: 16 },
          utilization,
        }),
      );
      await store('gov-cloud', tenant.record, idle!, busyMem!, busyCpu!, stopped!);

      const changes = await sut.evaluate(null);

      expect(find(changes.opened, `MON-IDLE:gov-cloud:${idle!.externalId}`)).toMatchObject({
        severity: 'info',
        details: expect.objectContaining({ vcpu: 8, memoryGiB: 16, cpuAvg30d: 2, memAvg30d: 10 }),
      });
      const raised = keysOf(changes, 'MON-IDLE');
      for (const r of [busyMem!, busyCpu!, stopped!])
        expect(raised).not.toContain(`MON-IDLE:gov-cloud:${r.externalId}`);
    });
  });

  describe('MON-EVAL-DUE', () => {
    it('warns about level-3+ evaluations due within 30 days or overdue, not about one due later or a level-2 system', async () => {
      const soon = filing({ evaluations: [evaluation(350), evaluation(700)] });
      const overdue = filing({ evaluations: [evaluation(400)] });
      const later = filing({ evaluations: [evaluation(100)] });
      const levelTwo = filing({ level: 2, evaluations: [evaluation(400)] });
      const levelFour = filing({ level: 4, evaluations: [evaluation(170)] });
      await store('mlps', soon, overdue, later, levelTwo, levelFour);

      const changes = await sut.evaluate(null);
      const alert = (r: UpstreamRecord) => find(changes.opened, `MON-EVAL-DUE:mlps:${r.externalId}`);

      expect(alert(soon)).toMatchObject({
        severity: 'warning',
        details: expect.objectContaining({ level: 3, intervalDays: 365, daysLeft: 15, overdue: false }),
      });
      expect(alert(overdue)).toMatchObject({
        details: expect.objectContaining({ daysLeft: -35, overdue: true }),
      });
      expect(alert(levelFour)).toMatchObject({
        details: expect.objectContaining({ intervalDays: 183, daysLeft: 13 }),
      });
      expect(alert(later)).toBeUndefined();
      expect(alert(levelTwo)).toBeUndefined();
    });

    it('resolves the alert once a new evaluation is on record', async () => {
      const record = filing({ evaluations: [evaluation(360)] });
      await store('mlps', record);
      const key = `MON-EVAL-DUE:mlps:${record.externalId}`;
      expect(keysOf(await sut.evaluate(null), 'MON-EVAL-DUE')).toContain(key);

      const evaluated = { ...(record.payload as object), evaluations: [evaluation(3), evaluation(360)] };
      await store('mlps', { ...record, payload: evaluated });

      expect(find((await sut.evaluate(null)).resolved, key)).toBeDefined();
    });
  });

  describe('MON-SHARE-STALE', () => {
    it('warns about a shared entry not updated within its cycle, owned by its system’s project; not about a current or unshared one', async () => {
      const project = await addProject();
      const system = exchangeSystem({ projectCode: project.code });
      const stale = catalogEntry(system.externalId, { updateCycle: 'DAILY', lastDataUpdateAt: daysAgo(3) });
      const never = catalogEntry(system.externalId, { updateCycle: 'WEEKLY', lastDataUpdateAt: null });
      const current = catalogEntry(system.externalId, {
        updateCycle: 'MONTHLY',
        lastDataUpdateAt: daysAgo(10),
      });
      const unshared = catalogEntry(system.externalId, {
        shareType: 'NOT_SHARED',
        notSharedBasis: '《保守国家秘密法》',
        lastDataUpdateAt: daysAgo(100),
      });
      await store('data-exchange', system, stale, never, current, unshared);

      const changes = await sut.evaluate(null);
      const alert = (r: UpstreamRecord) =>
        find(changes.opened, `MON-SHARE-STALE:data-exchange:${r.externalId}`);

      expect(alert(stale)).toMatchObject({
        severity: 'warning',
        projectCode: project.code,
        ownerUnitCode: project.unitCode,
        details: expect.objectContaining({ updateCycle: 'DAILY', cycleDays: 1, daysSinceUpdate: 3 }),
      });
      expect(alert(never)).toMatchObject({ details: expect.objectContaining({ lastDataUpdateAt: null }) });
      expect(alert(current)).toBeUndefined();
      expect(alert(unshared)).toBeUndefined();
    });
  });

  describe('MON-VIDEO-OFFLINE', () => {
    it('warns when a project’s online channel ratio, its platform’s devices included, falls below 0.9', async () => {
      const offline = await addProject({ hasVideoInfrastructure: true });
      const healthy = await addProject({
        hasVideoInfrastructure: true,
        policyPack: 'chenzhou',
        region: '431000',
      });
      const platform = videoPlatform({ projectCode: offline.code });
      const platformId = platform.externalId;
      await store(
        'video',
        platform,
        videoDevice({ platformId, channelCount: 4, onlineChannelCount: 4 }),
        videoDevice({ platformId, status: 'OFF', channelCount: 4, onlineChannelCount: 4 }),
        videoDevice({ projectCode: healthy.code, channelCount: 10, onlineChannelCount: 9 }),
      );

      const changes = await sut.evaluate(null);

      expect(find(changes.opened, `MON-VIDEO-OFFLINE:project:${offline.code}`)).toMatchObject({
        severity: 'warning',
        projectCode: offline.code,
        ownerUnitCode: offline.unitCode,
        details: expect.objectContaining({ channels: 8, onlineChannels: 4, ratio: 0.5, threshold: 0.9 }),
      });
      expect(keysOf(changes, 'MON-VIDEO-OFFLINE')).not.toContain(`MON-VIDEO-OFFLINE:project:${healthy.code}`);
    });
  });

  describe('MON-SERVICE-STALE', () => {
    it('warns about an online 一网通办 system whose last case-data return is older than 30 days, not a current one', async () => {
      const stale = ywtbSystem({ lastCaseReturnAt: daysAgo(40) });
      const current = ywtbSystem({ lastCaseReturnAt: daysAgo(5) });
      await store('service-platforms', stale, current);

      const changes = await sut.evaluate(null);
      const key = (r: UpstreamRecord) => `MON-SERVICE-STALE:service-platforms:ywtb-system:${r.externalId}`;

      expect(find(changes.opened, key(stale))).toMatchObject({
        severity: 'warning',
        projectCode: null,
        details: expect.objectContaining({ daysSinceReturn: 40, thresholdDays: 30 }),
      });
      expect(find(changes.opened, key(current))).toBeUndefined();
    });

    it('warns about a project whose only 岳办岳好 service went offline, not one with another service online', async () => {
      const alone = await addProject();
      const covered = await addProject();
      const gone = mobileService({ projectCode: alone.code });
      const replaced = mobileService({ projectCode: covered.code });
      const online = mobileService({ projectCode: covered.code });
      const offline = (r: UpstreamRecord) => ({
        ...r,
        payload: { ...(r.payload as object), status: 'OFFLINE' },
        tombstone: true,
      });
      await store('service-platforms', offline(gone), offline(replaced), online);

      const changes = await sut.evaluate(null);
      const key = (r: UpstreamRecord) => `MON-SERVICE-STALE:service-platforms:ybyh-service:${r.externalId}`;

      expect(find(changes.opened, key(gone))).toMatchObject({
        projectCode: alone.code,
        ownerUnitCode: alone.unitCode,
      });
      expect(find(changes.opened, key(replaced))).toBeUndefined();
    });
  });

  describe('MON-REGRESSION', () => {
    let reviewSeq = 0;
    async function checkWith(
      project: Project,
      findings: { ruleId: string; verdict: 'PASS' | 'FAIL' | 'UNKNOWN' }[],
    ) {
      const run = await prisma.checkRun.create({
        data: { kind: 'scan', status: 'completed', asOf: clock.now(), startedAt: clock.now(), syncIds: [] },
      });
      await prisma.finding.createMany({
        data: findings.map((f) => ({
          checkRunId: run.id,
          projectId: project.id,
          ruleId: f.ruleId,
          packId: 'yueyang',
          verdict: f.verdict,
          severity: 'blocking' as const,
          domain: 'management',
          basis: 'local',
          clause: '第十条',
          titleZh: `${f.ruleId} 标题`,
          titleEn: `${f.ruleId} title`,
          messageZh: `${f.ruleId} ${f.verdict}`,
          messageEn: `${f.ruleId} ${f.verdict}`,
          evidence: [],
        })),
      });
      return run;
    }
    async function approve(project: Project, checkRunId: string, overrideRuleIds: string[] = []) {
      reviewSeq++;
      await prisma.review.create({
        data: {
          documentNo: `JSSC-MON-${String(reviewSeq).padStart(4, '0')}`,
          projectId: project.id,
          status: 'decided',
          appliedBy: 'unit',
          appliedAt: clock.now(),
          checkRunId,
          decision: 'approve',
          decidedBy: 'reviewer',
          decidedAt: clock.now(),
          overrideRuleIds,
        },
      });
    }

    it('raises a critical alert when a project agreed for acceptance now fails a blocking rule, and resolves it when the rule passes again', async () => {
      const project = await addProject();
      const accepted = await checkWith(project, [{ ruleId: 'YY-PLAN', verdict: 'PASS' }]);
      await approve(project, accepted.id);
      const key = `MON-REGRESSION:project:${project.code}`;
      expect(keysOf(await sut.evaluate(accepted.id), 'MON-REGRESSION')).not.toContain(key);

      clock.advance(HOUR_MS);
      const drifted = await checkWith(project, [{ ruleId: 'YY-PLAN', verdict: 'FAIL' }]);
      const raised = await sut.evaluate(drifted.id);
      expect(find(raised.opened, key)).toMatchObject({
        severity: 'critical',
        projectCode: project.code,
        lastCheckRunId: drifted.id,
        details: expect.objectContaining({
          checkRunId: drifted.id,
          failingRules: [expect.objectContaining({ ruleId: 'YY-PLAN' })],
        }),
      });

      // A check that cannot decide the rule neither clears the alert nor raises another.
      const unknown = await checkWith(project, [{ ruleId: 'YY-PLAN', verdict: 'UNKNOWN' }]);
      const undecided = await sut.evaluate(unknown.id);
      expect(find(undecided.resolved, key)).toBeUndefined();
      expect((await alertOf(key)).status).toBe('open');

      const fixed = await checkWith(project, [{ ruleId: 'YY-PLAN', verdict: 'PASS' }]);
      expect(find((await sut.evaluate(fixed.id)).resolved, key)).toBeDefined();
    });

    it('does not count a FAIL the approval knowingly overrode', async () => {
      const project = await addProject();
      const run = await checkWith(project, [
        { ruleId: 'YY-PLAN', verdict: 'FAIL' },
        { ruleId: 'YY-SUPERVISION', verdict: 'PASS' },
      ]);
      await approve(project, run.id, ['YY-PLAN']);
      expect(keysOf(await sut.evaluate(run.id), 'MON-REGRESSION')).not.toContain(
        `MON-REGRESSION:project:${project.code}`,
      );
    });
  });

  describe('when a source cannot be trusted', () => {
    it('skips the rules reading it and keeps their alerts, then resolves them once a sync succeeds', async () => {
      const tenant = cloudTenant();
      const resource = cloudResource(tenant);
      await store('gov-cloud', tenant.record, resource);
      const key = `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`;
      expect(keysOf(await sut.evaluate(null), 'MON-PROD-NO-FILING')).toContain(key);

      // The resource moved to the test environment, but the latest sync of the cloud failed.
      await store('gov-cloud', {
        ...resource,
        payload: { ...(resource.payload as object), environment: 'test' },
      });
      await synced('gov-cloud', 'failed');
      const skipped = await sut.evaluate(null);

      expect(skipped.skippedRules.map((s) => s.ruleId).sort()).toEqual([
        'MON-IDLE',
        'MON-ORPHAN',
        'MON-PROD-NO-FILING',
      ]);
      expect(skipped.skippedRules[0]!.reason.zh).toContain('政务云资源台账最近一次同步为 failed');
      expect(find(skipped.resolved, key)).toBeUndefined();
      expect((await alertOf(key)).status).toBe('open');

      await synced('gov-cloud', 'partial');
      expect((await sut.evaluate(null)).skippedRules.map((s) => s.ruleId)).toContain('MON-PROD-NO-FILING');
      expect((await alertOf(key)).status).toBe('open');

      await synced('gov-cloud');
      const judged = await sut.evaluate(null);
      expect(judged.skippedRules).toEqual([]);
      expect(find(judged.resolved, key)).toMatchObject({ resolvedBy: 'system' });
    });
  });

  describe('acknowledge and resolve', () => {
    async function openAlert(): Promise<AlertView> {
      const tenant = cloudTenant();
      const resource = cloudResource(tenant);
      await store('gov-cloud', tenant.record, resource);
      const changes = await sut.evaluate(null);
      return find(changes.opened, `MON-PROD-NO-FILING:gov-cloud:${resource.externalId}`)!;
    }
    const auditOf = (id: string) =>
      prisma.auditEntry.findMany({ where: { objectType: 'alert', objectId: id }, orderBy: { seq: 'asc' } });

    it('acknowledges an open alert (audited with the comment); it stays acknowledged while seen', async () => {
      const alert = await openAlert();
      const acked = await sut.acknowledge(alert.id, 'monitor.li', '已通知建设单位迁移至测试区');

      expect(acked).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: 'monitor.li',
        acknowledgedAt: clock.nowIso(),
      });
      expect(
        (await auditOf(alert.id)).map((e) => ({ action: e.action, actor: e.actor, data: e.data })),
      ).toEqual([
        {
          action: 'alert.acknowledge',
          actor: 'monitor.li',
          data: expect.objectContaining({
            from: 'open',
            to: 'acknowledged',
            comment: '已通知建设单位迁移至测试区',
          }),
        },
      ]);
      await sut.evaluate(null);
      expect((await sut.get(alert.id)).status).toBe('acknowledged');
    });

    it('resolves an alert by hand (audited) and reopens it at the next evaluation while the condition is still seen', async () => {
      const alert = await openAlert();
      const resolved = await sut.resolve(alert.id, 'monitor.li', '已迁移');
      expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'monitor.li' });
      expect((await auditOf(alert.id)).map((e) => e.action)).toEqual(['alert.resolve']);

      const changes = await sut.evaluate(null);
      expect(find(changes.reopened, alert.key)).toMatchObject({
        status: 'open',
        timesReopened: 1,
        resolvedBy: null,
      });
    });

    it('refuses to acknowledge or resolve a resolved alert, and answers NOT_FOUND for an unknown one', async () => {
      const alert = await openAlert();
      await sut.resolve(alert.id, 'monitor.li', '已处理');
      await expect(sut.acknowledge(alert.id, 'monitor.li')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(sut.resolve(alert.id, 'monitor.li', '再次')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(sut.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(AppError);
      await expect(sut.get('not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('lists alerts filtered by status, rule, severity, project and owner unit', async () => {
    const project = await addProject();
    const tenant = cloudTenant();
    const resource = cloudResource(tenant, {
      projectCode: project.code,
      utilization: { cpuAvg30d: 1, memAvg30d: 5 },
    });
    await store('gov-cloud', tenant.record, resource);
    await sut.evaluate(null);

    const byProject = await sut.list({ projectCode: project.code });
    expect(byProject.items.map((a) => a.ruleId).sort()).toEqual(['MON-IDLE', 'MON-PROD-NO-FILING']);
    expect(byProject.total).toBe(2);
    expect(
      (await sut.list({ projectCode: project.code, severity: 'info' })).items.map((a) => a.ruleId),
    ).toEqual(['MON-IDLE']);
    expect((await sut.list({ unitCode: project.unitCode, ruleId: 'MON-PROD-NO-FILING' })).total).toBe(1);
    expect((await sut.list({ projectCode: project.code, status: 'resolved' })).total).toBe(0);
    const page = await sut.list({ status: 'open' }, { skip: 0, take: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });
});
