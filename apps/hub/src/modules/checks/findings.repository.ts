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
import { JudgementsRepository } from './judgements.repository';

/** A finding as the API and CLI show it. */
import type { FindingsSummary, FindingView } from './checks.answers';

export type { FindingsSummary, FindingView } from './checks.answers';

/** One project's findings of a run, judged under `packVersion`. */
export interface ProjectFindings {
  projectId: string;
  packVersion: number;
  findings: readonly RuleFinding[];
}

/** Rows per INSERT: a scan's batch of 500 projects is about 8,500 findings, written in a few statements. */
const SAVE_BATCH = 5_000;

@Injectable()
export class FindingsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly judgements: JudgementsRepository,
  ) {}

  /**
   * Saves the findings of several projects of one run: `INSERT … SELECT FROM unnest(…)`, one array
   * per column, in statements of at most SAVE_BATCH rows. The rows reach PostgreSQL as a few
   * parameters, not as an object per row through the client's query compiler, so a scan writes
   * at the speed of the storage. Returns the number of rows written.
   */
  async save(
    checkRunId: string,
    byProject: readonly ProjectFindings[],
    tx: Prisma.TransactionClient = this.prisma,
  ): Promise<number> {
    const rows = byProject.flatMap(({ projectId, packVersion, findings }) =>
      findings.map((f) => ({ projectId, packVersion, f })),
    );
    for (let i = 0; i < rows.length; i += SAVE_BATCH) {
      const batch = rows.slice(i, i + SAVE_BATCH);
      const col = <T>(pick: (r: (typeof batch)[number]) => T): T[] => batch.map(pick);
      await tx.$executeRaw`
        INSERT INTO findings (id, check_run_id, project_id, rule_id, pack_id, verdict, severity, domain,
          basis, clause, title_zh, title_en, message_zh, message_en, warning_only, pack_version,
          evidence, registry)
        SELECT gen_random_uuid(), ${checkRunId}::uuid, u.*
        FROM unnest(
          ${col((r) => r.projectId)}::uuid[], ${col((r) => r.f.ruleId)}::text[],
          ${col((r) => r.f.packId)}::text[], ${col((r) => r.f.verdict)}::text[]::"Verdict"[],
          ${col((r) => r.f.severity)}::text[]::"Severity"[], ${col((r) => r.f.domain)}::text[],
          ${col((r) => r.f.basis)}::text[], ${col((r) => r.f.clause)}::text[],
          ${col((r) => r.f.title.zh)}::text[], ${col((r) => r.f.title.en)}::text[],
          ${col((r) => r.f.reason.zh)}::text[], ${col((r) => r.f.reason.en)}::text[],
          ${col((r) => r.f.warningOnly)}::boolean[], ${col((r) => r.packVersion)}::int[],
          ${col((r) => JSON.stringify(r.f.evidence))}::jsonb[],
          ${col((r) => JSON.stringify(r.f.registry))}::jsonb[]
        ) AS u`;
    }
    return rows.length;
  }

  /** Writes a scan batch's findings afresh: a retried batch replaces what an earlier try left. */
  async replace(
    checkRunId: string,
    byProject: readonly ProjectFindings[],
    tx: Prisma.TransactionClient,
  ): Promise<number> {
    await tx.finding.deleteMany({
      where: { checkRunId, projectId: { in: byProject.map((p) => p.projectId) } },
    });
    return this.save(checkRunId, byProject, tx);
  }

  /** The project's findings from its latest judgement (its most recent completed run), or null when never checked. */
  async latestForProject(projectId: string): Promise<Finding[] | null> {
    // One read: the findings of the run its judgement names (a judged run always has findings).
    const rows = await this.prisma.finding.findMany({
      where: { projectId, checkRun: { judgements: { some: { projectId } } } },
      orderBy: { ruleId: 'asc' },
    });
    return rows.length > 0 ? rows : null;
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
      SELECT p.code AS project_code, f.*
      FROM project_judgements j
      JOIN projects p ON p.id = j.project_id
      JOIN findings f ON f.project_id = j.project_id AND f.check_run_id = j.check_run_id
      WHERE (${unit}::text IS NULL OR p.unit_code = ${unit}::text)
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
    const totals = await this.judgements.totals(scope);
    const domains = new Map(REVIEW_DOMAINS.map((d) => [d as string, zeroVerdictCounts()]));
    const verdicts = zeroVerdictCounts();
    for (const [key, n] of Object.entries(totals.counts)) {
      const at = key.lastIndexOf(':');
      const domain = key.slice(0, at);
      const verdict = key.slice(at + 1) as Verdict;
      verdicts[verdict] += n;
      const counts = domains.get(domain) ?? zeroVerdictCounts();
      counts[verdict] += n;
      domains.set(domain, counts);
    }
    return {
      projects: totals.projects,
      checked: totals.checked,
      ready: totals.checked - totals.notReady,
      notReady: totals.notReady,
      unchecked: totals.projects - totals.checked,
      lastCheckedAt: totals.lastCheckedAt?.toISOString() ?? null,
      verdicts,
      domains: [...domains].map(([domain, v]) => ({
        domain: domain as ReviewDomain,
        title: REVIEW_DOMAIN_TITLES[domain as ReviewDomain] ?? { zh: domain, en: domain },
        verdicts: v,
      })),
    };
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
  registry: Finding['registry'];
  created_at: Date;
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
