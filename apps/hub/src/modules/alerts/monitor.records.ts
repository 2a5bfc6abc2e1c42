import { Inject, Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import { CONNECTORS } from '@hub/connectors';
import type { EvidenceRef, Text } from '@hub/rules';
import type { Logger } from 'pino';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project } from '../../generated/prisma/client';
import { evidenceOf } from '../checks/facts.assembler';

/** What monitoring needs of the project a record is bound to. */
export type ProjectRef = Pick<
  Project,
  'id' | 'code' | 'name' | 'unitCode' | 'unitName' | 'policyPack' | 'approvedOn' | 'packVersionPinned'
>;
const PROJECT_SELECT = {
  id: true,
  code: true,
  name: true,
  unitCode: true,
  unitName: true,
  policyPack: true,
  approvedOn: true,
  packVersionPinned: true,
} as const;

/** A stored upstream record as its canonical fact, with the project it is bound to. */
export interface StoredFact<T> {
  recordId: string;
  externalId: string;
  fact: T;
  evidence: EvidenceRef;
  tombstone: boolean;
  /** the owning unit's credit code as the record is indexed (a resource's comes from its tenant) */
  unitCode: string | null;
  firstSeenAt: Date;
  /**
   * the project it is bound to by project code or an operator's confirmation (a code binding first);
   * a suggested match is not a binding here, as it decides no verdict either
   */
  project: ProjectRef | null;
}

/**
 * A stored record that failed its contract's schema: no fact, but what it names (its project, unit and
 * system, as read leniently) and what is wrong with it. Monitoring never says "no record" while one of
 * these stands for the subject.
 */
export interface UntrustedStored {
  recordId: string;
  externalId: string;
  evidence: EvidenceRef & { untrusted: Text };
  projectCode: string | null;
  unitCode: string | null;
  systemName: string | null;
  project: ProjectRef | null;
}

const PAGE = 2000;

/**
 * Reads stored records of one kind as canonical facts, through the connector's own mapper (the one
 * the facts assembler uses), page by page. A payload the mapper refuses is logged and left out: it
 * was validated when stored, so that only happens after a contract change.
 */
@Injectable()
export class MonitorRecords {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async load<T>(
    source: SourceId,
    kind: string,
    opts: { tombstones?: boolean } = {},
  ): Promise<StoredFact<T>[]> {
    const spec = CONNECTORS.find((c) => c.id === source)?.records.find((r) => r.kind === kind);
    if (!spec) throw new Error(`no record spec for ${source}/${kind}`);
    const out: StoredFact<T>[] = [];
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.prisma.sourceRecord.findMany({
        where: { source, kind, invalid: false, ...(opts.tombstones ? {} : { tombstone: false }) },
        include: {
          bindings: {
            where: { method: { in: ['code', 'confirmed'] } },
            select: { method: true, project: { select: PROJECT_SELECT } },
          },
        },
        orderBy: { id: 'asc' },
        take: PAGE,
        ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      });
      for (const row of rows) {
        let fact: T;
        try {
          fact = spec.toFact(row.payload) as T;
        } catch (err) {
          this.logger.warn({ err, recordId: row.id, source, kind }, 'stored record no longer maps to a fact');
          continue;
        }
        const binding = [...row.bindings].sort(
          (a, b) =>
            Number(b.method === 'code') - Number(a.method === 'code') ||
            a.project.code.localeCompare(b.project.code),
        )[0];
        out.push({
          recordId: row.id,
          externalId: row.externalId,
          fact,
          evidence: evidenceOf(row),
          tombstone: row.tombstone,
          unitCode: row.unitCode,
          firstSeenAt: row.firstSeenAt,
          project: binding?.project ?? null,
        });
      }
      if (rows.length < PAGE) return out;
      cursor = rows.at(-1)!.id;
    }
  }

  /** The untrusted records of one kind, with the project each is bound to (by code or confirmation). */
  async loadUntrusted(source: SourceId, kind: string): Promise<UntrustedStored[]> {
    const rows = await this.prisma.sourceRecord.findMany({
      where: { source, kind, invalid: true },
      include: {
        bindings: {
          where: { method: { in: ['code', 'confirmed'] } },
          select: { method: true, project: { select: PROJECT_SELECT } },
        },
      },
      orderBy: { externalId: 'asc' },
    });
    return rows.map((row) => ({
      recordId: row.id,
      externalId: row.externalId,
      evidence: evidenceOf(row) as UntrustedStored['evidence'],
      projectCode: row.projectCode,
      unitCode: row.unitCode,
      systemName: row.systemName,
      project: row.bindings.find((b) => b.method === 'code')?.project ?? row.bindings[0]?.project ?? null,
    }));
  }
}
