import { z } from 'zod';
import type { Text } from '@hub/rules';
import {
  type AuditCheckpoint,
  CHAIN_START_ACTION,
  type ChainStart,
  type CheckpointLines,
  type EntryContent,
  equalHex,
  GENESIS_HASH,
  KEYED,
  keyedHash,
  UNKEYED,
  unkeyedHash,
  ZChainStart,
} from './audit-chain';
import type { AuditKey } from './audit-key.store';
import { ZAuditProblem, ZAuditVerification } from './audit.answers';

export type AuditProblemKind =
  /** an entry's prevHash is not the hash of the entry before it */
  | 'broken-link'
  /** an unkeyed (version 1) entry whose content does not match its hash */
  | 'edited-entry'
  /** a keyed entry whose HMAC does not hold */
  | 'rewritten-entry'
  /** an unkeyed entry after the keyed chain began: not written by the hub */
  | 'unkeyed-after-keyed'
  /** a keyed entry before any chain start entry */
  | 'keyed-without-start'
  /** the unkeyed part is not what the chain start recorded of it */
  | 'chain-start-mismatch'
  /** the key file is not the key the chain was written with */
  | 'key-mismatch'
  | 'unknown-version'
  /** fewer entries than a checkpoint recorded: the end of the trail was removed */
  | 'truncated-tail'
  /** the entry at a checkpoint's seq is missing, or has another hash, or the count up to it differs */
  | 'checkpoint-mismatch'
  /** a checkpoint of this database names a chain the database no longer holds */
  | 'chain-replaced'
  /** a checkpoint line with this key's id whose signature does not hold */
  | 'checkpoint-forged';

export type AuditProblem = z.infer<typeof ZAuditProblem>;

export type AuditVerification = z.infer<typeof ZAuditVerification>;

const MAX_PROBLEMS = 50;

export interface WalkedEntry extends EntryContent {
  seq: bigint;
  chainVersion: number;
  prevHash: string;
  hash: string;
}

/**
 * One pass over the entries in seq order. Every link and every hash is checked (version 1 as it was
 * written, version 2 with the key); after a problem the walk goes on from the stored hash, so one
 * edit is one problem and the walk still counts the whole table for the checkpoints.
 */
export class ChainWalk {
  entries = 0;
  lastSeq: bigint | null = null;
  start: (ChainStart & { seq: string }) | null = null;
  readonly problems: AuditProblem[] = [];
  /** hash and running count at each seq a checkpoint names */
  readonly seen = new Map<string, { hash: string; count: number }>();
  private prevHash = GENESIS_HASH;
  private keyUsable = true;

  constructor(
    private readonly key: AuditKey,
    private readonly checkpointSeqs: Set<string>,
  ) {}

  visit(e: WalkedEntry): void {
    this.entries++;
    const seq = e.seq.toString();
    if (e.prevHash !== this.prevHash) {
      this.problem('broken-link', seq, {
        zh: `第 ${seq} 条记录的上一条哈希不符：此前的条目被删除、重排或改写`,
        en: `entry ${seq}: previous-hash mismatch: an entry before it was removed, reordered or rewritten`,
      });
    }
    if (e.chainVersion === UNKEYED) this.visitUnkeyed(e, seq);
    else if (e.chainVersion === KEYED) this.visitKeyed(e, seq);
    else {
      this.problem('unknown-version', seq, {
        zh: `第 ${seq} 条的链版本 ${e.chainVersion} 未知：该条不是中枢写入的`,
        en: `entry ${seq} has an unknown chain version ${e.chainVersion}: the hub did not write it`,
      });
    }
    this.prevHash = e.hash;
    this.lastSeq = e.seq;
    if (this.checkpointSeqs.has(seq)) this.seen.set(seq, { hash: e.hash, count: this.entries });
  }

  private visitUnkeyed(e: WalkedEntry, seq: string): void {
    if (this.start) {
      this.problem('unkeyed-after-keyed', seq, {
        zh: `第 ${seq} 条是未加密钥的条目，却在自第 ${this.start.seq} 条开始的密钥链之后：不是中枢写入的（伪造，或被改写成旧格式）`,
        en: `entry ${seq} is unkeyed but comes after the keyed chain began at entry ${this.start.seq}: the hub did not write it (forged, or rewritten in the old format)`,
      });
    } else if (!equalHex(unkeyedHash(e.prevHash, e), e.hash)) {
      this.problem('edited-entry', seq, {
        zh: `第 ${seq} 条（未加密钥的旧链）内容与其哈希不符：该条被修改`,
        en: `entry ${seq} (older unkeyed chain): content does not match its hash: the entry was edited`,
      });
    }
  }

