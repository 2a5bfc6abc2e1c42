import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { canonicalJson } from '@hub/connectors';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { AuditEntry, Prisma } from '../../generated/prisma/client';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so that each entry chains onto the one before it. */
const CHAIN_LOCK = 7_246_100;

export interface AuditInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data?: Record<string, unknown>;
}

export interface AuditEntryView {
  seq: string;
  at: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data: unknown;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** the first entry whose link does not hold, and why */
  firstBroken: { seq: string; reason: string } | null;
}

type Tx = Prisma.TransactionClient;

/** What the chain hashes for an entry: everything but its sequence number and its own hash. */
function entryHash(
  prevHash: string,
  e: Pick<AuditEntry, 'at' | 'actor' | 'action' | 'objectType' | 'objectId'> & { data: unknown },
) {
  const content = canonicalJson({
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    data: e.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * The audit trail: every state change appended as an entry that hashes the previous one, so that an
 * entry edited, removed or reordered behind the application's back breaks the chain from there on.
 * Appends happen inside the transaction of the change they record.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  /** Appends within `tx` (the change's own transaction), or in a transaction of its own. */
  async append(input: AuditInput, tx?: Tx): Promise<void> {
    if (!tx) return this.prisma.$transaction((own) => this.append(input, own));
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
    const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
    const prevHash = last?.hash ?? GENESIS_HASH;
    const entry = {
      at: this.clock.now(),
      actor: input.actor,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      data: (input.data ?? {}) as Prisma.InputJsonObject,
    };
    await tx.auditEntry.create({ data: { ...entry, prevHash, hash: entryHash(prevHash, entry) } });
  }

  async list(filter: {
    actor?: string;
    action?: string;
    objectType?: string;
    objectId?: string;
    from?: Date;
    to?: Date;
    skip: number;
    take: number;
  }): Promise<{ total: number; items: AuditEntryView[] }> {
    const where: Prisma.AuditEntryWhereInput = {
      ...(filter.actor ? { actor: filter.actor } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.objectType ? { objectType: filter.objectType } : {}),
      ...(filter.objectId ? { objectId: filter.objectId } : {}),
      ...(filter.from || filter.to
        ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
        : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.auditEntry.findMany({
        where,
        orderBy: { seq: 'desc' },
        skip: filter.skip,
        take: filter.take,
      }),
      this.prisma.auditEntry.count({ where }),
    ]);
    return {
      total,
      items: rows.map((r) => ({
        seq: r.seq.toString(),
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        data: r.data,
        hash: r.hash,
      })),
    };
  }

  /** Walks the whole chain in order and reports the first entry whose link does not hold. */
  async verify(): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let entries = 0;
    let after: bigint | undefined;
    for (;;) {
      const batch = await this.prisma.auditEntry.findMany({
        where: after === undefined ? {} : { seq: { gt: after } },
        orderBy: { seq: 'asc' },
        take: 1000,
      });
      if (batch.length === 0) return { ok: true, entries, firstBroken: null };
      for (const e of batch) {
        entries++;
        const seq = e.seq.toString();
        if (e.prevHash !== prevHash) {
          return {
            ok: false,
            entries,
            firstBroken: {
              seq,
              reason: 'previous-hash mismatch: an entry before it was removed, reordered or rewritten',
            },
          };
        }
        if (entryHash(prevHash, e) !== e.hash) {
          return {
            ok: false,
            entries,
            firstBroken: { seq, reason: 'content does not match its hash: the entry was edited' },
          };
        }
        prevHash = e.hash;
      }
      after = batch[batch.length - 1]!.seq;
    }
  }
}
