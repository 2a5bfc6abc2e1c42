import { Injectable } from '@nestjs/common';
import { type Verdict } from '@hub/rules';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

/** Serialises the writers of project_judgements, so the totals each recomputes include the others'. */
const JUDGEMENTS_LOCK = 7_246_700;

/** Findings counted per `domain:VERDICT`, as project_judgements and judgement_totals keep them. */
export type JudgementCounts = Record<string, number>;

/** The judgements of every project in a scope, added up: what the findings summary shows. */
export interface JudgementTotalsView {
  /** projects in the scope, judged or not */
  projects: number;
  /** projects with a judgement */
  checked: number;
  notReady: number;
  lastCheckedAt: Date | null;
  counts: JudgementCounts;
}

/** The key of a count: a review domain and a verdict. */
export const countKey = (domain: string, verdict: Verdict) => `${domain}:${verdict}`;

/**
 * Each project's latest judgement (project_judgements) and their city-wide totals (judgement_totals):
 * the findings of the project's most recent completed run — the run with the newest findings, as
 * every read has always chosen it — folded once, when the run completes, instead of at every read.
 * A run's findings are written while it runs and count only once it has completed, so the fold
 * happens in the transaction that marks it completed; runs completing in any order leave the
 * newest findings in place. The only other writer is retention, which may delete a latest run.
 */
