import { z } from 'zod';
import { apiSchema, type SameShape, ZBilingual, ZInstant, ZJson } from '../../openapi/api-schemas';
import type { AuditProblemKind } from './audit-verification';

export const ZAuditEntryView = apiSchema(
  'AuditEntry',
  z.object({
    seq: z.string(),
    at: ZInstant,
    actor: z.string(),
    action: z.string(),
    /** what the action is, in words; the id itself for an action the vocabulary no longer lists */
    actionTitle: ZBilingual,
    objectType: z.string(),
    objectId: z.string(),
    data: ZJson,
    hash: z.string(),
  }),
);

export const ZAuditPage = apiSchema(
  'AuditPage',
  z.object({ total: z.number().int(), items: z.array(ZAuditEntryView) }),
);

export const AUDIT_PROBLEM_KINDS = [
  'broken-link',
  'edited-entry',
  'rewritten-entry',
  'unkeyed-after-keyed',
  'keyed-without-start',
  'chain-start-mismatch',
  'key-mismatch',
  'unknown-version',
  'truncated-tail',
  'checkpoint-mismatch',
  'chain-replaced',
  'checkpoint-forged',
] as const;

export const ZAuditProblem = apiSchema(
  'AuditProblem',
  z.object({
    kind: z.enum(AUDIT_PROBLEM_KINDS),
    /** the entry it concerns (the first missing one for a truncated tail), when it concerns one */
    seq: z.string().nullable(),
    message: ZBilingual,
  }),
);

/** The keyed chain verified against the checkpoints kept outside the database. */
export const ZAuditVerification = apiSchema(
  'AuditVerification',
  z.object({
    ok: z.boolean(),
    entries: z.number().int(),
    lastSeq: z.string().nullable(),
    /** where the keyed chain begins: entries before it are the older unkeyed chain, checked as written */
    keyedFrom: z
      .object({ seq: z.string(), chainId: z.string(), keyId: z.string(), unkeyedEntries: z.number().int() })
      .nullable(),
    checkpoints: z.object({
      file: z.string(),
      /** checkpoints of this chain compared with the database */
      checked: z.number().int(),
      latest: z.object({ at: ZInstant, seq: z.string(), count: z.number().int() }).nullable(),
    }),
    /** the problem at the lowest entry */
    firstBroken: ZAuditProblem.nullable(),
    /** every problem found, the first 50 */
    problems: z.array(ZAuditProblem),
    moreProblems: z.number().int(),
    /** what verification could not cover, and risks of the set-up */
    warnings: z.array(ZBilingual),
  }),
);
export const problemKindsMatch: SameShape<(typeof AUDIT_PROBLEM_KINDS)[number], AuditProblemKind> = true;
