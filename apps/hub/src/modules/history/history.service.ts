import { Inject, Injectable } from '@nestjs/common';
import { ZProjectCode } from '@hub/contracts';
import { allPacks, type Verdict, zeroVerdictCounts } from '@hub/rules';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { LOGGER } from '../../infra/core.module';
import type { CheckRun } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { ALL_PROJECTS, type ProjectScope } from '../auth/roles';
import { JudgementsRepository } from '../checks/judgements.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { CHANGE_KINDS, HistoryRepository, type ProjectRunRow } from './history.repository';
import {
  ZDiffItem,
  ZDiffRunView,
  ZProjectTimeline,
  ZRuleTrend,
  ZRuleTrendPoint,
  ZScanDiff,
  ZTimelineEntry,
  ZVerdictChange,
} from './history.answers';

export { CHANGE_KINDS, type ChangeKind } from './history.repository';

/** How many runs a prune deletes per statement batch. */
const PRUNE_RUN_BATCH = 50;
/** How many findings one delete statement removes at most: bounds each prune transaction. */
const PRUNE_FINDINGS_CHUNK = 20_000;
const DAY_MS = 86_400_000;

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** `?limit=` of a project's timeline. Unknown keys are ignored, as on the other read routes. */
export const ZTimelineQuery = z.object({ limit: limit(500, 50) });
/** `?limit=`: how many of the latest scans a rule's trend covers. */
export const ZTrendQuery = z.object({ limit: limit(400, 30) });
/** `?from=&to=` run ids; `change` lists one class only; `offset`/`limit` page the listed changes. */
export const ZDiffQuery = z.object({
  from: z.uuid(),
  to: z.uuid(),
  change: z.enum(CHANGE_KINDS).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: limit(1000, 200),
});
export type DiffQuery = z.infer<typeof ZDiffQuery>;
/** Days of check history to keep; older runs not named by a review or dispute are deleted. */
export const ZRetentionDays = z.coerce.number().int().min(1).max(36_500);

export type VerdictCounts = Record<Verdict, number>;

/** A rule whose verdict for the project differs from the previous run of the timeline. */
export type VerdictChange = z.infer<typeof ZVerdictChange>;

/** One completed check run as it judged the project. */
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;

export type ProjectTimeline = z.infer<typeof ZProjectTimeline>;

export type RuleTrendPoint = z.infer<typeof ZRuleTrendPoint>;

export type RuleTrend = z.infer<typeof ZRuleTrend>;

export type DiffRunView = z.infer<typeof ZDiffRunView>;

export type DiffItem = z.infer<typeof ZDiffItem>;

/**
 * What changed between two completed runs. Projects judged in both are compared rule by rule;
 * `failing` means FAIL or UNKNOWN, and a rule judged in one run only counts as not failing in the
 * other. The three classes are disjoint:
 * - `regressed`: PASS, WAIVED or NOT_APPLICABLE before, FAIL now — a definite judgement turned
 *   definite failure;
 * - `new`: any other move from not failing to failing — now UNKNOWN (a source could not tell), or
 *   failing on a rule not judged before;
 * - `fixed`: failing before, not failing (or no longer judged) now.
 * A rule failing in both (FAIL ↔ UNKNOWN included) is counted as `stillFailing`, not listed.
 * Projects judged in one run only are `projectsAdded` / `projectsRemoved`.
 */
export type ScanDiff = z.infer<typeof ZScanDiff>;

export interface PruneReport {
  retentionDays: number;
  /** runs that finished before this instant were candidates */
  cutoff: string;
  dryRun: boolean;
  runsDeleted: number;
  scansDeleted: number;
  targetedDeleted: number;
  findingsDeleted: number;
  /** runs older than the cutoff kept because a review or a dispute names them (legal records) */
  runsKept: number;
}

/** The rule of either pack with this id, or undefined. */
function ruleById(ruleId: string) {
  return allPacks()
    .flatMap((pack) => pack.rules)
    .find((rule) => rule.id === ruleId);
}

function runNotFound(id: string): AppError {
  return new AppError('CHECK_NOT_FOUND', {
    zh: `检查 ${id} 不存在（或已超过保留期被清理）`,
    en: `Check run ${id} does not exist (or was pruned after the retention period)`,
  });
}

