import { Inject, Injectable } from '@nestjs/common';
import { bestSystemNameScore, SUGGESTION_SCORE } from '@hub/rules';
import type { Logger } from 'pino';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { BindingMethod } from '../../generated/prisma/client';

const REBIND_CHUNK = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Desired {
  recordId: string;
  projectId: string;
  method: Extract<BindingMethod, 'code' | 'suggested'>;
  score: number | null;
}

/**
 * Keeps record ↔ project bindings in step with the records and the registry: a record's project code
 * binds it; without one, the same unit credit code plus a matching system name suggests it. Operator
 * decisions (confirmed, rejected) are never overwritten here.
 */
@Injectable()
export class BindingsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async rebind(): Promise<{ created: number; removed: number }> {
    const [projects, records, existing] = await Promise.all([
      this.prisma.project.findMany({ select: { id: true, code: true, unitCode: true, systemNames: true } }),
      this.prisma.sourceRecord.findMany({
        where: {
          OR: [{ projectCode: { not: null } }, { systemName: { not: null }, unitCode: { not: null } }],
        },
        select: { id: true, projectCode: true, unitCode: true, systemName: true },
      }),
      this.prisma.binding.findMany({ select: { id: true, recordId: true, projectId: true, method: true } }),
    ]);
    const byCode = new Map(projects.map((p) => [p.code, p]));
    const byUnit = new Map<string, typeof projects>();
    for (const p of projects) byUnit.set(p.unitCode, [...(byUnit.get(p.unitCode) ?? []), p]);
    const decided = new Set(
      existing
        .filter((b) => b.method === 'confirmed' || b.method === 'rejected')
        .map((b) => `${b.recordId}|${b.projectId}`),
    );

    const desired = new Map<string, Desired>();
    for (const r of records) {
      const owner = r.projectCode ? byCode.get(r.projectCode) : undefined;
      if (owner) {
        desired.set(`${r.id}|${owner.id}`, {
          recordId: r.id,
          projectId: owner.id,
          method: 'code',
          score: null,
        });
        continue;
      }
      if (r.projectCode || !r.unitCode || !r.systemName) continue;
      for (const p of byUnit.get(r.unitCode) ?? []) {
        const score = bestSystemNameScore(r.systemName, p.systemNames);
        const key = `${r.id}|${p.id}`;
        if (score >= SUGGESTION_SCORE && !decided.has(key)) {
          desired.set(key, { recordId: r.id, projectId: p.id, method: 'suggested', score });
        }
      }
    }

    const stale = existing.filter(
      (b) =>
        (b.method === 'code' || b.method === 'suggested') &&
        desired.get(`${b.recordId}|${b.projectId}`)?.method !== b.method,
    );
    const staleIds = new Set(stale.map((b) => b.id));
    const have = new Set(
      existing.filter((b) => !staleIds.has(b.id)).map((b) => `${b.recordId}|${b.projectId}`),
    );
    const toCreate = [...desired.entries()].filter(([key]) => !have.has(key)).map(([, d]) => d);
    // One transaction so readers never see a half-matched state; a city-wide first match writes
    // tens of thousands of rows, hence the chunks and the long timeout.
    await this.prisma.$transaction(
      async (tx) => {
        for (const ids of chunks([...staleIds], REBIND_CHUNK)) {
          await tx.binding.deleteMany({ where: { id: { in: ids } } });
        }
        for (const data of chunks(toCreate, REBIND_CHUNK)) {
          await tx.binding.createMany({ data, skipDuplicates: true });
        }
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
    if (toCreate.length || stale.length) {
      this.logger.info({ created: toCreate.length, removed: stale.length }, 'bindings updated');
    }
    return { created: toCreate.length, removed: stale.length };
  }
}
