import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_IDS, sourceTitle } from '@hub/connectors';
import {
  evaluateProject,
  PACKS,
  readinessOf,
  type PackEvaluation,
  type Text,
  zeroVerdictCounts,
} from '@hub/rules';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { CheckRun, Prisma, Project } from '../../generated/prisma/client';
import { ProjectsRepository } from '../projects/projects.repository';
import { SyncService, type SyncSummary } from '../sources/sync.service';
import { ALL_PROJECTS, type ProjectScope } from '../auth/roles';
import { beijingDate, ExemptionsRepository } from '../exemptions/exemptions.repository';
import { PackVersionsService } from '../packs/pack-versions.service';
import { FactsAssembler } from './facts.assembler';
import { SourceTrust } from './source-trust';
import { FindingsRepository, toFindingRows, toFindingView, type FindingView } from './findings.repository';

const SCAN_BATCH = 200;

export interface ScanSummary {
  projects: number;
  notReady: number;
  verdicts: Record<string, number>;
}

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
export interface CheckStepView extends CheckStep {
  title: Text | null;
}

/**
 * A running targeted check whose process has not beaten its heartbeat for this long was abandoned
 * (the process crashed or was killed): reading it marks it failed. The process beats every
 * {@link HEARTBEAT_MS} whatever the upstreams do, so a slow upstream never looks like a crash.
 */
export const CHECK_LEASE_MS = 60_000;
const HEARTBEAT_MS = 10_000;

export interface CheckReport {
  id: string;
  kind: CheckRun['kind'];
  status: CheckRun['status'];
  projectCode: string | null;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  syncs: SyncView[];
  summary: ScanSummary | null;
  /** a targeted check's progress, one step per source then the evaluation; null for scans */
  steps: CheckStepView[] | null;
  /** a targeted check's project verdict once completed; null while running and for scans */
  project: {
    projectCode: string;
    name: string;
    packId: string;
    ready: boolean;
    blockingRuleIds: string[];
    findings: FindingView[];
  } | null;
  error: string | null;
}

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
    private readonly packVersions: PackVersionsService,
    private readonly exemptions: ExemptionsRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Fetches fresh data for one project from every source and judges it; resolves when done. */
  async checkProject(
    code: string,
    scope: ProjectScope = ALL_PROJECTS,
    hooks: CheckHooks = {},
  ): Promise<CheckReport> {
    return (await this.startProjectCheck(code, scope, hooks)).done;
  }

  /**
   * Starts a targeted check and returns its run id at once: the run exists (running, with its steps)
   * before any upstream is asked, so its progress can be read while `done` is pending. A caller that
   * does not await `done` must handle its rejection.
   */
  async startProjectCheck(
    code: string,
    scope: ProjectScope = ALL_PROJECTS,
    hooks: CheckHooks = {},
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
    const run = await this.prisma.checkRun.create({
      data: {
        kind: 'targeted',
        projectCode: project.code,
        status: 'running',
        asOf: startedAt,
        startedAt,
        syncIds: [],
        steps: toJson(steps),
        heartbeatAt: new Date(),
      },
    });
    return {
      runId: run.id,
      done: this.runProjectCheck(run, project, new StepRecorder(this.prisma, run.id, steps), hooks),
    };
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
        syncs,
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
    return this.finishRun(run, syncs, async () => {
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

  /**
   * The project's targeted check that is running now, if any (an abandoned one is closed first): one
   * check of a project at a time for a review.
   */
  async runningProjectCheck(projectCode: string): Promise<string | null> {
    const runs = await this.prisma.checkRun.findMany({
      where: { kind: 'targeted', projectCode, status: 'running' },
      orderBy: { startedAt: 'desc' },
    });
    for (const run of runs) {
      if ((await this.reconcileAbandoned(run)).status === 'running') return run.id;
    }
    return null;
  }

  /** Closes a targeted run whose heartbeat lapsed: nobody will ever finish it. */
  private async reconcileAbandoned(run: CheckRun): Promise<CheckRun> {
    if (run.status !== 'running' || run.kind !== 'targeted') return run;
    // A targeted run without a heartbeat predates heartbeats: whoever ran it is long gone.
    if (run.heartbeatAt && Date.now() - run.heartbeatAt.getTime() <= CHECK_LEASE_MS) return run;
    const steps = ((run.steps as unknown as CheckStep[] | null) ?? []).map((step) =>
      step.status === 'running' || step.status === 'pending' ? { ...step, status: 'failed' as const } : step,
    );
    // Only if nobody beat the heartbeat meanwhile: a live process keeps its run.
    await this.prisma.checkRun.updateMany({
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
    return this.prisma.checkRun.findUniqueOrThrow({ where: { id: run.id } });
  }

  private async failRun(run: CheckRun, e: unknown, progress?: StepRecorder): Promise<void> {
    this.logger.error({ err: e, checkRunId: run.id }, 'check run failed');
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
    syncs: SyncSummary[],
    work: () => Promise<void>,
    progress?: StepRecorder,
  ): Promise<CheckReport> {
    const started = Date.now();
    let finished: CheckRun;
    try {
      await work();
      const summary = await this.summarize(run.id);
      const steps = progress ? await progress.settled() : undefined;
      finished = await this.prisma.checkRun.update({
        where: { id: run.id },
        data: {
          status: 'completed',
          finishedAt: this.clock.now(),
          summary: { ...summary },
          ...(steps ? { steps: toJson(steps) } : {}),
        },
      });
      this.logger.info(
        { checkRunId: run.id, kind: run.kind, ms: Date.now() - started, ...summary },
        'check run completed',
      );
    } catch (e) {
      await this.failRun(run, e, progress);
      throw e;
    }
    return this.report(
      finished,
      syncs.map((s) => ({ source: s.source, syncId: s.syncId, status: s.status, error: s.error, ms: s.ms })),
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
    const summary = await this.summarize(runId);
    await this.prisma.checkRun.update({
      where: { id: runId },
      data: { status: 'completed', finishedAt: this.clock.now(), summary: { ...summary } },
    });
    return this.getRun(runId);
  }

  /** Saves one batch's findings for a run: what a scan's evaluation task does. */
  async evaluateAndSave(
    runId: string,
    projects: Project[],
    states: SourceTrust,
    tx: Prisma.TransactionClient,
  ): Promise<number> {
    const results = await this.evaluate(projects, states);
    await tx.finding.deleteMany({
      where: { checkRunId: runId, projectId: { in: projects.map((p) => p.id) } },
    });
    const rows = results.flatMap(({ project, packVersion, evaluation }) =>
      toFindingRows(runId, project.id, packVersion, evaluation.findings),
    );
    await tx.finding.createMany({ data: rows });
    return rows.length;
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
      const pack = PACKS[project.policyPack as keyof typeof PACKS];
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
