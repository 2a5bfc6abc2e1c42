import { Injectable } from '@nestjs/common';
import {
  type Finding as RuleFinding,
  REVIEW_DOMAIN_TITLES,
  REVIEW_DOMAINS,
  type ReviewDomain,
  type Verdict,
  zeroVerdictCounts,
} from '@hub/rules';
import { PrismaService } from '../../infra/database/prisma.service';
import { type Finding, Prisma } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

/** A finding as the API and CLI show it. */
import type { FindingsSummary, FindingView } from './checks.answers';

export type { FindingsSummary, FindingView } from './checks.answers';

@Injectable()
export class FindingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Saves the findings of several projects of one run in one statement. */
  async save(
    checkRunId: string,
    byProject: readonly { projectId: string; packVersion: number; findings: readonly RuleFinding[] }[],
  ): Promise<void> {
    await this.prisma.finding.createMany({
      data: byProject.flatMap(({ projectId, packVersion, findings }) =>
        toFindingRows(checkRunId, projectId, packVersion, findings),
      ),
    });
  }

  /** The project's findings from its most recent completed check run, or null when never checked. */
  async latestForProject(projectId: string): Promise<Finding[] | null> {
    const last = await this.prisma.finding.findFirst({
      where: { projectId, checkRun: { status: 'completed' } },
      orderBy: { createdAt: 'desc' },
      select: { checkRunId: true },
    });
    if (!last) return null;
    return this.prisma.finding.findMany({
      where: { projectId, checkRunId: last.checkRunId },
      orderBy: { ruleId: 'asc' },
    });
  }

  forRun(checkRunId: string, projectId?: string): Promise<(Finding & { project: { code: string } })[]> {
    return this.prisma.finding.findMany({
      where: { checkRunId, ...(projectId ? { projectId } : {}) },
      include: { project: { select: { code: true } } },
      orderBy: [{ project: { code: 'asc' } }, { ruleId: 'asc' }],
    });
  }

  /** Latest findings of every project (each project's most recent completed run), in code order. */
  async latestAll(scope: ProjectScope): Promise<FindingView[]> {
    const unit = scope.kind === 'unit' ? scope.unitCode : null;
    const rows = await this.prisma.$queryRaw<LatestRow[]>`
      WITH latest AS (
        SELECT DISTINCT ON (f.project_id) f.project_id, f.check_run_id
        FROM findings f
        JOIN check_runs c ON c.id = f.check_run_id
        JOIN projects sp ON sp.id = f.project_id
        WHERE c.status = 'completed' AND (${unit}::text IS NULL OR sp.unit_code = ${unit}::text)
        ORDER BY f.project_id, f.created_at DESC
      )
      SELECT p.code AS project_code, f.*
      FROM findings f
      JOIN latest l ON l.project_id = f.project_id AND l.check_run_id = f.check_run_id
      JOIN projects p ON p.id = f.project_id
      ORDER BY p.code, f.rule_id`;
    return rows.map((r) =>
      toFindingView(
        {
          id: r.id,
          checkRunId: r.check_run_id,
          projectId: r.project_id,
          ruleId: r.rule_id,
          packId: r.pack_id,
          verdict: r.verdict,
          severity: r.severity,
          domain: r.domain,
          basis: r.basis,
          clause: r.clause,
          titleZh: r.title_zh,
          titleEn: r.title_en,
          messageZh: r.message_zh,
          messageEn: r.message_en,
          warningOnly: r.warning_only,
          packVersion: r.pack_version,
          evidence: r.evidence,
          registry: r.registry,
          createdAt: r.created_at,
        },
        r.project_code,
      ),
    );
  }

  /** Readiness and verdict counts of the latest findings of every project in `scope`. */
  async summary(scope: ProjectScope): Promise<FindingsSummary> {
    const unit = scope.kind === 'unit' ? scope.unitCode : null;
    // Counted in the database: a city has thousands of projects and a rule pack dozens of rules each.
    const latest = Prisma.sql`
      WITH scoped AS (
        SELECT id FROM projects WHERE (${unit}::text IS NULL OR unit_code = ${unit}::text)
      ),
      latest AS (
        SELECT DISTINCT ON (f.project_id) f.project_id, f.check_run_id, c.as_of
        FROM findings f
        JOIN check_runs c ON c.id = f.check_run_id
        JOIN scoped s ON s.id = f.project_id
        WHERE c.status = 'completed'
        ORDER BY f.project_id, f.created_at DESC
      )`;
    const [[counts], byDomain] = await Promise.all([
      this.prisma.$queryRaw<SummaryCounts[]>`${latest},
        judged AS (
          SELECT l.project_id, MAX(l.as_of) AS as_of,
                 BOOL_OR(f.severity = 'blocking' AND NOT f.warning_only AND f.verdict IN ('FAIL', 'UNKNOWN')) AS blocked
          FROM latest l
          JOIN findings f ON f.project_id = l.project_id AND f.check_run_id = l.check_run_id
          GROUP BY l.project_id
        )
        SELECT (SELECT COUNT(*) FROM scoped)::int AS projects,
               COUNT(*)::int AS checked,
               (COUNT(*) FILTER (WHERE blocked))::int AS not_ready,
               MAX(as_of) AS last_checked_at
        FROM judged`,
      this.prisma.$queryRaw<{ domain: string; verdict: Verdict; n: number }[]>`${latest}
        SELECT f.domain, f.verdict::text AS verdict, COUNT(*)::int AS n
        FROM latest l
        JOIN findings f ON f.project_id = l.project_id AND f.check_run_id = l.check_run_id
        GROUP BY f.domain, f.verdict`,
    ]);
    const verdicts = zeroVerdictCounts();
    const domains = new Map(REVIEW_DOMAINS.map((d) => [d, zeroVerdictCounts()]));
    for (const row of byDomain) {
      verdicts[row.verdict] += row.n;
      const counts = domains.get(row.domain as ReviewDomain) ?? zeroVerdictCounts();
      counts[row.verdict] += row.n;
      domains.set(row.domain as ReviewDomain, counts);
    }
    const projects = counts?.projects ?? 0;
    const checked = counts?.checked ?? 0;
    const notReady = counts?.not_ready ?? 0;
    return {
      projects,
      checked,
      ready: checked - notReady,
      notReady,
      unchecked: projects - checked,
      lastCheckedAt: counts?.last_checked_at?.toISOString() ?? null,
      verdicts,
      domains: [...domains].map(([domain, v]) => ({
        domain,
        title: REVIEW_DOMAIN_TITLES[domain] ?? { zh: domain, en: domain },
        verdicts: v,
      })),
    };
  }
}