/**
 * The hub's memory of its judgements: every completed run's findings are kept until the retention
 * prunes them, so a project's verdicts can be followed run by run, a rule's across the city scan by
 * scan, and any two runs compared. Everything is counted and joined in the database.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly repo: HistoryRepository,
    private readonly projects: ProjectsRepository,
    private readonly judgements: JudgementsRepository,
    private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The project's completed runs (scan or targeted), newest first — in the order of the hub's
   * "latest findings" (when the run stored them), so the first entry is what
   * `GET /api/projects/:code/findings` shows — each with its readiness, verdict counts, blocking
   * rules and the rules whose verdict changed since the run before it.
   */
  async projectTimeline(
    code: string,
    scope: ProjectScope = ALL_PROJECTS,
    options: { limit?: number } = {},
  ): Promise<ProjectTimeline> {
    const project = ZProjectCode.safeParse(code).success
      ? await this.projects.findVisible(code, scope)
      : null;
    if (!project) throw AppError.projectNotFound(code);
    const take = options.limit ?? 50;
    // One run more than shown: the oldest shown entry's changes are against it.
    const [rows, total] = await Promise.all([
      this.repo.projectRuns(project.id, take + 1),
      this.repo.countProjectRuns(project.id),
    ]);
    const items = rows.slice(0, take).map((row, i) => timelineEntry(row, rows[i + 1] ?? null));
    return { projectCode: project.code, name: project.name, packId: project.policyPack, total, items };
  }

  /**
   * For each of the `limit` latest completed scans, oldest → newest, how many projects the rule gave
   * each verdict. A scan that did not judge the rule shows zeros. Throws NOT_FOUND for a rule id of
   * neither pack.
   */
  async ruleTrend(ruleId: string, options: { limit?: number } = {}): Promise<RuleTrend> {
    const rule = ruleById(ruleId);
    if (!rule) {
      throw new AppError('NOT_FOUND', {
        zh: `规则 ${ruleId} 不存在：请查看规则目录（GET /api/packs/:id/rules）`,
        en: `Rule ${ruleId} does not exist: see the rule catalogue (GET /api/packs/:id/rules)`,
      });
    }
    const rows = await this.repo.ruleTrend(ruleId, options.limit ?? 30);
    const byScan = new Map<
      string,
      RuleTrendPoint & { startedAt: number; storedAt: number; asOfMs: number }
    >();
    for (const row of rows) {
      let point = byScan.get(row.id);
      if (!point) {
        point = {
          checkRunId: row.id,
          asOf: row.as_of.toISOString(),
          projects: 0,
          verdicts: zeroVerdictCounts(),
          asOfMs: row.as_of.getTime(),
          startedAt: row.started_at.getTime(),
          storedAt: Number.POSITIVE_INFINITY,
        };
        byScan.set(row.id, point);
      }
      if (row.verdict) {
        point.verdicts[row.verdict] += row.n;
        point.projects += row.n;
      }
      if (row.stored_at) point.storedAt = Math.min(point.storedAt, row.stored_at.getTime());
    }
    // Scans of the same instant (a fixed clock, HUB_NOW) in the order they stored their findings.
    const scans = [...byScan.values()]
      .sort(
        (a, b) =>
          a.asOfMs - b.asOfMs ||
          a.startedAt - b.startedAt ||
          (a.storedAt === b.storedAt ? 0 : a.storedAt < b.storedAt ? -1 : 1) ||
          a.checkRunId.localeCompare(b.checkRunId),
      )
      .map(({ checkRunId, asOf, projects, verdicts }) => ({ checkRunId, asOf, projects, verdicts }));
    return { ruleId: rule.id, packId: rule.pack, title: rule.title, severity: rule.severity, scans };
  }

  /**
   * Compares two completed runs (usually scans) rule by rule for every project judged in both; see
   * {@link ScanDiff} for the classes. Counts are complete; `changes` is one page of at most
   * `limit` items from `offset`, optionally of one class; the added / removed code lists are capped
   * at `limit` (their counts are not). CHECK_NOT_FOUND for an unknown run, CONFLICT for one not
   * completed.
   */
  async diff(
    fromRunId: string,
    toRunId: string,
    options: Partial<Pick<DiffQuery, 'change' | 'offset' | 'limit'>> = {},
  ): Promise<ScanDiff> {
    const page = { change: options.change, offset: options.offset ?? 0, limit: options.limit ?? 200 };
    const runs = await Promise.all(
      [fromRunId, toRunId].map(async (id) => {
        const run = z.uuid().safeParse(id).success ? await this.repo.findRun(id) : null;
        if (!run) throw runNotFound(id);
        if (run.status !== 'completed') {
          throw new AppError('CONFLICT', {
            zh: `检查 ${id} 状态为 ${run.status}，只能比较已完成的检查`,
            en: `Check run ${id} is ${run.status}: only completed runs can be compared`,
          });
        }
        return run;
      }),
    );
    const [from, to] = runs as [CheckRun, CheckRun];
    const counts = await this.repo.diff(from.id, to.id, page);
    const total = page.change ? counts[page.change] : counts.new + counts.regressed + counts.fixed;
    return {
      from: { id: from.id, kind: from.kind, asOf: from.asOf.toISOString(), projects: counts.from_projects },
      to: { id: to.id, kind: to.kind, asOf: to.asOf.toISOString(), projects: counts.to_projects },
      counts: {
        projectsCompared: counts.compared,
        projectsAdded: counts.added,
        projectsRemoved: counts.removed,
        projectsChanged: counts.changed_projects,
        new: counts.new,
        regressed: counts.regressed,
        fixed: counts.fixed,
        newlyFailing: counts.new + counts.regressed,
        stillFailing: counts.still_failing,
      },
      changes: {
        total,
        offset: page.offset,
        limit: page.limit,
        items: counts.changes.map((c) => ({
          projectCode: c.project_code,
          ruleId: c.rule_id,
          change: c.change,
          from: c.from_verdict,
          to: c.to_verdict,
          severity: c.severity,
          blocking: c.severity === 'blocking' && !c.warning_only,
        })),
      },
      projectsAdded: counts.added_codes,
      projectsRemoved: counts.removed_codes,
    };
  }

  /**
   * The retention: deletes completed and failed runs that finished more than `retentionDays` before
   * `now`, with their findings and scan tasks — except runs a review (its check or the previous
   * check it is compared with) or a dispute names, which are legal records and kept for good. Running
   * runs are never touched. Works in batches of 50 runs, their findings deleted 20,000 per
   * statement, so no transaction grows with the size of the history; each statement re-checks that
   * its runs are still prunable. Appends one `history.prune` audit entry with the counts (also when a
   * batch fails part-way, then with the error). `dryRun` counts what would go and changes nothing.
   */
  async prune(
    retentionDays: number,
    now: Date,
    options: { actor: string; dryRun?: boolean },
  ): Promise<PruneReport> {
    const days = ZRetentionDays.safeParse(retentionDays);
    if (!days.success) {
      throw new AppError('INVALID_REQUEST', {
        zh: `保留天数应为 1–36500 的整数，收到 ${retentionDays}`,
        en: `The retention must be a whole number of days from 1 to 36500, got ${retentionDays}`,
      });
    }
    const cutoff = new Date(now.getTime() - days.data * DAY_MS);
    const report: PruneReport = {
      retentionDays: days.data,
      cutoff: cutoff.toISOString(),
      dryRun: options.dryRun ?? false,
      runsDeleted: 0,
      scansDeleted: 0,
      targetedDeleted: 0,
      findingsDeleted: 0,
      runsKept: await this.repo.countKept(cutoff),
    };
    if (options.dryRun) {
      const would = await this.repo.countPrunable(cutoff);
      return {
        ...report,
        runsDeleted: would.scans + would.targeted,
        scansDeleted: would.scans,
        targetedDeleted: would.targeted,
        findingsDeleted: would.findings,
      };
    }
    const started = Date.now();
    let error: string | null = null;
    try {
      for (;;) {
        const ids = await this.repo.prunableRuns(cutoff, PRUNE_RUN_BATCH);
        if (ids.length === 0) break;
        for (;;) {
          const n = await this.repo.deleteFindingsOf(ids, cutoff, PRUNE_FINDINGS_CHUNK);
          report.findingsDeleted += n;
          if (n < PRUNE_FINDINGS_CHUNK) break;
        }
        const deleted = await this.repo.deleteRuns(ids, cutoff);
        report.scansDeleted += deleted.scans;
        report.targetedDeleted += deleted.targeted;
        report.runsDeleted += deleted.scans + deleted.targeted;
        // Runs named by a review or dispute since they were selected stay, and are not selected again.
        if (deleted.scans + deleted.targeted === 0) break;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      await this.audit.append({
        actor: options.actor,
        action: 'history.prune',
        objectType: 'check-history',
        objectId: report.cutoff,
        data: { ...report, ...(error ? { error } : {}) },
      });
      this.logger.info(
        { ...report, ms: Date.now() - started, ...(error ? { error } : {}) },
        `pruned ${report.runsDeleted} check run(s) and ${report.findingsDeleted} finding(s) older than ${days.data} days, kept ${report.runsKept} named by reviews or disputes`,
      );
      // A deleted run may have been a project's latest: its judgement falls back to what remains.
      if (report.runsDeleted > 0) await this.judgements.restoreMissing();
    }
    return report;
  }
}

function timelineEntry(row: ProjectRunRow, previous: ProjectRunRow | null): TimelineEntry {
  const verdicts = zeroVerdictCounts();
  for (const v of Object.values(row.verdicts)) verdicts[v] += 1;
  const changes: VerdictChange[] = [];
  if (previous) {
    const ruleIds = new Set([...Object.keys(row.verdicts), ...Object.keys(previous.verdicts)]);
    for (const ruleId of [...ruleIds].sort()) {
      const from = previous.verdicts[ruleId] ?? null;
      const to = row.verdicts[ruleId] ?? null;
      if (from !== to) changes.push({ ruleId, from, to });
    }
  }
  return {
    checkRunId: row.id,
    kind: row.kind,
    asOf: row.as_of.toISOString(),
    evaluatedAt: row.evaluated_at.toISOString(),
    ready: row.blocking.length === 0,
    blockingRuleIds: row.blocking,
    verdicts,
    previousCheckRunId: previous?.id ?? null,
    changes,
  };
}
