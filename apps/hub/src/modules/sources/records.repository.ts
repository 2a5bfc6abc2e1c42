import { Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import { contentHash, type SyncPage } from '@hub/connectors';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';

export interface StoredPage {
  changed: number;
  tombstones: number;
}

/**
 * Upstream records as they last arrived. A record is replaced only by a newer version of itself;
 * nothing is deleted because it was absent from a fetch — only an explicit tombstone retires it.
 */
@Injectable()
export class RecordsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async storePage(source: SourceId, syncId: string, page: SyncPage, fetchedAt: Date): Promise<StoredPage> {
    let changed = 0;
    let tombstones = 0;
    const byKind = new Map<string, typeof page.records>();
    // An invalid record that names its project is kept too, as untrusted evidence of that project.
    const untrusted = page.problems.flatMap((p) => (p.record ? [p.record] : []));
    for (const r of [...page.records, ...untrusted]) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);

    for (const [kind, records] of byKind) {
      const existing = await this.prisma.sourceRecord.findMany({
        where: { source, kind, externalId: { in: records.map((r) => r.externalId) } },
        select: { id: true, externalId: true, contentHash: true, invalid: true },
      });
      const known = new Map(existing.map((e) => [e.externalId, e]));
      const unchangedIds: string[] = [];
      const created: Prisma.SourceRecordCreateManyInput[] = [];
      const updates: { id: string; data: Prisma.SourceRecordUpdateInput }[] = [];
      for (const r of records) {
        if (r.tombstone) tombstones++;
        const hash = contentHash(r.payload);
        const prior = known.get(r.externalId);
        // The same payload judged differently (a contract check added or relaxed) is a change too.
        if (prior?.contentHash === hash && prior.invalid === Boolean(r.invalid)) {
          unchangedIds.push(prior.id);
          continue;
        }
        changed++;
        const data = {
          projectCode: r.projectCode,
          unitCode: r.unitCode,
          systemName: r.systemName,
          parentExternalId: r.parentExternalId ?? null,
          payload: r.payload as object,
          contentHash: hash,
          upstreamUpdatedAt: r.updatedAt ? new Date(r.updatedAt) : null,
          fetchedAt,
          tombstone: r.tombstone,
          lastSyncId: syncId,
          invalid: Boolean(r.invalid),
          invalidity: r.invalid ? (r.invalid as object) : Prisma.JsonNull,
        };
        if (prior) updates.push({ id: prior.id, data });
        else created.push({ source, kind, externalId: r.externalId, firstSeenAt: fetchedAt, ...data });
      }
      // New records in one statement (a first sync is all new); changed ones one by one. A page of a
      // thousand changed records takes seconds, beyond the default transaction timeout.
      await this.prisma.$transaction(
        async (tx) => {
          if (created.length) await tx.sourceRecord.createMany({ data: created, skipDuplicates: true });
          for (const u of updates) await tx.sourceRecord.update({ where: { id: u.id }, data: u.data });
          if (unchangedIds.length) {
            await tx.sourceRecord.updateMany({
              where: { id: { in: unchangedIds } },
              data: { fetchedAt, lastSyncId: syncId },
            });
          }
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    }

    if (page.problems.length) {
      await this.prisma.recordProblem.createMany({
        data: page.problems.map((p) => ({
          syncId,
          source,
          kind: p.kind,
          externalId: p.externalId,
          reasonZh: p.reason.zh,
          reasonEn: p.reason.en,
          issues: p.issues,
          payload: p.payload === null || p.payload === undefined ? Prisma.JsonNull : (p.payload as object),
        })),
      });
    }
    return { changed, tombstones };
  }
}