interface SummaryCounts {
  projects: number;
  checked: number;
  not_ready: number;
  last_checked_at: Date | null;
}

interface LatestRow {
  project_code: string;
  id: string;
  check_run_id: string;
  project_id: string;
  rule_id: string;
  pack_id: string;
  verdict: Finding['verdict'];
  severity: Finding['severity'];
  domain: string;
  basis: string;
  clause: string;
  title_zh: string;
  title_en: string;
  message_zh: string;
  message_en: string;
  warning_only: boolean;
  pack_version: number;
  evidence: Finding['evidence'];
  registry: Finding['registry'];
  created_at: Date;
}

/** A rule finding as stored rows of one run. */
export function toFindingRows(
  checkRunId: string,
  projectId: string,
  packVersion: number,
  findings: readonly RuleFinding[],
): Prisma.FindingCreateManyInput[] {
  return findings.map((f) => ({
    checkRunId,
    projectId,
    ruleId: f.ruleId,
    packId: f.packId,
    verdict: f.verdict,
    severity: f.severity,
    domain: f.domain,
    basis: f.basis,
    clause: f.clause,
    titleZh: f.title.zh,
    titleEn: f.title.en,
    messageZh: f.reason.zh,
    messageEn: f.reason.en,
    warningOnly: f.warningOnly,
    packVersion,
    evidence: f.evidence as object[],
    registry: f.registry === null ? Prisma.JsonNull : (f.registry as object),
  }));
}

export function toFindingView(f: Finding, projectCode: string): FindingView {
  return {
    projectCode,
    ruleId: f.ruleId,
    packId: f.packId,
    title: { zh: f.titleZh, en: f.titleEn },
    clause: f.clause,
    basis: f.basis,
    severity: f.severity,
    domain: f.domain as FindingView['domain'],
    verdict: f.verdict,
    reason: { zh: f.messageZh, en: f.messageEn },
    warningOnly: f.warningOnly,
    // Stored as the engine wrote them (`EvidenceRef[]`, `RegistryEvidence | null`).
    evidence: f.evidence as FindingView['evidence'],
    registry: f.registry as FindingView['registry'],
    packVersion: f.packVersion,
    checkRunId: f.checkRunId,
    evaluatedAt: f.createdAt.toISOString(),
  };
}
