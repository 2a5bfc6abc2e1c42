import { DISPUTE_STATUSES } from '@hub/vocabulary';
import { z } from 'zod';
import { apiSchema, ZBilingual, ZInstant } from '../../openapi/api-schemas';

export const ZCorrectionRequest = apiSchema(
  'CorrectionRequest',
  z.object({
    /** the upstream systems whose data is to be corrected (empty: the registry alone) */
    sources: z.array(z.string()),
    sourceTitles: z.array(ZBilingual),
    text: ZBilingual,
  }),
);

/** A construction unit contests a finding; an upheld dispute carries a correction request. */
export const ZDisputeView = apiSchema(
  'Dispute',
  z.object({
    id: z.string(),
    projectCode: z.string(),
    projectName: z.string(),
    unitName: z.string(),
    ruleId: z.string(),
    ruleTitle: ZBilingual.nullable(),
    /** the check run whose finding is contested */
    checkRunId: z.string(),
    reason: z.string(),
    raisedBy: z.string(),
    raisedAt: ZInstant,
    status: z.enum(DISPUTE_STATUSES),
    decidedBy: z.string().nullable(),
    decidedAt: ZInstant.nullable(),
    decisionComment: z.string().nullable(),
    /** set when upheld */
    correction: ZCorrectionRequest.nullable(),
  }),
);
