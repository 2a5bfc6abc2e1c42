import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_ACTION_LABELS, type AuditAction, labelOf } from '@hub/vocabulary';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { applicationRoleRisks } from '../../infra/database/database-roles';
import { PrismaService } from '../../infra/database/prisma.service';
import { LOGGER } from '../../infra/tokens';
import type { AuditEntry, Prisma } from '../../generated/prisma/client';
import {
  CHAIN_START_ACTION,
  type ChainStart,
  GENESIS_HASH,
  KEYED,
  keyedHash,
  sortCheckpointLines,
  ZChainStart,
} from './audit-chain';
import { AuditCheckpointStore } from './audit-checkpoint.store';
import { AuditKeyStore } from './audit-key.store';
import { type AuditVerification, ChainWalk, compareWithCheckpoints, summarise } from './audit-verification';
import { ZAuditEntryView } from './audit.answers';

export { GENESIS_HASH } from './audit-chain';
export type { AuditProblem, AuditVerification } from './audit-verification';

/** Serialises appends so that each entry chains onto the one before it. */
const CHAIN_LOCK = 7_246_100;
const VERIFY_BATCH = 1000;

export interface AuditInput {
  actor: string;
  /** one of the vocabulary's actions, so that every entry has the label an auditor reads */
  action: AuditAction;
  objectType: string;
  objectId: string;
  data?: Record<string, unknown>;
}

export type AuditEntryView = z.infer<typeof ZAuditEntryView>;

/** The keyed chain's head as a checkpoint records it. */
export interface ChainHead {
  database: string;
  chainId: string;
  keyId: string;
  seq: bigint;
  count: number;
  hash: string;
}

type Tx = Prisma.TransactionClient;

/**
 * The audit trail: every state change appended as an entry whose HMAC (under the key of
 * HUB_AUDIT_KEY_FILE, kept outside the database) covers the previous entry's hash, so an entry
 * edited, removed or reordered breaks the chain from there on, and a chain recomputed without the
 * key does not verify. Entries written before the key stay as they were (version 1, plain sha256)
 * and are verified as such; the keyed chain begins with a start entry that fixes their head.
 * Appends happen inside the transaction of the change they record.
 */
@Injectable()
export class AuditService {
  private start: (ChainStart & { seq: bigint }) | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly keys: AuditKeyStore,
    private readonly checkpoints: AuditCheckpointStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Appends within `tx` (the change's own transaction), or in a transaction of its own. */
  async append(input: AuditInput, tx?: Tx): Promise<void> {
    if (!tx) return this.prisma.$transaction((own) => this.append(input, own));
    const prevHash = await this.lockedHead(tx);
    await this.insertKeyed(tx, prevHash, {
      actor: input.actor,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      data: (input.data ?? {}) as Prisma.InputJsonObject,
    });
  }

  /**
   * At start: begins the keyed chain if it has not begun (a fresh trail, or one written before the
   * key), and refuses a key file that is not the key the chain was written with — appending under
   * another key would make the rest of the trail unverifiable.
   */
  async ensureKeyedChain(): Promise<(ChainStart & { seq: bigint }) | null> {
    await this.prisma.$transaction((tx) => this.lockedHead(tx));
    const start = await this.chainStart();
    const key = this.keys.key();
    if (!start) {
      // Only a removed start entry leaves a keyed last entry without one: verify names it.
      this.logger.error('the audit trail has keyed entries but no chain start entry: run hub audit verify');
      return null;
    }
    if (start.keyId !== key.id) {
      throw new AppError('INTERNAL', {
        zh: `审计密钥不符：审计链（自第 ${start.seq} 条起）用密钥 ${start.keyId} 写成，${key.file} 中是 ${key.id}。请恢复原密钥文件（多副本须共用同一密钥文件）；中枢不以另一把密钥续写审计链`,
        en: `audit key mismatch: the chain (from entry ${start.seq}) was written with key ${start.keyId}, ${key.file} holds ${key.id}. Restore the original key file (replicas must share one key file); the hub does not continue the chain under another key`,
      });
    }
    return start;
  }

  /** The chain's start entry (cached: it never changes once written). */
  async chainStart(): Promise<(ChainStart & { seq: bigint }) | null> {
    if (this.start) return this.start;
    const row = await this.prisma.auditEntry.findFirst({
      where: { chainVersion: KEYED, action: CHAIN_START_ACTION },
      orderBy: { seq: 'asc' },
      select: { seq: true, data: true },
    });
    const data = row ? ZChainStart.safeParse(row.data) : null;
    if (!row || !data?.success) return null;
    this.start = { ...data.data, seq: row.seq };
    return this.start;
  }

  /** The last entry and the number of entries, read in one statement (one snapshot). */
  async head(): Promise<ChainHead | null> {
    const start = await this.chainStart();
    if (!start) return null;
    const rows = await this.prisma.$queryRaw<
      { seq: bigint; hash: string; count: bigint; database: string }[]
    >`
      SELECT seq, hash, (SELECT count(*) FROM audit_entries) AS count, current_database()::text AS database
        FROM audit_entries ORDER BY seq DESC LIMIT 1`;
    const row = rows[0];
    if (!row) return null;
    return {
      database: row.database,
      chainId: start.chainId,
      keyId: start.keyId,
      seq: row.seq,
      count: Number(row.count),
      hash: row.hash,
    };
  }

  /**
   * Takes the chain lock within `tx` and returns the hash to chain onto, first writing the chain
   * start entry when the last entry is not keyed (the first append under the key).
   */
  private async lockedHead(tx: Tx): Promise<string> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
    const last = await tx.auditEntry.findFirst({
      orderBy: { seq: 'desc' },
      select: { hash: true, chainVersion: true },
    });
    if (last?.chainVersion === KEYED) return last.hash;
    const start: ChainStart = {
      chainId: randomUUID(),
      keyId: this.keys.key().id,
      unkeyedEntries: await tx.auditEntry.count(),
      unkeyedHead: last?.hash ?? null,
    };
    return this.insertKeyed(tx, last?.hash ?? GENESIS_HASH, {
      actor: 'system',
      action: CHAIN_START_ACTION,
      objectType: 'audit-chain',
      objectId: start.chainId,
      data: start,
    });
  }

