import { Injectable } from '@nestjs/common';
import type { PolicyPackId } from '@hub/contracts';
import type { PortfolioRow } from '@hub/reports';
import { VERDICTS, type Verdict } from '@hub/rules';
import { z } from 'zod';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

export const ZPortfolioQuery = z
  .object({
    unitCode: z.string().length(18).optional(),
    region: z
      .string()
      .regex(/^[0-9]{6}$/)
      .optional(),
    pack: z.enum(['yueyang', 'chenzhou']).optional(),
    /** ready | not-ready | unchecked */
    readiness: z.enum(['ready', 'not-ready', 'unchecked']).optional(),
    /** projects whose latest finding of this rule has `verdict` (any verdict when absent) */
    ruleId: z.string().max(50).optional(),
    verdict: z.enum(VERDICTS).optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .strict();
export type PortfolioQuery = z.infer<typeof ZPortfolioQuery>;

interface Row {
  code: string;
  name: string;
  unit_name: string;
  unit_code: string;
  region: string;
  policy_pack: string;
  investment: Prisma.Decimal;
  checked_at: Date | null;
  counts: Record<string, number> | null;
  blocking: string[] | null;
  review_status: string | null;
}

/**
 * Every project's readiness and verdict counts from its latest completed check, filtered by unit,
 * region, pack, readiness, rule and verdict — in one query, narrowed to the caller's scope.
 */
@Injectable()
export class PortfolioService {
  constructor(private readonly prisma: PrismaService) {}

  async rows(q: Omit<PortfolioQuery, 'format'>, scope: ProjectScope): Promise<PortfolioRow[]> {
    const unit = scope.kind === 'unit' ? scope.unitCode : null;
    const rows = await this.prisma.$queryRaw<Row[]>`
      WITH latest AS (
        SELECT DISTINCT ON (f.project_id) f.project_id, f.check_run_id, c.as_of
        FROM findings f JOIN check_runs c ON c.id = f.check_run_id
        WHERE c.status = 'completed'
        ORDER BY f.project_id, f.created_at DESC
      ),
      agg AS (
        SELECT l.project_id, l.as_of,
               jsonb_object_agg(v.verdict, v.n) AS counts,
               (SELECT array_agg(f2.rule_id ORDER BY f2.rule_id) FROM findings f2
                 WHERE f2.check_run_id = l.check_run_id AND f2.project_id = l.project_id
                   AND f2.severity = 'blocking' AND NOT f2.warning_only AND f2.verdict IN ('FAIL', 'UNKNOWN')) AS blocking
        FROM latest l
        JOIN LATERAL (
          SELECT f.verdict::text AS verdict, COUNT(*)::int AS n FROM findings f
          WHERE f.check_run_id = l.check_run_id AND f.project_id = l.project_id GROUP BY f.verdict
        ) v ON TRUE
        GROUP BY l.project_id, l.as_of, l.check_run_id
      )
      SELECT p.code, p.name, p.unit_name, p.unit_code, p.region, p.policy_pack, p.investment,
             a.as_of AS checked_at, a.counts, a.blocking,
             (SELECT r.status FROM reviews r WHERE r.project_id = p.id ORDER BY r.applied_at DESC, r.document_no DESC LIMIT 1) AS review_status
      FROM projects p LEFT JOIN agg a ON a.project_id = p.id
      WHERE (${unit}::text IS NULL OR p.unit_code = ${unit}::text)
        AND (${q.unitCode ?? null}::text IS NULL OR p.unit_code = ${q.unitCode ?? null}::text)
        AND (${q.region ?? null}::text IS NULL OR p.region = ${q.region ?? null}::text)
        AND (${q.pack ?? null}::text IS NULL OR p.policy_pack = ${q.pack ?? null}::text)
        AND (${q.ruleId ?? null}::text IS NULL OR EXISTS (
              SELECT 1 FROM latest l JOIN findings f ON f.check_run_id = l.check_run_id AND f.project_id = l.project_id
              WHERE l.project_id = p.id AND f.rule_id = ${q.ruleId ?? null}::text
                AND (${q.verdict ?? null}::text IS NULL OR f.verdict::text = ${q.verdict ?? null}::text)))
        AND (${q.ruleId ?? null}::text IS NOT NULL OR ${q.verdict ?? null}::text IS NULL OR EXISTS (
              SELECT 1 FROM latest l JOIN findings f ON f.check_run_id = l.check_run_id AND f.project_id = l.project_id
              WHERE l.project_id = p.id AND f.verdict::text = ${q.verdict ?? null}::text))
      ORDER BY p.code`;
    const result = rows.map((r): PortfolioRow => {
      const counts = Object.fromEntries(VERDICTS.map((v) => [v, r.counts?.[v] ?? 0])) as Record<
        Verdict,
        number
      >;
      const checked = r.checked_at !== null;
      return {
        code: r.code,
        name: r.name,
        unitName: r.unit_name,
        unitCode: r.unit_code,
        region: r.region,
        packId: r.policy_pack as PolicyPackId,
        investment: r.investment.toString(),
        ready: checked ? (r.blocking ?? []).length === 0 : null,
        checkedAt: r.checked_at?.toISOString() ?? null,
        counts,
        blockingRuleIds: r.blocking ?? [],
        reviewStatus: r.review_status,
      };
    });
    if (!q.readiness) return result;
    return result.filter((r) =>
      q.readiness === 'unchecked'
        ? r.ready === null
        : q.readiness === 'ready'
          ? r.ready === true
          : r.ready === false,
    );
  }
}
