import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@hub/connectors';
import { z } from 'zod';

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Entries written before the chain was keyed: sha256 over prevHash and the content. */
export const UNKEYED = 1;
/** HMAC-SHA256 under the audit key over prevHash, seq and the content. */
export const KEYED = 2;

/**
 * The first keyed entry: it records the chain's id, the key's id and the unkeyed entries before it,
 * and as a keyed entry it fixes their head, so the older part cannot be recomputed unseen either.
 */
export const CHAIN_START_ACTION = 'audit.chain.keyed';

/** What an entry's hash covers besides prevHash (and, keyed, its seq). */
export interface EntryContent {
  at: Date;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data: unknown;
}

function contentJson(e: EntryContent, extra: Record<string, unknown> = {}): string {
  return canonicalJson({
    ...extra,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    data: e.data,
  });
}

/** Version 1, as entries were written before the key: anyone can recompute it. */
export function unkeyedHash(prevHash: string, e: EntryContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(contentJson(e)).digest('hex');
}

/** Version 2: only a holder of the key can compute it; the seq is covered so entries cannot be renumbered. */
export function keyedHash(key: Buffer, prevHash: string, seq: bigint, e: EntryContent): string {
  return createHmac('sha256', key)
    .update(prevHash)
    .update('\n')
    .update(contentJson(e, { v: KEYED, seq: seq.toString() }))
    .digest('hex');
}

/** A short public name of a key: checkpoints and the chain's start entry carry it, never the key. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('hub audit key id').digest('hex').slice(0, 16);
}

export function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the chain start entry's `data` holds. */
export const ZChainStart = z.object({
  chainId: z.uuid(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** unkeyed entries before it, and the last one's hash (null when there were none) */
  unkeyedEntries: z.number().int().min(0),
  unkeyedHead: z.string().nullable(),
});
export type ChainStart = z.infer<typeof ZChainStart>;

export const CHECKPOINT_REASONS = ['start', 'interval', 'shutdown', 'verify'] as const;

/**
 * One line of the checkpoint file (and what syslog and the webhook receive): the chain's length
 * and head at `at`, signed with the audit key so that a line cannot be forged without it.
 */
export const ZAuditCheckpoint = z.object({
  v: z.literal(1),
  at: z.iso.datetime({ offset: true }),
  /** the database's name, to tell apart the chains of several databases sharing one file */
  database: z.string(),
  chainId: z.uuid(),
  keyId: z.string(),
  /** the last entry's seq and hash, and how many entries the table held (unkeyed ones included) */
  seq: z.string().regex(/^\d+$/),
  count: z.number().int().min(1),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  reason: z.enum(CHECKPOINT_REASONS),
  replica: z.string(),
  hmac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditCheckpoint = z.infer<typeof ZAuditCheckpoint>;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

export function checkpointMac(key: Buffer, c: Omit<AuditCheckpoint, 'hmac'>): string {
  return createHmac('sha256', key).update(canonicalJson(c)).digest('hex');
}

export function signCheckpoint(key: Buffer, c: Omit<AuditCheckpoint, 'hmac'>): AuditCheckpoint {
  return { ...c, hmac: checkpointMac(key, c) };
}

/** The lines of a checkpoint file sorted by what can be trusted of them under `key`. */
export interface CheckpointLines {
  /** signed with this key and intact */
  valid: AuditCheckpoint[];
  /** line numbers of lines with this key's id whose signature does not hold: forged or edited */
  forged: number[];
  /** line numbers of lines signed with another key: not checked */
  otherKey: number[];
  /** line numbers of lines that are not checkpoints (a torn write, or something else) */
  garbled: number[];
}

export function sortCheckpointLines(lines: string[], key: Buffer): CheckpointLines {
  const keyId = keyIdOf(key);
  const out: CheckpointLines = { valid: [], forged: [], otherKey: [], garbled: [] };
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let parsed: AuditCheckpoint;
    try {
      parsed = ZAuditCheckpoint.parse(JSON.parse(text));
    } catch {
      out.garbled.push(i + 1);
      return;
    }
    const { hmac, ...fields } = parsed;
    if (parsed.keyId !== keyId) out.otherKey.push(i + 1);
    else if (!equalHex(hmac, checkpointMac(key, fields))) out.forged.push(i + 1);
    else out.valid.push(parsed);
  });
  return out;
}
