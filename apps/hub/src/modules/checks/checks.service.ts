import { z } from 'zod';
import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_IDS, sourceTitle } from '@hub/connectors';
import { evaluateProject, packFor, readinessOf, type PackEvaluation, zeroVerdictCounts } from '@hub/rules';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import type { HubEnv } from '../../config/env';
import { Clock } from '../../infra/clock';
import { HUB_ENV, LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import { Lifecycle, settledBy } from '../../infra/lifecycle';
import type { CheckRun, Prisma, Project } from '../../generated/prisma/client';
import { ProjectsRepository } from '../projects/projects.repository';
import { SyncService, type SyncSummary } from '../sources/sync.service';
import { actorOf, ALL_PROJECTS, type Principal, type ProjectScope } from '../auth/roles';
import { beijingDate, ExemptionsRepository } from '../exemptions/exemptions.repository';
import { PackVersionsService } from '../packs/pack-versions.service';
import { FactsAssembler } from './facts.assembler';
import { SourceTrust } from './source-trust';
import { FindingsRepository, toFindingView } from './findings.repository';
import { JudgementsRepository } from './judgements.repository';
import { ZCheckReport, ZCheckStep, ZScanSummary } from './checks.answers';

const SCAN_BATCH = 200;

export type ScanSummary = z.infer<typeof ZScanSummary>;

export interface SyncView {
  source: string;
  syncId: string;
  status: string;
  error: string | null;
  /** wall time of the sync, when this report comes from the run itself */
  ms: number | null;
}

/** One step of a targeted check's progress (GET /api/checks/:id while it runs and after). */
export interface CheckStep {
  /** `fetch`: one upstream source's targeted query; `evaluate`: the rules judged on what was fetched */
  kind: 'fetch' | 'evaluate';
  source: string | null;
  status: 'pending' | 'running' | 'succeeded' | 'partial' | 'failed';
  error: string | null;
  /** wall time of the step once it ended */
  ms: number | null;
}

/** A step as the API shows it: a fetch step names its source as operators know it. */
export type CheckStepView = z.infer<typeof ZCheckStep>;

/**
 * A running targeted check whose process has not beaten its heartbeat for this long was abandoned
 * (the process crashed or was killed): reading it marks it failed. The process beats every
 * {@link HEARTBEAT_MS} whatever the upstreams do, so a slow upstream never looks like a crash.
 */
export const CHECK_LEASE_MS = 60_000;
const HEARTBEAT_MS = 10_000;

/** Namespaces of the advisory locks under which a running targeted check is created. */
const CHECK_USER_LOCK = 7_246_500;
const CHECK_PROJECT_LOCK = 7_246_600;
/** Completing a run folds its findings into the judgements: a 10,000-project scan's take seconds. */
const COMPLETE_TRANSACTION_TIMEOUT_MS = 120_000;

/** Who starts a targeted check: recorded on the run; a person over the API is held to a limit. */
export interface CheckRequester {
  /** the name the run (`requested_by`) and the audit trail record */
  actor: string;
  /** held to HUB_MAX_CONCURRENT_CHECKS_PER_USER (people over the API; not the operator's CLI) */
  limited: boolean;
}

/** A person calling the API, as the starter of a check. */
export function apiRequester(principal: Principal): CheckRequester {
  return { actor: actorOf(principal), limited: true };
}

type Db = PrismaService | Prisma.TransactionClient;

export type CheckReport = z.infer<typeof ZCheckReport>;

/**
 * Evaluation runs. A targeted check fetches fresh data for one project from every source and judges
 * it on exactly that; a scan syncs every source, then judges every project in batches. Verdicts rest
 * on the syncs of the run itself, so a source that failed now gives UNKNOWN even if older data exists.
 */
@Injectable()
export class ChecksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsRepository,
    private readonly sync: SyncService,
    private readonly facts: FactsAssembler,
    private readonly findings: FindingsRepository,
    private readonly judgements: JudgementsRepository,
    private readonly packVersions: PackVersionsService,
    private readonly exemptions: ExemptionsRepository,
    private readonly clock: Clock,
    private readonly lifecycle: Lifecycle,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Targeted checks this process is running, by run id: what a shutdown waits for. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** Fetches fresh data for one project from every source and judges it; resolves when done. */
  async checkProject(
    code: string,
    scope: ProjectScope = ALL_PROJECTS,
    hooks: CheckHooks = {},
    requester?: CheckRequester,
  ): Promise<CheckReport> {
    return (await this.startProjectCheck(code, scope, hooks, requester)).done;
  }

  /**
   * Starts a targeted check and returns its run id at once: the run exists (running, with its steps)
   * before any upstream is asked, so its progress can be read while `done` is pending. A caller that
   * does not await `done` must handle its rejection.
   *
   * One check of a project at a time, and at most HUB_MAX_CONCURRENT_CHECKS_PER_USER per limited
   * requester: both are tested and the run created in one transaction under advisory locks (the
   * requester's, then the project's), so simultaneous requests on any replicas are serialised.
   */
  async startProjectCheck(
    code: string,
    scope: ProjectScope = ALL_PROJECTS,
    hooks: CheckHooks = {},
    requester?: CheckRequester,
  ): Promise<{ runId: string; done: Promise<CheckReport> }> {
    const project = await this.projects.findVisible(code, scope);
    if (!project) throw AppError.projectNotFound(code);
    const startedAt = this.clock.now();
    const steps: CheckStep[] = [
      ...this.sync
        .sources()
        .map((source): CheckStep => ({ kind: 'fetch', source, status: 'running', error: null, ms: null })),
      { kind: 'evaluate', source: null, status: 'pending', error: null, ms: null },
    ];
    const run = await this.prisma.$transaction(async (tx) => {
      if (requester?.limited) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECK_USER_LOCK}::int, hashtext(${requester.actor}))`;
      }
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECK_PROJECT_LOCK}::int, hashtext(${project.code}))`;
      await this.refuseUnlessFree(tx, project.code, requester);
      return tx.checkRun.create({
        data: {
          kind: 'targeted',
          projectCode: project.code,
          status: 'running',
          asOf: startedAt,
          startedAt,
          syncIds: [],
          steps: toJson(steps),
          heartbeatAt: new Date(),
          requestedBy: requester?.actor ?? null,
        },
      });
    });
    const done = this.runProjectCheck(run, project, new StepRecorder(this.prisma, run.id, steps), hooks);
    this.inFlight.set(run.id, done);
    const forget = () => this.inFlight.delete(run.id);
    done.then(forget, forget);
    return { runId: run.id, done };
  }

  /**
   * Refuses, as starting would, while the project has a check running or the requester has as many
   * as allowed. Without the locks: for callers that must refuse before acting (a review application,
   * a decision on a check about to be replaced); starting a check tests it again under them.
   */
  async refuseWhileBusy(projectCode: string, requester?: CheckRequester): Promise<void> {
    await this.refuseUnlessFree(this.prisma, projectCode, requester);
  }

  private async refuseUnlessFree(db: Db, projectCode: string, requester?: CheckRequester): Promise<void> {
    const [busy] = await this.liveTargetedRuns(db, { projectCode });
    if (busy) {
      throw new AppError(
        'CONFLICT',
        {
          zh: `项目 ${projectCode} 正在检查中，请待检查完成后再操作`,
          en: `A check of project ${projectCode} is running; try again once it has finished`,
        },
        { checkRunId: busy.id },
      );
    }
    if (!requester?.limited) return;
    const limit = this.env.HUB_MAX_CONCURRENT_CHECKS_PER_USER;
    const mine = await this.liveTargetedRuns(db, { requestedBy: requester.actor });
    if (mine.length >= limit) {
      throw new AppError(
        'TOO_MANY_CHECKS',
        {
          zh: `您已有 ${mine.length} 项检查正在进行（每人最多同时 ${limit} 项），请待其中一项完成后再发起`,
          en: `You already have ${mine.length} checks running (at most ${limit} at once per user); start another once one has finished`,
        },
        { limit, running: mine.map((r) => ({ checkRunId: r.id, projectCode: r.projectCode })) },
      );
    }
  }

  /** Targeted runs still running that match `where`; those whose heartbeat lapsed are closed first. */
  private async liveTargetedRuns(db: Db, where: Prisma.CheckRunWhereInput): Promise<CheckRun[]> {
    const runs = await db.checkRun.findMany({
      where: { ...where, kind: 'targeted', status: 'running' },
      orderBy: { startedAt: 'desc' },
    });
    const live: CheckRun[] = [];
    for (const run of runs) {
      if ((await this.reconcileAbandoned(run, db)).status === 'running') live.push(run);
    }
    return live;
  }

  /**
   * At shutdown: waits for this process's running checks until `deadline` (wall-clock ms), then
   * closes those still running as interrupted, so nobody waits for a heartbeat to lapse.
   */
  async drain(deadline: number): Promise<void> {
    if (await settledBy([...this.inFlight.values()], deadline)) return;
    const left = [...this.inFlight.keys()];
    await this.prisma.checkRun.updateMany({
      where: { id: { in: left }, status: 'running' },
      data: {
        status: 'failed',
        finishedAt: this.clock.now(),
        error:
          '合规中枢停止时检查尚未完成，请重新检查 / the hub stopped before this check finished; run it again',
      },
    });
    this.logger.warn({ checkRunIds: left }, 'checks still running at shutdown closed as interrupted');
  }

  private async runProjectCheck(
    run: CheckRun,
    project: Project,
    progress: StepRecorder,
    hooks: CheckHooks,
  ): Promise<CheckReport> {
    // Liveness is wall-clock time, never the hub clock: HUB_NOW may fix the latter.
    const heartbeat = setInterval(() => progress.beat(), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      let syncs: SyncSummary[];
      try {
        syncs = await this.sync.fetchForProject(
          { projectCode: project.code, unitCode: project.unitCode, systemNames: project.systemNames },
          async (s) => {
            progress.update(
              { kind: 'fetch', source: s.source },
              { status: s.status, error: s.error, ms: s.ms },
            );
          },
        );
      } catch (e) {
        await this.failRun(run, e, progress);
        throw e;
      }
      progress.update({ kind: 'evaluate', source: null }, { status: 'running' });
      await progress.flush();
      const evaluating = await this.prisma.checkRun.update({
        where: { id: run.id },
        data: { asOf: this.clock.now(), syncIds: syncs.map((s) => s.syncId) },
      });
      const started = Date.now();
      return await this.finishRun(
        evaluating,
        syncs.map(viewOfSummary),
        async () => {
          await this.evaluateBatch(run.id, [project], trustOfSummaries(syncs));
          await hooks.afterEvaluate?.(run.id);
          progress.update(
            { kind: 'evaluate', source: null },
            { status: 'succeeded', ms: Date.now() - started },
          );
        },
        progress,
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async scan(mode?: 'full' | 'incremental'): Promise<CheckReport> {
    const startedAt = this.clock.now();
    const syncs = await this.sync.syncAll(mode);
    const run = await this.prisma.checkRun.create({
      data: {
        kind: 'scan',
        status: 'running',
        asOf: this.clock.now(),
        startedAt,
        syncIds: syncs.map((s) => s.syncId),
      },
    });
    const log = this.logger.child({ checkRunId: run.id });
    return this.finishRun(run, syncs.map(viewOfSummary), async () => {
      const states = await this.sourceStatesOf(run.syncIds);
      let done = 0;
      for await (const batch of this.projects.allInBatches(SCAN_BATCH)) {
        await this.evaluateBatch(run.id, batch, states);
        done += batch.length;
        log.debug({ done }, 'scan progress');
      }
    });
  }

  /** A run, as far as the scope may see it: an applicant sees targeted checks of its own projects. */
  async getRun(id: string, scope: ProjectScope = ALL_PROJECTS): Promise<CheckReport> {
    const found = await this.prisma.checkRun.findUnique({ where: { id } });
    const run = found && (await this.reconcileAbandoned(found));
    const visible =
      run &&
      (scope.kind === 'all' ||
        (run.projectCode !== null && (await this.projects.findVisible(run.projectCode, scope)) !== null));
    if (!run || !visible) {
      throw new AppError('CHECK_NOT_FOUND', {
        zh: `检查 ${id} 不存在`,
        en: `Check run ${id} does not exist`,
      });
    }
    const syncs = await this.prisma.sourceSync.findMany({ where: { id: { in: run.syncIds } } });
    return this.report(
      run,
      syncs.map((s) => ({ source: s.source, syncId: s.id, status: s.status, error: s.error, ms: null })),
    );
  }

  /** Closes a targeted run whose heartbeat lapsed: nobody will ever finish it. */
  private async reconcileAbandoned(run: CheckRun, db: Db = this.prisma): Promise<CheckRun> {
    if (run.status !== 'running' || run.kind !== 'targeted') return run;
    // A targeted run without a heartbeat predates heartbeats: whoever ran it is long gone.
    if (run.heartbeatAt && Date.now() - run.heartbeatAt.getTime() <= CHECK_LEASE_MS) return run;
    const steps = ((run.steps as unknown as CheckStep[] | null) ?? []).map((step) =>
      step.status === 'running' || step.status === 'pending' ? { ...step, status: 'failed' as const } : step,
    );
    // Only if nobody beat the heartbeat meanwhile: a live process keeps its run.
    await db.checkRun.updateMany({
      where: { id: run.id, status: 'running', heartbeatAt: run.heartbeatAt },
      data: {
        status: 'failed',
        finishedAt: this.clock.now(),
        steps: toJson(steps),
        error:
          `检查进程已中断（超过 ${CHECK_LEASE_MS / 1000} 秒无心跳），请重新检查 / ` +
          `the process running this check stopped (no heartbeat for ${CHECK_LEASE_MS / 1000} s); run it again`,
      },
    });
    this.logger.warn({ checkRunId: run.id, heartbeatAt: run.heartbeatAt }, 'abandoned check run closed');
    return db.checkRun.findUniqueOrThrow({ where: { id: run.id } });
  }

  private async failRun(run: CheckRun, e: unknown, progress?: StepRecorder): Promise<void> {
    // Cut short by a shutdown, a check's failure is expected; drain() has closed it already.
    if (this.lifecycle.stopping) this.logger.warn({ err: e, checkRunId: run.id }, 'check run stopped');
    else this.logger.error({ err: e, checkRunId: run.id }, 'check run failed');
    const steps = progress ? await progress.failOpen() : undefined;
    await this.prisma.checkRun.update({
      where: { id: run.id },
      data: {
        status: 'failed',
        finishedAt: this.clock.now(),
        error: e instanceof Error ? e.message : String(e),
        ...(steps ? { steps: toJson(steps) } : {}),
      },
    });
  }

  private async finishRun(
    run: CheckRun,
    syncs: SyncView[],
    work: () => Promise<void>,
    progress?: StepRecorder,
  ): Promise<CheckReport> {
    const started = Date.now();
    let finished: CheckRun;
    try {
      await work();
      const summary = await this.summarize(run.id);
      const steps = progress ? await progress.settled() : undefined;
      finished = await this.markCompleted(run.id, summary, steps ? { steps: toJson(steps) } : {});
      this.logger.info(
        { checkRunId: run.id, kind: run.kind, ms: Date.now() - started, ...summary },
        'check run completed',
      );
    } catch (e) {
      await this.failRun(run, e, progress);
      throw e;
    }
    return this.report(finished, syncs);
  }

  /**
   * Judges one project again on its stored facts, trusting each source as the project's latest check
   * did (its syncs, and their recoveries): what an operator's decision on its records changes shows
   * at once, without asking the upstreams again. Recorded as a completed targeted run with one
   * evaluation step, its `trigger` saying what caused it, resting on the syncs of that check.
   */
  async rejudgeProject(projectCode: string, trigger: string, requestedBy: string): Promise<CheckReport> {
    const project = await this.projects.findByCode(projectCode);
    if (!project) throw AppError.projectNotFound(projectCode);
    const latest = await this.findings.latestForProject(project.id);
    const basis = latest?.[0]
      ? await this.prisma.checkRun.findUnique({ where: { id: latest[0].checkRunId } })
      : null;
    const syncs = basis
      ? await this.prisma.sourceSync.findMany({
          where: { OR: [{ id: { in: basis.syncIds } }, { parentSyncId: { in: basis.syncIds } }] },
        })
      : [];
    // Bulk syncs (a scan's) are judged on how old each source's last complete data is; a targeted
    // fetch on itself alone, as the check that made it did.
    const bulk = syncs.some((s) => s.mode !== 'targeted');
    const states = !basis
      ? await this.latestSourceStates()
      : SourceTrust.fromSyncs(syncs, bulk ? await this.lastCompleteAt() : undefined);
    const now = this.clock.now();
    const steps: CheckStep[] = [{ kind: 'evaluate', source: null, status: 'running', error: null, ms: null }];
    const run = await this.prisma.checkRun.create({
      data: {
        kind: 'targeted',
        projectCode: project.code,
        status: 'running',
        asOf: now,
        startedAt: now,
        syncIds: basis?.syncIds ?? [],
        trigger,
        requestedBy,
        steps: toJson(steps),
        heartbeatAt: new Date(),
      },
    });
    const progress = new StepRecorder(this.prisma, run.id, steps);
    const started = Date.now();
    return this.finishRun(
      run,
      syncs
        .filter((s) => !s.parentSyncId)
        .map((s) => ({ source: s.source, syncId: s.id, status: s.status, error: s.error, ms: null })),
      async () => {
        await this.evaluateBatch(run.id, [project], states);
        progress.update(
          { kind: 'evaluate', source: null },
          { status: 'succeeded', ms: Date.now() - started },
        );
      },
      progress,
    );
  }

  private async evaluateBatch(checkRunId: string, projects: Project[], states: SourceTrust): Promise<void> {
    const results = await this.evaluate(projects, states);
    await this.findings.save(
      checkRunId,
      results.map(({ project, packVersion, evaluation }) => ({
        projectId: project.id,
        packVersion,
        findings: evaluation.findings,
      })),
    );
  }

  /** Closes a run whose findings are all saved: its summary is counted in the database. */
  async completeRun(runId: string): Promise<CheckReport> {
    await this.markCompleted(runId, await this.summarize(runId));
    return this.getRun(runId);
  }

  /**
   * Marks a run completed and, in the same transaction, makes its findings its projects' latest
   * judgements: a read never sees a completed run that is not counted, nor a judgement of one that
   * is not completed. A city's scan folds hundreds of thousands of findings, hence the long bound.
   */
  private markCompleted(
    runId: string,
    summary: ScanSummary,
    extra: Prisma.CheckRunUpdateInput = {},
  ): Promise<CheckRun> {
    return this.prisma.$transaction(
      async (tx) => {
        const run = await tx.checkRun.update({
          where: { id: runId },
          data: { status: 'completed', finishedAt: this.clock.now(), summary: { ...summary }, ...extra },
        });
        await this.judgements.recordRun(runId, tx);
        return run;
      },
      { timeout: COMPLETE_TRANSACTION_TIMEOUT_MS },
    );
  }

  /** Saves one batch's findings for a run: what a scan's evaluation task does. */
  async evaluateAndSave(
    runId: string,
    projects: Project[],
    states: SourceTrust,
    tx: Prisma.TransactionClient,
  ): Promise<number> {
    const results = await this.evaluate(projects, states);
    return this.findings.replace(
      runId,
      results.map(({ project, packVersion, evaluation }) => ({
        projectId: project.id,
        packVersion,
        findings: evaluation.findings,
      })),
      tx,
    );
  }

  /**
   * Judges projects on stored facts under the pack version in force for each (or a draft of one) and
   * their approved, current exemptions. Pure apart from reading: nothing is saved.
   */
  async evaluate(
    projects: Project[],
    states: SourceTrust,
    draft?: Parameters<PackVersionsService['resolveFor']>[1],
  ): Promise<{ project: Project; packVersion: number; evaluation: PackEvaluation }[]> {
    const ids = projects.map((p) => p.id);
    const [factsById, policies, exemptions] = await Promise.all([
      this.facts.assemble(projects, (p) => states.forProject(p.code)),
      this.packVersions.resolveFor(projects, draft),
      this.exemptions.currentFor(ids, beijingDate(this.clock.now())),
    ]);
    const now = this.clock.nowIso();
    return projects.map((project) => {
      const pack = packFor(project.policyPack);
      const policy = policies.get(project.id)!;
      const evaluation = evaluateProject(pack, factsById.get(project.id)!, {
        now,
        settings: policy.settings,
        confirmedRuleIds: policy.confirmedRuleIds,
        exemptions: exemptions.get(project.id),
      });
      return { project, packVersion: policy.version, evaluation };
    });
  }

  /** Each source's state as of its latest sync: what a judgement on stored facts may trust. */
  async latestSourceStates(): Promise<SourceTrust> {
    const latest = await Promise.all(
      SOURCE_IDS.map((source) =>
        this.prisma.sourceSync.findFirst({
          where: { source, parentSyncId: null },
          orderBy: { startedAt: 'desc' },
        }),
      ),
    );
    const syncs = latest.flatMap((s) => (s ? [s] : []));
    const recoveries = await this.prisma.sourceSync.findMany({
      where: { parentSyncId: { in: syncs.map((s) => s.id) } },
    });
    return SourceTrust.fromSyncs([...syncs, ...recoveries], await this.lastCompleteAt());
  }

  /**
   * What the rules may trust in a scan: each source as the given syncs left it, the projects its
   * recoveries made whole again, and how old each source's last complete data is.
   */
  async sourceStatesOf(syncIds: string[]): Promise<SourceTrust> {
    const syncs = await this.prisma.sourceSync.findMany({
      where: { OR: [{ id: { in: syncIds } }, { parentSyncId: { in: syncIds } }] },
    });
    return SourceTrust.fromSyncs(syncs, await this.lastCompleteAt());
  }

  /** When each source's latest complete bulk sync finished (null: never). */
  private async lastCompleteAt(): Promise<Map<string, Date | null>> {
    const rows = await this.prisma.sourceSync.groupBy({
      by: ['source'],
      where: { status: 'succeeded', mode: { in: ['full', 'incremental'] } },
      _max: { finishedAt: true },
    });
    const at = new Map<string, Date | null>(SOURCE_IDS.map((s) => [s, null]));
    for (const r of rows) at.set(r.source, r._max.finishedAt);
    return at;
  }

  private async summarize(checkRunId: string): Promise<ScanSummary> {
    const grouped = await this.prisma.finding.groupBy({
      by: ['verdict'],
      where: { checkRunId },
      _count: { _all: true },
    });
    const verdicts: Record<string, number> = zeroVerdictCounts();
    for (const g of grouped) verdicts[g.verdict] = g._count._all;
    // Counted in the database: a scan of a large city has hundreds of thousands of findings.
    const [counts] = await this.prisma.$queryRaw<{ projects: bigint; not_ready: bigint }[]>`
      SELECT COUNT(DISTINCT project_id) AS projects,
             COUNT(DISTINCT project_id) FILTER (
               WHERE severity = 'blocking' AND NOT warning_only AND verdict IN ('FAIL', 'UNKNOWN')
             ) AS not_ready
      FROM findings WHERE check_run_id = ${checkRunId}::uuid`;
    return { projects: Number(counts?.projects ?? 0), notReady: Number(counts?.not_ready ?? 0), verdicts };
  }

  private async report(run: CheckRun, syncs: SyncView[]): Promise<CheckReport> {
    let project: CheckReport['project'] = null;
    if (run.kind === 'targeted' && run.projectCode && run.status !== 'running') {
      const p = await this.projects.findByCode(run.projectCode);
      if (p) {
        const rows = await this.findings.forRun(run.id, p.id);
        const views = rows.map((f) => toFindingView(f, p.code));
        const readiness = readinessOf(views);
        project = { projectCode: p.code, name: p.name, packId: p.policyPack, ...readiness, findings: views };
      }
    }
    return {
      id: run.id,
      kind: run.kind,
      status: run.status,
      projectCode: run.projectCode,
      asOf: run.asOf.toISOString(),
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      syncs,
      summary: (run.summary as ScanSummary | null) ?? null,
      steps:
        (run.steps as unknown as CheckStep[] | null)?.map((step) => ({
          ...step,
          title: step.source === null ? null : sourceTitle(step.source),
        })) ?? null,
      project,
      error: run.error,
    };
  }
}

/**
 * What the rules may trust: each source's state as of the given syncs (a run's own summaries or
 * stored sync rows). A sync still marked running never finished: it counts as failed.
 */
const viewOfSummary = (s: SyncSummary): SyncView => ({
  source: s.source,
  syncId: s.syncId,
  status: s.status,
  error: s.error,
  ms: s.ms,
});

/** The trust of a run judged on its own syncs alone (a targeted check, the in-process scan). */
function trustOfSummaries(syncs: readonly SyncSummary[]): SourceTrust {
  return SourceTrust.fromSyncs(
    syncs.map((s) => ({
      source: s.source,
      status: s.status,
      finishedAt: new Date(s.finishedAt),
      error: s.error,
      pagesFetched: s.pagesFetched,
      pagesFailed: s.pagesFailed,
      pagesTotal: null,
      parentSyncId: null,
      recoveredProjects: [],
    })),
  );
}

export interface CheckHooks {
  /**
   * Runs once the findings are saved, before the run is marked completed: whoever waits for the run
   * to complete then sees what the hook wrote (a review pointing at it).
   */
  afterEvaluate?: (runId: string) => Promise<void>;
}

const toJson = (steps: CheckStep[]) => steps as unknown as Prisma.InputJsonValue;

/**
 * A targeted run's steps, written as they change. Sources answer in parallel, so writes are chained:
 * each writes the whole list as it stands, in order, and the last one wins with the latest state.
 */
class StepRecorder {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaService,
    private readonly runId: string,
    private readonly steps: CheckStep[],
  ) {}

  update(which: Pick<CheckStep, 'kind' | 'source'>, change: Partial<CheckStep>): void {
    const step = this.steps.find((s) => s.kind === which.kind && s.source === which.source);
    if (step) Object.assign(step, change);
    this.write({ steps: toJson(this.steps) });
  }

  beat(): void {
    this.write({});
  }

  /** Every pending write done; the steps as they stand. */
  async settled(): Promise<CheckStep[]> {
    await this.flush();
    return this.steps;
  }

  /** Steps still open are failed: the run stopped before they ended. */
  async failOpen(): Promise<CheckStep[]> {
    for (const step of this.steps) {
      if (step.status === 'running' || step.status === 'pending') step.status = 'failed';
    }
    return this.settled();
  }

  async flush(): Promise<void> {
    await this.chain;
  }

  private write(data: Prisma.CheckRunUpdateManyMutationInput): void {
    this.chain = this.chain
      .then(() =>
        this.prisma.checkRun.updateMany({
          where: { id: this.runId, status: 'running' },
          data: { ...data, heartbeatAt: new Date() },
        }),
      )
      // Progress is advisory: a failed write must never fail the check itself.
      .catch(() => undefined);
  }
}
