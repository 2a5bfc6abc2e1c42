import { SOURCE_TITLES } from '@hub/connectors';
import type { PolicyPackId, SourceId } from '@hub/contracts';
import type {
  OpinionComparison,
  OpinionComparisonEntry,
  OpinionDocument,
  OpinionFinding,
  OpinionSection,
  RectificationItemView,
} from '@hub/reports';
import { DECISION_TITLES, type ReviewDecision } from '@hub/reports';
import {
  divisionName,
  packFor,
  readinessOf,
  REVIEW_DOMAIN_TITLES,
  REVIEW_DOMAINS,
  zeroVerdictCounts,
  type EvidenceRef,
  type RegistryEvidence,
  type OpinionIssuer,
  type ReviewDomain,
  type Verdict,
} from '@hub/rules';
import type { Dispute, Exemption, Finding, Project, Review } from '../../generated/prisma/client';
import type { RectificationItemView as ItemView } from './rectification';
import type { ReviewItems } from './rectification.service';

/** The reviewer's text on a draft opinion, as stored on the review. */
export interface OpinionRemarks {
  conclusion?: string;
  sections?: Partial<Record<ReviewDomain, string>>;
}

/** Rules added, removed and with a changed verdict since the previous check. */
export function compareFindings(
  previousCheckRunId: string,
  now: readonly Finding[],
  before: readonly Finding[],
): OpinionComparison {
  const entry = (f: Finding, from: Verdict | null, to: Verdict | null): OpinionComparisonEntry => ({
    ruleId: f.ruleId,
    title: { zh: f.titleZh, en: f.titleEn },
    from,
    to,
  });
  const previous = new Map(before.map((f) => [f.ruleId, f]));
  const current = new Set(now.map((f) => f.ruleId));
  const byRule = (a: OpinionComparisonEntry, b: OpinionComparisonEntry) => a.ruleId.localeCompare(b.ruleId);
  return {
    previousCheckRunId,
    added: now
      .filter((f) => !previous.has(f.ruleId))
      .map((f) => entry(f, null, f.verdict))
      .sort(byRule),
    removed: before
      .filter((f) => !current.has(f.ruleId))
      .map((f) => entry(f, f.verdict, null))
      .sort(byRule),
    changed: now
      .flatMap((f) => {
        const old = previous.get(f.ruleId);
        return old && old.verdict !== f.verdict ? [entry(f, old.verdict, f.verdict)] : [];
      })
      .sort(byRule),
  };
}
const OPEN: readonly Verdict[] = ['FAIL', 'UNKNOWN'];

/** An upheld dispute's comment, naming where its correction request went: listed with the finding. */
function withCorrection(d: Dispute): string | null {
  if (d.status !== 'upheld' || d.correctionSources.length === 0) return d.decisionComment;
  const owners = d.correctionSources.map((s) => SOURCE_TITLES[s as SourceId]?.zh ?? s).join('、');
  return `${d.decisionComment ?? ''}（已向${owners}发出数据更正请求 / correction requested from ${d.correctionSources.join(', ')}）`;
}

/** How a rule's verdict moved between the previous check and this one. */
export function changeOf(now: Verdict, before: Verdict | undefined): OpinionFinding['change'] {
  if (before === undefined) return null;
  const failing = OPEN.includes(now);
  const wasFailing = OPEN.includes(before);
  if (failing && wasFailing) return 'still-failing';
  if (failing) return 'new';
  if (wasFailing) return 'fixed';
  return 'unchanged';
}

export interface OpinionInputs {
  review: Review;
  project: Project;
  /** the city's issuer as configured */
  issuer: OpinionIssuer;
  findings: Finding[];
  previousFindings: Finding[] | null;
  checkedAt: Date;
  disputes: Dispute[];
  exemptions: Exemption[];
  /** the review's rectification items and the history it shows, re-checked */
  items: ReviewItems;
  generatedAt: Date;
}

/** An item as the opinion prints it. */
function printedItem(i: ItemView): RectificationItemView {
  return {
    ruleId: i.ruleId,
    description: i.description,
    owner: i.owner,
    deadline: i.deadline,
    status: i.status,
    done:
      i.status === 'done' && i.doneAt
        ? { by: i.doneBy, at: i.doneAt, note: i.note, attachment: i.attachment?.fileName ?? null }
        : null,
    carriedFrom: i.carriedFrom?.documentNo ?? null,
    warning: i.recheck?.warning ?? null,
  };
}

