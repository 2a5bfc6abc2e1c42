import { Injectable } from '@nestjs/common';
import type { PolicyPackId } from '@hub/contracts';
import type { PortfolioRow } from '@hub/reports';
import { REVIEW_DOMAINS, VERDICTS, type Verdict, zeroVerdictCounts } from '@hub/rules';
import { z } from 'zod';
import { ZLoadedPackId } from '../../common/zod';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

export const ZPortfolioQuery = z
  .object({
    /** code, name, unit name or unit credit code contains (case-insensitive) */
    q: z.string().trim().max(100).optional(),
    unitCode: z.string().length(18).optional(),
    region: z
      .string()
      .regex(/^[0-9]{6}$/)
      .optional(),
    pack: ZLoadedPackId.optional(),
    /** ready | not-ready | unchecked */
    readiness: z.enum(['ready', 'not-ready', 'unchecked']).optional(),
    /**
     * `ruleId`, `verdict` and `domain` together describe one finding of the project's latest check:
     * projects with a finding of that rule, with that verdict, of a rule of that review domain (each
     * condition only when given).
     */
    ruleId: z.string().max(50).optional(),
    verdict: z.enum(VERDICTS).optional(),
    domain: z.enum(REVIEW_DOMAINS).optional(),
    /** JSON only: with `page` or `pageSize` the answer is one page `{ total, page, pageSize, items }` */
    page: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(500).optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .strict();
export type PortfolioQuery = z.infer<typeof ZPortfolioQuery>;
export type PortfolioFilter = Omit<PortfolioQuery, 'format' | 'page' | 'pageSize'>;

/** A portfolio row as the API shows it: the report row plus each rule's verdict in the latest check. */
export interface PortfolioItem extends PortfolioRow {
  /** rule id → verdict of the latest completed check; empty when never checked */
  verdicts: Record<string, Verdict>;
}

export interface PortfolioPage {
  total: number;
  page: number;
  pageSize: number;
  items: PortfolioItem[];
}

interface Row {
  code: string;
  name: string;
  unit_name: string;
  unit_code: string;
  region: string;
  policy_pack: string;
  investment: Prisma.Decimal;
  checked_at: Date | null;
  verdicts: Record<string, Verdict> | null;
  blocking: string[] | null;
  review_status: string | null;
  total: number;
}

/**
 * Every project's readiness and verdicts from its latest completed check, filtered by text, unit,
 * region, pack, readiness, rule, verdict and review domain — in one query, narrowed to the caller's
 * scope, optionally one page of it.
 */
@Injectable()
export class PortfolioService {
  constructor(private readonly prisma: PrismaService) {}

  /** Every row of the view, in code order (exports, the CLI, the unpaged API). */
  async rows(q: PortfolioFilter, scope: ProjectScope): Promise<PortfolioItem[]> {
    return (await this.query(q, scope, null, 0)).items;
  }

  /** One page of the view and how many rows the whole view has. */
  async page(
    q: PortfolioFilter,
    scope: ProjectScope,
    paging: { page: number; pageSize: number },
  ): Promise<PortfolioPage> {
    const offset = (paging.page - 1) * paging.pageSize;
    const { items, total } = await this.query(q, scope, paging.pageSize, offset);
    // A page past the end has no row to carry the total: ask for it on its own.
    const all = items.length === 0 && offset > 0 ? (await this.query(q, scope, 1, 0)).total : total;
    return { total: all, page: paging.page, pageSize: paging.pageSize, items };
  }

  private async query(
    q: PortfolioFilter,
    scope: ProjectScope,
    limit: number | null,
    offset: number,
  ): Promise<{ items: PortfolioItem[]; total: number }> {
    const unit = scope.kind === 'unit' ? scope.unitCode : null;
    const search = q.q ? q.q.toLowerCase() : null;
    const finding = q.ruleId !== undefined || q.verdict !== undefined || q.domain !== undefined;
    // The latest completed run per project is found through the (project_id, created_at) index, one
    // project at a time, so a narrow filter or a short page does not pay for every project's history.
    const rows = await this.prisma.$queryRaw<Row[]>`
      WITH base AS (
        SELECT p.id, p.code, p.name, p.unit_name, p.unit_code, p.region, p.policy_pack, p.investment,
               l.check_run_id, l.as_of
        FROM projects p
        LEFT JOIN LATERAL (
          SELECT f.check_run_id, c.as_of FROM findings f JOIN check_runs c ON c.id = f.check_run_id
          WHERE f.project_id = p.id AND c.status = 'completed'
          ORDER BY f.created_at DESC LIMIT 1
        ) l ON TRUE
        WHERE (${unit}::text IS NULL OR p.unit_code = ${unit}::text)
          AND (${q.unitCode ?? null}::text IS NULL OR p.unit_code = ${q.unitCode ?? null}::text)
          AND (${q.region ?? null}::text IS NULL OR p.region = ${q.region ?? null}::text)
          AND (${q.pack ?? null}::text IS NULL OR p.policy_pack = ${q.pack ?? null}::text)
          AND (${search}::text IS NULL OR strpos(lower(p.code || ' ' || p.name || ' ' || p.unit_name || ' ' || p.unit_code), ${search}::text) > 0)
      ),
      judged AS (
        SELECT b.*,
               (SELECT jsonb_object_agg(f.rule_id, f.verdict::text) FROM findings f
                 WHERE f.check_run_id = b.check_run_id AND f.project_id = b.id) AS verdicts,
               (SELECT array_agg(f.rule_id ORDER BY f.rule_id) FROM findings f
                 WHERE f.check_run_id = b.check_run_id AND f.project_id = b.id
                   AND f.severity = 'blocking' AND NOT f.warning_only AND f.verdict IN ('FAIL', 'UNKNOWN')) AS blocking
        FROM base b
      )
      SELECT j.code, j.name, j.unit_name, j.unit_code, j.region, j.policy_pack, j.investment,
             j.as_of AS checked_at, j.verdicts, j.blocking,
             (SELECT r.status FROM reviews r WHERE r.project_id = j.id ORDER BY r.applied_at DESC, r.document_no DESC LIMIT 1) AS review_status,
             (COUNT(*) OVER ())::int AS total
      FROM judged j
      WHERE (${q.readiness ?? null}::text IS NULL
             OR (${q.readiness ?? null}::text = 'unchecked' AND j.check_run_id IS NULL)
             OR (${q.readiness ?? null}::text = 'ready' AND j.check_run_id IS NOT NULL AND j.blocking IS NULL)
             OR (${q.readiness ?? null}::text = 'not-ready' AND j.blocking IS NOT NULL))
        AND (NOT ${finding}::boolean OR EXISTS (
              SELECT 1 FROM findings f
              WHERE f.check_run_id = j.check_run_id AND f.project_id = j.id
                AND (${q.ruleId ?? null}::text IS NULL OR f.rule_id = ${q.ruleId ?? null}::text)
                AND (${q.verdict ?? null}::text IS NULL OR f.verdict::text = ${q.verdict ?? null}::text)
                AND (${q.domain ?? null}::text IS NULL OR f.domain = ${q.domain ?? null}::text)))
      ORDER BY j.code
      LIMIT ${limit}::int OFFSET ${offset}::int`;
    const items = rows.map((r): PortfolioItem => {
      const verdicts = r.verdicts ?? {};
      const counts = zeroVerdictCounts();
      for (const verdict of Object.values(verdicts)) counts[verdict] += 1;
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
        verdicts,
      };
    });
    return { items, total: rows[0]?.total ?? 0 };
  }
}
