import { Inject, Injectable } from '@nestjs/common';
import { bestSystemNameScore, SUGGESTION_SCORE } from '@hub/rules';
import type { Logger } from 'pino';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { BindingMethod, Prisma } from '../../generated/prisma/client';

const REBIND_CHUNK = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const PROJECT_SELECT = { id: true, code: true, unitCode: true, systemNames: true } as const;
const RECORD_SELECT = { id: true, projectCode: true, unitCode: true, systemName: true } as const;
const BINDING_SELECT = { id: true, recordId: true, projectId: true, method: true } as const;
/** Records that can bind: by their project code, or by unit and system name as a suggestion. */
const BINDABLE = {
  OR: [{ projectCode: { not: null } }, { systemName: { not: null }, unitCode: { not: null } }],
} satisfies Prisma.SourceRecordWhereInput;

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

  /**
   * Matches every stored record, or with `syncIds` only the records those syncs fetched (a targeted
   * check's): a record nobody fetched keeps its bindings, which only its own change or the registry's
   * can alter, so a check does no city-wide work.
   */
  async rebind(scope?: { syncIds: readonly string[] }): Promise<{ created: number; removed: number }> {
    const { projects, records, existing } = scope
      ? await this.loadFetched(scope.syncIds)
      : await this.loadAll();
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

  private async loadAll() {
    const [projects, records, existing] = await Promise.all([
      this.prisma.project.findMany({ select: PROJECT_SELECT }),
      this.prisma.sourceRecord.findMany({ where: BINDABLE, select: RECORD_SELECT }),
      this.prisma.binding.findMany({ select: BINDING_SELECT }),
    ]);
    return { projects, records, existing };
  }

  /** The records the syncs fetched, the projects they could bind to, and their bindings. */
  private async loadFetched(syncIds: readonly string[]) {
    const records = await this.prisma.sourceRecord.findMany({
      where: { AND: [BINDABLE, { lastSyncId: { in: [...syncIds] } }] },
      select: RECORD_SELECT,
    });
    const codes = [...new Set(records.flatMap((r) => (r.projectCode ? [r.projectCode] : [])))];
    const units = [...new Set(records.flatMap((r) => (r.unitCode ? [r.unitCode] : [])))];
    const [projects, existing] = await Promise.all([
      this.prisma.project.findMany({
        where: { OR: [{ code: { in: codes } }, { unitCode: { in: units } }] },
        select: PROJECT_SELECT,
      }),
      this.prisma.binding.findMany({
        where: { recordId: { in: records.map((r) => r.id) } },
        select: BINDING_SELECT,
      }),
    ]);
    return { projects, records, existing };
  }
}