/** The opinion document of a review, from the stored rows: what every export format renders. */
export function buildOpinion(input: OpinionInputs): OpinionDocument {
  const { review, project, findings } = input;
  const before = new Map((input.previousFindings ?? []).map((f) => [f.ruleId, f.verdict]));
  const disputeByRule = new Map<string, Dispute>();
  for (const d of [...input.disputes].sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime())) {
    disputeByRule.set(d.ruleId, d);
  }
  const exemptionFor = (ruleId: string) => input.exemptions.find((e) => e.ruleIds.includes(ruleId)) ?? null;
  const views: OpinionFinding[] = findings.map((f) => {
    const dispute = disputeByRule.get(f.ruleId);
    const exemption = f.verdict === 'WAIVED' ? exemptionFor(f.ruleId) : null;
    return {
      ruleId: f.ruleId,
      title: { zh: f.titleZh, en: f.titleEn },
      clause: f.clause,
      basis: f.basis as OpinionFinding['basis'],
      severity: f.severity,
      domain: f.domain as ReviewDomain,
      verdict: f.verdict,
      reason: { zh: f.messageZh, en: f.messageEn },
      warningOnly: f.warningOnly,
      evidence: [
        ...(f.evidence as unknown as EvidenceRef[]).map((e) => ({
          source: e.source,
          sourceTitle: SOURCE_TITLES[e.source as SourceId] ?? { zh: e.source, en: e.source },
          kind: e.untrusted ? `${e.kind}（不可采信 / untrusted）` : e.kind,
          externalId: e.externalId,
          fetchedAt: e.fetchedAt,
          contentHash: e.contentHash,
        })),
        ...registryLines(f.registry as RegistryEvidence | null, f.createdAt),
      ],
      dispute: dispute
        ? {
            status: dispute.status as 'open' | 'upheld' | 'dismissed',
            reason: dispute.reason,
            decisionComment: withCorrection(dispute),
          }
        : null,
      exemption: exemption
        ? {
            documentNo: exemption.documentNo,
            authority: exemption.authority,
            validUntil: exemption.validUntil.toISOString().slice(0, 10),
          }
        : null,
      change: input.previousFindings ? changeOf(f.verdict, before.get(f.ruleId)) : null,
    };
  });
  const remarks = (review.remarks ?? null) as OpinionRemarks | null;
  const sections: OpinionSection[] = REVIEW_DOMAINS.map((domain) => ({
    domain,
    title: REVIEW_DOMAIN_TITLES[domain],
    findings: views.filter((f) => f.domain === domain).sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    remark: remarks?.sections?.[domain] || null,
  })).filter((s) => s.findings.length > 0 || s.remark !== null);
  const readiness = readinessOf(views);
  const counts = zeroVerdictCounts();
  for (const f of views) counts[f.verdict]++;
  const packId = project.policyPack as PolicyPackId;
  const decision = review.decision as ReviewDecision | null;
  return {
    reviewId: review.id,
    reviewNo: review.documentNo,
    documentNo: decision ? review.opinionNo : null,
    issuer: { office: input.issuer.office, title: input.issuer.title },
    project: {
      code: project.code,
      name: project.name,
      unitName: project.unitName,
      unitCode: project.unitCode,
      region: project.region,
      regionName: divisionName(project.region)?.name ?? null,
      investment: project.investment.toString(),
      packId,
      packTitle: packFor(packId).title,
      packVersion: findings[0]?.packVersion ?? 1,
    },
    checkRunId: review.checkRunId ?? '',
    checkedAt: input.checkedAt.toISOString(),
    status: decision ? 'decided' : 'draft',
    ready: readiness.ready,
    blockingRuleIds: readiness.blockingRuleIds,
    counts,
    sections,
    decision:
      decision && review.decidedBy && review.decidedAt
        ? {
            decision,
            title: DECISION_TITLES[decision],
            comments: review.comments ?? '',
            decidedBy: review.decidedBy,
            reviewerName: review.reviewerName,
            decidedAt: review.decidedAt.toISOString(),
            override: review.overrideReason
              ? { reason: review.overrideReason, ruleIds: review.overrideRuleIds }
              : null,
          }
        : null,
    rectification: input.items.items.map(printedItem),
    rectificationHistory: input.items.history.map(printedItem),
    remarks:
      remarks && review.remarksBy && review.remarksAt
        ? {
            conclusion: remarks.conclusion || null,
            updatedBy: review.remarksBy,
            updatedAt: review.remarksAt.toISOString(),
          }
        : null,
    comparison:
      input.previousFindings && review.previousCheckRunId
        ? compareFindings(review.previousCheckRunId, findings, input.previousFindings)
        : null,
    generatedAt: input.generatedAt.toISOString(),
  };
}

/**
 * The registry cells a finding read, as one evidence line of the opinion: the workbook, its row, each
 * cell with its value, the import time and the file's hash, so the opinion says where the fact came from.
 */
function registryLines(registry: RegistryEvidence | null, judgedAt: Date) {
  if (!registry || registry.cells.length === 0) return [];
  const file = registry.fileName ? `《${registry.fileName}》` : '';
  return [
    {
      source: 'registry',
      sourceTitle: { zh: `项目台账${file}`, en: `project registry ${registry.fileName ?? ''}`.trim() },
      kind: registry.rowNumber ? `第 ${registry.rowNumber} 行` : '台账',
      externalId: registry.cells.map((c) => `「${c.header}」${c.value || '（空）'}`).join(' '),
      fetchedAt: registry.importedAt ?? judgedAt.toISOString(),
      contentHash: registry.sha256 ?? '',
    },
  ];
}
