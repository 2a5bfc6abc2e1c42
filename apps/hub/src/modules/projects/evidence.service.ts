import { Injectable } from '@nestjs/common';
import { SOURCE_TITLES } from '@hub/connectors';
import type { SourceId } from '@hub/contracts';
import type { RegistryEvidence } from '@hub/rules';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import type { SourceRecord } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';
import { JudgementsRepository } from '../checks/judgements.repository';
import { ProjectsRepository } from './projects.repository';
import { ZEvidenceItem, ZFindingEvidence, ZUntrustedRecordView } from './projects.answers';

/** An evidence reference as findings store it (see EvidenceRef in @hub/rules). */
const ZEvidenceRef = z.object({
  source: z.string(),
  kind: z.string(),
  externalId: z.string(),
  recordId: z.string().optional(),
  fetchedAt: z.string(),
  contentHash: z.string(),
  untrusted: z.object({ zh: z.string(), en: z.string() }).optional(),
});

export type EvidenceItem = z.infer<typeof ZEvidenceItem>;

export type UntrustedRecordView = z.infer<typeof ZUntrustedRecordView>;

export type FindingEvidence = z.infer<typeof ZFindingEvidence>;

/** The upstream records behind one finding of a project's latest completed check. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsRepository,
    private readonly judgements: JudgementsRepository,
  ) {}

  async forFinding(code: string, ruleId: string, scope: ProjectScope): Promise<FindingEvidence> {
    const project = await this.projects.findVisible(code, scope);
    if (!project) throw AppError.projectNotFound(code);
    const checkRunId = await this.judgements.latestRunOf(project.id);
    const finding = checkRunId
      ? await this.prisma.finding.findUnique({
          where: { checkRunId_projectId_ruleId: { checkRunId, projectId: project.id, ruleId } },
        })
      : null;
    if (!finding) {
      throw new AppError('NOT_FOUND', {
        zh: `项目 ${code} 最近一次检查没有规则 ${ruleId} 的结论`,
        en: `The latest check of project ${code} has no finding of rule ${ruleId}`,
      });
    }
    const refs = z.array(ZEvidenceRef).catch([]).parse(finding.evidence);
    const records = await this.recordsOf(refs);
    return {
      projectCode: project.code,
      ruleId,
      verdict: finding.verdict,
      checkRunId: finding.checkRunId,
      evaluatedAt: finding.createdAt.toISOString(),
      items: refs.map((ref) => {
        const row =
          (ref.recordId ? records.byId.get(ref.recordId) : undefined) ?? records.byKey.get(keyOf(ref));
        return {
          source: ref.source,
          sourceTitle: SOURCE_TITLES[ref.source as SourceId] ?? { zh: ref.source, en: ref.source },
          kind: ref.kind,
          externalId: ref.externalId,
          fetchedAt: ref.fetchedAt,
          contentHash: ref.contentHash,
          untrusted: ref.untrusted ?? null,
          record: row
            ? {
                id: row.id,
                fetchedAt: row.fetchedAt.toISOString(),
                contentHash: row.contentHash,
                upstreamUpdatedAt: row.upstreamUpdatedAt?.toISOString() ?? null,
                tombstone: row.tombstone,
                payload: row.payload,
              }
            : null,
          sameAsEvidence: row?.contentHash === ref.contentHash,
        };
      }),
      registry: (finding.registry as RegistryEvidence | null) ?? null,
    };
  }

  /**
   * The project's records that failed their contract: bound to it (by code, confirmation or a
   * suggestion) but untrusted, with what is wrong with each: what the project screen lists apart.
   */
  async untrustedOf(projectId: string): Promise<UntrustedRecordView[]> {
    const rows = await this.prisma.binding.findMany({
      where: { projectId, method: { in: ['code', 'confirmed', 'suggested'] }, record: { invalid: true } },
      include: { record: true },
      orderBy: { record: { externalId: 'asc' } },
    });
    return rows.map(({ method, record }) => ({
      source: record.source,
      sourceTitle: SOURCE_TITLES[record.source as SourceId] ?? { zh: record.source, en: record.source },
      kind: record.kind,
      externalId: record.externalId,
      binding: method,
      fetchedAt: record.fetchedAt.toISOString(),
      reason: (record.invalidity as { reason?: { zh: string; en: string } } | null)?.reason ?? {
        zh: '记录不符合接口约定',
        en: 'the record does not match the contract',
      },
      payload: record.payload,
    }));
  }

  private async recordsOf(refs: z.infer<typeof ZEvidenceRef>[]) {
    const ids = refs.flatMap((r) =>
      r.recordId && z.uuid().safeParse(r.recordId).success ? [r.recordId] : [],
    );
    const rows: SourceRecord[] = refs.length
      ? await this.prisma.sourceRecord.findMany({
          where: {
            OR: [
              ...(ids.length ? [{ id: { in: ids } }] : []),
              ...refs.map((r) => ({ source: r.source, kind: r.kind, externalId: r.externalId })),
            ],
          },
        })
      : [];
    return {
      byId: new Map(rows.map((r) => [r.id, r])),
      byKey: new Map(rows.map((r) => [keyOf(r), r])),
    };
  }
}

const keyOf = (r: { source: string; kind: string; externalId: string }) =>
  `${r.source}\u0000${r.kind}\u0000${r.externalId}`;
