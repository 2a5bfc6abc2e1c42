import { z } from 'zod';
import { apiSchema, ZBilingual, ZInstant, ZVerdict } from '../../openapi/api-schemas';

export const BINDING_STATUSES = ['pending', 'confirmed', 'rejected', 'code'] as const;

/** A record ↔ project binding: pending = a suggested match awaiting a decision. */
export const ZBindingView = apiSchema(
  'Binding',
  z.object({
    id: z.string(),
    status: z.enum(BINDING_STATUSES),
    score: z.number().nullable(),
    record: z.object({
      id: z.string(),
      source: z.string(),
      kind: z.string(),
      externalId: z.string(),
      systemName: z.string().nullable(),
      unitCode: z.string().nullable(),
      tombstone: z.boolean(),
    }),
    project: z.object({ code: z.string(), name: z.string(), unitName: z.string() }),
    decidedBy: z.string().nullable(),
    decidedAt: ZInstant.nullable(),
  }),
);

/**
 * The project judged again after a decision on one of its records, on the facts already stored: what
 * the decision changed. `error` is set when that judgement failed (the decision stands; check the
 * project again).
 */
export const ZRejudgeView = apiSchema(
  'Rejudgement',
  z.object({
    projectCode: z.string(),
    checkRunId: z.string().nullable(),
    ready: z.boolean().nullable(),
    blockingRuleIds: z.array(z.string()),
    /** rules whose verdict differs from the project's latest check before the decision */
    changes: z.array(z.object({ ruleId: z.string(), from: ZVerdict.nullable(), to: ZVerdict })),
    message: ZBilingual,
    error: ZBilingual.nullable(),
  }),
);

/** A decision's answer: the binding as it now stands, and the project judged again. */
export const ZBindingDecisionView = apiSchema(
  'BindingDecision',
  ZBindingView.extend({ rejudged: ZRejudgeView }),
);

export const ZBindingPage = apiSchema(
  'BindingPage',
  z.object({ total: z.number().int(), items: z.array(ZBindingView) }),
);

/** A running cloud resource bound to no project (suggestions aside). */
export const ZUnboundResource = apiSchema(
  'UnboundResource',
  z.object({
    recordId: z.string(),
    resourceId: z.string(),
    systemName: z.string().nullable(),
    unitCode: z.string().nullable(),
    projectCode: z.string().nullable(),
    firstSeenAt: ZInstant,
    fetchedAt: ZInstant,
    suggestedProjects: z.array(z.string()),
  }),
);
