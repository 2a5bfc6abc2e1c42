import { EXEMPTION_STATUSES } from '@hub/vocabulary';
import { z } from 'zod';
import { apiSchema, ZBilingual, ZDay, ZInstant } from '../../openapi/api-schemas';
import { EXEMPTION_CATEGORIES } from './exemption.types';

/** An exemption as a legal record: request → approve / reject → revoke. */
export const ZExemptionView = apiSchema(
  'Exemption',
  z.object({
    id: z.string(),
    projectCode: z.string(),
    projectName: z.string(),
    unitName: z.string(),
    packId: z.string(),
    ruleIds: z.array(z.string()),
    reasonCategory: z.enum(EXEMPTION_CATEGORIES),
    reasonCategoryTitle: ZBilingual,
    reasonText: z.string(),
    documentNo: z.string(),
    authority: z.string(),
    validFrom: ZDay,
    validUntil: ZDay,
    attachmentRef: z.string().nullable(),
    status: z.enum(EXEMPTION_STATUSES),
    /** approved, and today (Beijing) within validFrom..validUntil: its rules give WAIVED */
    isCurrent: z.boolean(),
    /** days from today (Beijing) to validUntil, negative once past; null when rejected or revoked */
    daysLeft: z.number().int().nullable(),
    requestedBy: z.string(),
    requestedAt: ZInstant,
    decidedBy: z.string().nullable(),
    decidedAt: ZInstant.nullable(),
    decisionComment: z.string().nullable(),
    revokedBy: z.string().nullable(),
    revokedAt: ZInstant.nullable(),
    revocationReason: z.string().nullable(),
  }),
);

/** 续期提醒: an approved exemption about to end, and what to tell its project's unit. */
export const ZRenewalNotice = apiSchema(
  'RenewalNotice',
  z.object({ exemption: ZExemptionView, daysLeft: z.number().int(), notice: ZBilingual }),
);
