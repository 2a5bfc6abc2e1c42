import { Injectable } from '@nestjs/common';
import type { Finding as RuleFinding, Severity, Verdict } from '@hub/rules';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Finding, Prisma } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

/** A finding as the API and CLI show it. */
export interface FindingView {
  projectCode: string;
  ruleId: string;
  packId: string;
  title: { zh: string; en: string };
  clause: string;
  basis: string;
  severity: Severity;
  domain: string;
  verdict: Verdict;
  reason: { zh: string; en: string };
  warningOnly: boolean;
  evidence: unknown;
  /** the version of the pack's settings that judged it */
  packVersion: number;
  checkRunId: string;
  evaluatedAt: string;
}

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
          createdAt: r.created_at,
        },
        r.project_code,
      ),
    );
  }
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
    domain: f.domain,
    verdict: f.verdict,
    reason: { zh: f.messageZh, en: f.messageEn },
    warningOnly: f.warningOnly,
    evidence: f.evidence,
    packVersion: f.packVersion,
    checkRunId: f.checkRunId,
    evaluatedAt: f.createdAt.toISOString(),
  };
}