  private visitKeyed(e: WalkedEntry, seq: string): void {
    if (!this.start) {
      const data = ZChainStart.safeParse(e.data);
      if (e.action !== CHAIN_START_ACTION || !data.success) {
        this.problem('keyed-without-start', seq, {
          zh: `第 ${seq} 条是加密钥的条目，但此前没有密钥链的起始条目`,
          en: `entry ${seq} is keyed but no chain start entry comes before it`,
        });
      } else {
        this.start = { ...data.data, seq };
        this.checkStart(data.data, seq);
      }
    }
    if (this.keyUsable && !equalHex(keyedHash(this.key.bytes, e.prevHash, e.seq, e), e.hash)) {
      this.problem('rewritten-entry', seq, {
        zh: `第 ${seq} 条的密钥哈希（HMAC）不符：该条被改写（没有密钥无法重算）`,
        en: `entry ${seq}: its keyed hash (HMAC) does not hold: the entry was rewritten (it cannot be recomputed without the key)`,
      });
    }
  }

  private checkStart(start: ChainStart, seq: string): void {
    if (start.keyId !== this.key.id) {
      this.keyUsable = false;
      this.problem('key-mismatch', seq, {
        zh: `密钥链（自第 ${seq} 条起）是用另一把密钥（${start.keyId}）写的，而 ${this.key.file} 的密钥是 ${this.key.id}：无法校验密钥链，请恢复原密钥文件`,
        en: `the keyed chain (from entry ${seq}) was written with another key (${start.keyId}) than ${this.key.file} holds (${this.key.id}): it cannot be verified; restore the original key file`,
      });
    }
    const before = this.entries - 1;
    if (start.unkeyedEntries !== before) {
      this.problem('chain-start-mismatch', seq, {
        zh: `密钥链起始条目（第 ${seq} 条）记录此前有 ${start.unkeyedEntries} 条未加密钥的条目，现有 ${before} 条：旧链的条目被删除或插入`,
        en: `the chain start (entry ${seq}) recorded ${start.unkeyedEntries} unkeyed entries before it, there are ${before}: entries of the older chain were removed or inserted`,
      });
    }
  }

  private problem(kind: AuditProblemKind, seq: string | null, message: Text): void {
    this.problems.push({ kind, seq, message });
  }
}

/**
 * What the checkpoints say of the walked chain: its tail (the checkpoint with the highest seq), the
 * entry at each checkpoint's seq, chains of this database that are gone, forged lines.
 */
export function compareWithCheckpoints(
  walk: ChainWalk,
  lines: CheckpointLines,
  database: string,
): { problems: AuditProblem[]; warnings: Text[]; ours: AuditCheckpoint[] } {
  const problems: AuditProblem[] = [];
  const warnings: Text[] = [];
  const chainId = walk.start?.chainId;
  const ours = lines.valid
    .filter((c) => c.chainId === chainId)
    .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));

  const tail = ours[ours.length - 1];
  if (tail && (walk.lastSeq === null || BigInt(tail.seq) > walk.lastSeq)) {
    const from = (walk.lastSeq ?? 0n) + 1n;
    problems.push({
      kind: 'truncated-tail',
      seq: from.toString(),
      message: {
        zh: `尾部被截断：${tail.at} 的检查点记录了 ${tail.count} 条、末条序号 ${tail.seq}；数据库现有 ${walk.entries} 条、末条序号 ${walk.lastSeq ?? '无'}：序号 ${from}–${tail.seq} 的条目（${Math.max(tail.count - walk.entries, 0)} 条）已被删除`,
        en: `truncated tail: the checkpoint of ${tail.at} recorded ${tail.count} entries ending at seq ${tail.seq}; the database holds ${walk.entries} ending at seq ${walk.lastSeq ?? 'none'}: entries ${from}–${tail.seq} (${Math.max(tail.count - walk.entries, 0)}) were deleted`,
      },
    });
  }
  for (const c of ours) {
    if (walk.lastSeq === null || BigInt(c.seq) > walk.lastSeq) break;
    const mismatch = checkpointMismatch(c, walk.seen.get(c.seq));
    if (mismatch) {
      problems.push({ kind: 'checkpoint-mismatch', seq: c.seq, message: mismatch });
      break; // the earliest is what matters: every later checkpoint follows from it
    }
  }

  const gone = new Map<string, AuditCheckpoint>();
  for (const c of lines.valid) {
    if (c.database !== database || c.chainId === chainId) continue;
    const known = gone.get(c.chainId);
    if (!known || BigInt(c.seq) > BigInt(known.seq)) gone.set(c.chainId, c);
  }
  for (const c of gone.values()) {
    problems.push({
      kind: 'chain-replaced',
      seq: null,
      message: {
        zh: `检查点文件记录了本数据库（${database}）的另一条审计链 ${c.chainId}（${c.at}：${c.count} 条，末条序号 ${c.seq}），数据库中已不存在：审计日志被整体删除或替换`,
        en: `the checkpoint file records another audit chain ${c.chainId} of this database (${database}) (${c.at}: ${c.count} entries ending at seq ${c.seq}) that the database no longer holds: the trail was deleted or replaced`,
      },
    });
  }
  if (lines.forged.length) {
    problems.push({
      kind: 'checkpoint-forged',
      seq: null,
      message: {
        zh: `检查点文件第 ${lines.forged.join('、')} 行的签名不符：检查点被伪造或修改`,
        en: `checkpoint file line(s) ${lines.forged.join(', ')}: the signature does not hold: the checkpoint was forged or edited`,
      },
    });
  }
  if (lines.otherKey.length) {
    warnings.push({
      zh: `检查点文件第 ${lines.otherKey.join('、')} 行是用另一把密钥签名的，未作比对`,
      en: `checkpoint file line(s) ${lines.otherKey.join(', ')} are signed with another key and were not compared`,
    });
  }
  if (lines.garbled.length) {
    warnings.push({
      zh: `检查点文件第 ${lines.garbled.join('、')} 行不是检查点，已跳过`,
      en: `checkpoint file line(s) ${lines.garbled.join(', ')} are not checkpoints and were skipped`,
    });
  }
  if (walk.start && ours.length === 0) {
    warnings.push({
      zh: '尚无本审计链的检查点：尾部被截断无法发现',
      en: 'no checkpoint of this chain yet: a truncated tail cannot be detected',
    });
  }
  return { problems, warnings, ours };
}

