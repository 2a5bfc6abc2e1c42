import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_IDS, type SourceId } from '@hub/contracts';
import {
  evaluateProject,
  PACKS,
  readinessOf,
  type PackEvaluation,
  type SourceState,
  VERDICTS,
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
  /** a targeted check's project verdict; null for scans (see GET /api/findings) */
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

  async checkProject(code: string, scope: ProjectScope = ALL_PROJECTS): Promise<CheckReport> {
    const project = await this.projects.findVisible(code, scope);
    if (!project) throw AppError.projectNotFound(code);
    const startedAt = this.clock.now();
    const syncs = await this.sync.fetchForProject({
      projectCode: project.code,
      unitCode: project.unitCode,
      systemNames: project.systemNames,
    });
    const run = await this.prisma.checkRun.create({
      data: {
        kind: 'targeted',
        projectCode: code,
        status: 'running',
        asOf: this.clock.now(),
        startedAt,
        syncIds: syncs.map((s) => s.syncId),
      },
    });
    return this.finishRun(run, syncs, async () => {
      await this.evaluateBatch(run.id, [project], sourceStates(syncs));
    });
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
      const states = sourceStates(syncs);
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
    const run = await this.prisma.checkRun.findUnique({ where: { id } });
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

  private async finishRun(
    run: CheckRun,
    syncs: SyncSummary[],
    work: () => Promise<void>,
  ): Promise<CheckReport> {
    const started = Date.now();
    let finished: CheckRun;
    try {
      await work();
      const summary = await this.summarize(run.id);
      finished = await this.prisma.checkRun.update({
        where: { id: run.id },
        data: { status: 'completed', finishedAt: this.clock.now(), summary: { ...summary } },
      });
      this.logger.info(
        { checkRunId: run.id, kind: run.kind, ms: Date.now() - started, ...summary },
        'check run completed',
      );
    } catch (e) {
      this.logger.error({ err: e, checkRunId: run.id }, 'check run failed');
      await this.prisma.checkRun.update({
        where: { id: run.id },
        data: {
          status: 'failed',
          finishedAt: this.clock.now(),
          error: e instanceof Error ? e.message : String(e),
        },
      });
      throw e;
    }
    return this.report(
      finished,
      syncs.map((s) => ({ source: s.source, syncId: s.syncId, status: s.status, error: s.error, ms: s.ms })),
    );
  }

  private async evaluateBatch(
    checkRunId: string,
    projects: Project[],
    states: Partial<Record<SourceId, SourceState>>,
  ): Promise<void> {
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
    states: Partial<Record<SourceId, SourceState>>,
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
    states: Partial<Record<SourceId, SourceState>>,
    draft?: Parameters<PackVersionsService['resolveFor']>[1],
  ): Promise<{ project: Project; packVersion: number; evaluation: PackEvaluation }[]> {
    const ids = projects.map((p) => p.id);
    const [factsById, policies, exemptions] = await Promise.all([
      this.facts.assemble(projects, states),
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
  async latestSourceStates(): Promise<Partial<Record<SourceId, SourceState>>> {
    const latest = await Promise.all(
      SOURCE_IDS.map((source) =>
        this.prisma.sourceSync.findFirst({ where: { source }, orderBy: { startedAt: 'desc' } }),
      ),
    );
    return sourceStates(latest.flatMap((s) => (s ? [s] : [])));
  }

  /** What the rules may trust in a scan: each source as the given syncs left it. */
  async sourceStatesOf(syncIds: string[]): Promise<Partial<Record<SourceId, SourceState>>> {
    return sourceStates(await this.prisma.sourceSync.findMany({ where: { id: { in: syncIds } } }));
  }

  private async summarize(checkRunId: string): Promise<ScanSummary> {
    const grouped = await this.prisma.finding.groupBy({
      by: ['verdict'],
      where: { checkRunId },
      _count: { _all: true },
    });
    const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<string, number>;
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
    if (run.kind === 'targeted' && run.projectCode) {
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
      project,
      error: run.error,
    };
  }
}

/**
 * What the rules may trust: each source's state as of the given syncs (a run's own summaries or
 * stored sync rows). A sync still marked running never finished: it counts as failed.
 */
function sourceStates(
  syncs: readonly {
    source: string;
    status: SyncSummary['status'];
    finishedAt: Date | string | null;
    error: string | null;
  }[],
): Partial<Record<SourceId, SourceState>> {
  return Object.fromEntries(
    syncs.map((s) => [
      s.source,
      {
        source: s.source as SourceId,
        status: s.status === 'running' ? 'failed' : s.status,
        finishedAt: s.finishedAt instanceof Date ? s.finishedAt.toISOString() : s.finishedAt,
        error: s.error,
      } satisfies SourceState,
    ]),
  );
}
