import { z } from 'zod';
import { apiSchema, ZBilingual } from '../../openapi/api-schemas';

export const ZLiveness = apiSchema('Liveness', z.object({ status: z.literal('ok') }));

export const ZDependencyState = apiSchema(
  'DependencyState',
  z.object({
    ok: z.boolean(),
    latencyMs: z.number(),
    /** why it is not ready; says nothing about hosts or credentials (the probe is public) */
    reason: ZBilingual.optional(),
  }),
);

export const ZReadiness = apiSchema(
  'Readiness',
  z.object({
    status: z.enum(['ready', 'not-ready', 'stopping']),
    database: ZDependencyState,
    queue: ZDependencyState,
  }),
);