function checkpointMismatch(
  c: AuditCheckpoint,
  seen: { hash: string; count: number } | undefined,
): Text | null {
  if (!seen) {
    return {
      zh: `${c.at} 的检查点记录的第 ${c.seq} 条已不在数据库中：该条被删除`,
      en: `entry ${c.seq}, recorded by the checkpoint of ${c.at}, is no longer in the database: it was deleted`,
    };
  }
  if (seen.hash !== c.headHash) {
    return {
      zh: `第 ${c.seq} 条的哈希与 ${c.at} 的检查点不同：该条（或其前的链）被改写`,
      en: `entry ${c.seq} has another hash than the checkpoint of ${c.at} recorded: it (or the chain before it) was rewritten`,
    };
  }
  if (seen.count !== c.count) {
    return {
      zh: `截至第 ${c.seq} 条，${c.at} 的检查点记录了 ${c.count} 条，数据库现有 ${seen.count} 条：其间有条目被删除或插入`,
      en: `up to entry ${c.seq} the checkpoint of ${c.at} recorded ${c.count} entries, the database holds ${seen.count}: entries were deleted or inserted`,
    };
  }
  return null;
}

/** The verification as reported: problems in entry order, the first of them named. */
export function summarise(
  walk: ChainWalk,
  fromCheckpoints: ReturnType<typeof compareWithCheckpoints>,
  file: string,
  warnings: Text[],
): AuditVerification {
  const all = [...walk.problems, ...fromCheckpoints.problems];
  const bySeq = all
    .filter((p) => p.seq !== null)
    .sort((a, b) => (BigInt(a.seq!) < BigInt(b.seq!) ? -1 : BigInt(a.seq!) > BigInt(b.seq!) ? 1 : 0));
  const latest = fromCheckpoints.ours[fromCheckpoints.ours.length - 1];
  return {
    ok: all.length === 0,
    entries: walk.entries,
    lastSeq: walk.lastSeq?.toString() ?? null,
    keyedFrom: walk.start
      ? {
          seq: walk.start.seq,
          chainId: walk.start.chainId,
          keyId: walk.start.keyId,
          unkeyedEntries: walk.start.unkeyedEntries,
        }
      : null,
    checkpoints: {
      file,
      checked: fromCheckpoints.ours.length,
      latest: latest ? { at: latest.at, seq: latest.seq, count: latest.count } : null,
    },
    firstBroken: bySeq[0] ?? null,
    problems: all.slice(0, MAX_PROBLEMS),
    moreProblems: Math.max(all.length - MAX_PROBLEMS, 0),
    warnings: [...fromCheckpoints.warnings, ...warnings],
  };
}
