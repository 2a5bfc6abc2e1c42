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
}

/**
 * Every project's readiness and verdicts from its latest judgement (project_judgements), filtered by
 * text, unit, region, pack, readiness, rule, verdict and review domain, narrowed to the caller's
 * scope, optionally one page of it with the view's total.
 */
@Injectable()
export class PortfolioService {
  constructor(private readonly prisma: PrismaService) {}

  /** Every row of the view, in code order (exports, the CLI, the unpaged API). */
  async rows(q: PortfolioFilter, scope: ProjectScope): Promise<PortfolioItem[]> {
    return this.query(q, scope, null, 0);
  }

  /** One page of the view and how many rows the whole view has. */
  async page(
    q: PortfolioFilter,
    scope: ProjectScope,
    paging: { page: number; pageSize: number },
  ): Promise<PortfolioPage> {
    const [items, [count]] = await Promise.all([
      this.query(q, scope, paging.pageSize, (paging.page - 1) * paging.pageSize),
      // Counted without reading verdicts: with no readiness or finding filter the join goes too.
      this.prisma.$queryRaw<{ total: number }[]>`
        SELECT COUNT(*)::int AS total
        FROM projects p LEFT JOIN project_judgements j ON j.project_id = p.id
        WHERE ${this.filtered(q, scope)}`,
    ]);
    return { total: count?.total ?? 0, page: paging.page, pageSize: paging.pageSize, items };
  }

  private async query(
    q: PortfolioFilter,
    scope: ProjectScope,
    limit: number | null,
    offset: number,
  ): Promise<PortfolioItem[]> {
    // Each project's latest judgement is one row of project_judgements: a page walks the code index
    // and stops at its size.
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT p.code, p.name, p.unit_name, p.unit_code, p.region, p.policy_pack, p.investment,
             j.as_of AS checked_at, j.verdicts, j.blocking_rule_ids AS blocking,
             (SELECT r.status FROM reviews r WHERE r.project_id = p.id
               ORDER BY r.applied_at DESC, r.document_no DESC LIMIT 1) AS review_status
      FROM projects p LEFT JOIN project_judgements j ON j.project_id = p.id
      WHERE ${this.filtered(q, scope)}
      ORDER BY p.code
      LIMIT ${limit}::int OFFSET ${offset}::int`;
    return rows.map((r): PortfolioItem => {
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
  }

  /** The view's conditions over `projects p` and its judgement `j`, narrowed to the caller's scope. */
  private filtered(q: PortfolioFilter, scope: ProjectScope): Prisma.Sql {
    const conditions: Prisma.Sql[] = [];
    if (scope.kind === 'unit') conditions.push(Prisma.sql`p.unit_code = ${scope.unitCode}`);
    if (q.unitCode) conditions.push(Prisma.sql`p.unit_code = ${q.unitCode}`);
    if (q.region) conditions.push(Prisma.sql`p.region = ${q.region}`);
    if (q.pack) conditions.push(Prisma.sql`p.policy_pack = ${q.pack}`);
    if (q.q) {
      conditions.push(
        Prisma.sql`strpos(lower(p.code || ' ' || p.name || ' ' || p.unit_name || ' ' || p.unit_code), ${q.q.toLowerCase()}) > 0`,
      );
    }
    if (q.readiness === 'unchecked') conditions.push(Prisma.sql`j.project_id IS NULL`);
    if (q.readiness === 'ready') conditions.push(Prisma.sql`cardinality(j.blocking_rule_ids) = 0`);
    if (q.readiness === 'not-ready') conditions.push(Prisma.sql`cardinality(j.blocking_rule_ids) > 0`);
    if (q.ruleId !== undefined || q.verdict !== undefined || q.domain !== undefined) {
      // One finding of the latest judgement meeting every condition given.
      conditions.push(Prisma.sql`EXISTS (
        SELECT 1 FROM findings f
        WHERE f.check_run_id = j.check_run_id AND f.project_id = p.id
          ${q.ruleId !== undefined ? Prisma.sql`AND f.rule_id = ${q.ruleId}` : Prisma.empty}
          ${q.verdict !== undefined ? Prisma.sql`AND f.verdict::text = ${q.verdict}` : Prisma.empty}
          ${q.domain !== undefined ? Prisma.sql`AND f.domain = ${q.domain}` : Prisma.empty})`);
    }
    return conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
  }
}