@Injectable()
export class JudgementsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Makes the run's findings the latest judgement of each of its projects whose judgement is not
   * newer, then recomputes the totals. Call it in the transaction that completes the run.
   */
  async recordRun(runId: string, tx: Prisma.TransactionClient = this.prisma): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${JUDGEMENTS_LOCK}::int)`;
    await tx.$executeRaw`
      WITH judged AS (${folded(Prisma.sql`f.check_run_id = ${runId}::uuid`)})
      INSERT INTO project_judgements
        (project_id, check_run_id, as_of, evaluated_at, blocking_rule_ids, verdicts, counts)
      SELECT project_id, check_run_id, as_of, evaluated_at, blocking_rule_ids, verdicts, counts FROM judged
      ON CONFLICT (project_id) DO UPDATE SET
        check_run_id = EXCLUDED.check_run_id, as_of = EXCLUDED.as_of,
        evaluated_at = EXCLUDED.evaluated_at, blocking_rule_ids = EXCLUDED.blocking_rule_ids,
        verdicts = EXCLUDED.verdicts, counts = EXCLUDED.counts
      WHERE project_judgements.evaluated_at <= EXCLUDED.evaluated_at`;
    await this.recomputeTotals(tx);
  }

  /**
   * After runs were deleted (retention): every project left without a judgement gets the one its
   * remaining completed runs give it, if any, and the totals are recomputed.
   */
  async restoreMissing(): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${JUDGEMENTS_LOCK}::int)`;
        await tx.$executeRaw`
          WITH latest AS (
            SELECT p.id AS project_id, l.check_run_id
            FROM projects p
            CROSS JOIN LATERAL (
              SELECT f.check_run_id FROM findings f JOIN check_runs c ON c.id = f.check_run_id
              WHERE f.project_id = p.id AND c.status = 'completed'
              ORDER BY f.created_at DESC LIMIT 1
            ) l
            WHERE NOT EXISTS (SELECT 1 FROM project_judgements j WHERE j.project_id = p.id)
          ),
          judged AS (${folded(Prisma.sql`(f.project_id, f.check_run_id) IN (SELECT project_id, check_run_id FROM latest)`)})
          INSERT INTO project_judgements
            (project_id, check_run_id, as_of, evaluated_at, blocking_rule_ids, verdicts, counts)
          SELECT project_id, check_run_id, as_of, evaluated_at, blocking_rule_ids, verdicts, counts FROM judged
          ON CONFLICT (project_id) DO NOTHING`;
        await this.recomputeTotals(tx);
      },
      { timeout: 120_000 },
    );
  }

  /** The check run holding the project's latest judgement; null when never judged. */
  async latestRunOf(projectId: string): Promise<string | null> {
    const row = await this.prisma.projectJudgement.findUnique({
      where: { projectId },
      select: { checkRunId: true },
    });
    return row?.checkRunId ?? null;
  }

  /** The judgements of every project in `scope`, added up. */
  async totals(scope: ProjectScope): Promise<JudgementTotalsView> {
    if (scope.kind === 'all') {
      const [projects, row] = await Promise.all([
        this.prisma.project.count(),
        this.prisma.judgementTotals.findUnique({ where: { id: 'city' } }),
      ]);
      return {
        projects,
        checked: row?.checked ?? 0,
        notReady: row?.notReady ?? 0,
        lastCheckedAt: row?.lastCheckedAt ?? null,
        counts: (row?.counts as JudgementCounts | undefined) ?? {},
      };
    }
    // A unit has a handful of projects: added up from their rows.
    const [[row], counts] = await Promise.all([
      this.prisma.$queryRaw<{ projects: number; checked: number; not_ready: number; last: Date | null }[]>`
        SELECT COUNT(*)::int AS projects, COUNT(j.project_id)::int AS checked,
               (COUNT(*) FILTER (WHERE cardinality(j.blocking_rule_ids) > 0))::int AS not_ready,
               MAX(j.as_of) AS last
        FROM projects p LEFT JOIN project_judgements j ON j.project_id = p.id
        WHERE p.unit_code = ${scope.unitCode}`,
      this.prisma.$queryRaw<{ key: string; n: number }[]>`
        SELECT e.key, SUM(e.value::int)::int AS n
        FROM projects p JOIN project_judgements j ON j.project_id = p.id, jsonb_each_text(j.counts) e
        WHERE p.unit_code = ${scope.unitCode}
        GROUP BY e.key`,
    ]);
    return {
      projects: row?.projects ?? 0,
      checked: row?.checked ?? 0,
      notReady: row?.not_ready ?? 0,
      lastCheckedAt: row?.last ?? null,
      counts: Object.fromEntries(counts.map((c) => [c.key, c.n])),
    };
  }

  private async recomputeTotals(tx: Prisma.TransactionClient): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO judgement_totals (id, checked, not_ready, last_checked_at, counts, updated_at)
      SELECT 'city', COUNT(*)::int, (COUNT(*) FILTER (WHERE cardinality(blocking_rule_ids) > 0))::int,
             MAX(as_of),
             COALESCE((SELECT jsonb_object_agg(key, n) FROM (
               SELECT e.key, SUM(e.value::int) AS n
               FROM project_judgements j, jsonb_each_text(j.counts) e GROUP BY e.key) t), '{}'::jsonb),
             now()
      FROM project_judgements
      ON CONFLICT (id) DO UPDATE SET
        checked = EXCLUDED.checked, not_ready = EXCLUDED.not_ready,
        last_checked_at = EXCLUDED.last_checked_at, counts = EXCLUDED.counts, updated_at = now()`;
  }
}

/**
 * One judgement row per (project, run) of the findings `where` selects (alias `f`): readiness as the
 * scan summary and the portfolio count it (a blocking, non-warning rule FAIL or UNKNOWN), each rule's
 * verdict, and the findings per domain and verdict.
 */
function folded(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT g.project_id, g.check_run_id, c.as_of, g.evaluated_at, g.blocking_rule_ids, g.verdicts, k.counts
    FROM (
      SELECT f.project_id, f.check_run_id, MAX(f.created_at) AS evaluated_at,
             COALESCE(array_agg(f.rule_id ORDER BY f.rule_id) FILTER (
               WHERE f.severity = 'blocking' AND NOT f.warning_only AND f.verdict IN ('FAIL', 'UNKNOWN')
             ), '{}') AS blocking_rule_ids,
             jsonb_object_agg(f.rule_id, f.verdict::text) AS verdicts
      FROM findings f WHERE ${where}
      GROUP BY f.project_id, f.check_run_id
    ) g
    JOIN (
      SELECT project_id, check_run_id, jsonb_object_agg(domain || ':' || verdict, n) AS counts
      FROM (
        SELECT f.project_id, f.check_run_id, f.domain, f.verdict::text AS verdict, COUNT(*)::int AS n
        FROM findings f WHERE ${where}
        GROUP BY f.project_id, f.check_run_id, f.domain, f.verdict
      ) d
      GROUP BY project_id, check_run_id
    ) k ON k.project_id = g.project_id AND k.check_run_id = g.check_run_id
    JOIN check_runs c ON c.id = g.check_run_id`;
}