  private async insertKeyed(
    tx: Tx,
    prevHash: string,
    entry: Pick<AuditEntry, 'actor' | 'action' | 'objectType' | 'objectId'> & {
      data: Prisma.InputJsonObject;
    },
  ): Promise<string> {
    // The seq is taken first because the HMAC covers it; under the lock, seq order is chain order.
    const [{ seq }] = await tx.$queryRaw<[{ seq: bigint }]>`
      SELECT nextval(pg_get_serial_sequence('audit_entries', 'seq')) AS seq`;
    const at = this.clock.now();
    const hash = keyedHash(this.keys.key().bytes, prevHash, seq, { ...entry, at });
    await tx.auditEntry.create({ data: { ...entry, seq, at, prevHash, chainVersion: KEYED, hash } });
    return hash;
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
        actionTitle: labelOf(AUDIT_ACTION_LABELS, r.action),
        objectType: r.objectType,
        objectId: r.objectId,
        data: r.data,
        hash: r.hash,
      })),
    };
  }

  /**
   * Walks the whole chain in order (the unkeyed part as it was written, the keyed part with the key)
   * and compares it with every checkpoint of the checkpoint file: a truncated tail, a rewritten entry
   * and a broken link are each named with their entry.
   */
  async verify(): Promise<AuditVerification> {
    const key = this.keys.key();
    const lines = sortCheckpointLines(await this.checkpoints.lines(), key.bytes);
    const walk = new ChainWalk(key, new Set(lines.valid.map((c) => c.seq)));
    let after: bigint | undefined;
    for (;;) {
      const batch = await this.prisma.auditEntry.findMany({
        where: after === undefined ? {} : { seq: { gt: after } },
        orderBy: { seq: 'asc' },
        take: VERIFY_BATCH,
      });
      for (const e of batch) walk.visit(e);
      if (batch.length < VERIFY_BATCH) break;
      after = batch[batch.length - 1]!.seq;
    }
    const [{ database }] = await this.prisma.$queryRaw<[{ database: string }]>`
      SELECT current_database()::text AS database`;
    const risks = await applicationRoleRisks((sql) => this.prisma.$queryRawUnsafe(sql));
    return summarise(walk, compareWithCheckpoints(walk, lines, database), this.checkpoints.file, risks);
  }
}
