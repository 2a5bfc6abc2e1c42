import type { SourceId } from '@hub/contracts';
import { z } from 'zod';

/** Fault kinds a source can be given: `latency=<ms>`, `error-rate=<0..1>`, `rate-limit=<0..1>`, `maintenance`. */
export const FAULT_KINDS = ['latency', 'error-rate', 'rate-limit', 'maintenance'] as const;
/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Longest injectable latency: ten minutes is past every client timeout worth testing. */
export const MAX_LATENCY_MS = 600_000;

/** One `--fault` flag, parsed. */
export type FaultSpec =
  | { source: SourceId; kind: 'latency'; /** milliseconds */ value: number }
  | { source: SourceId; kind: 'error-rate'; /** probability 0..1 */ value: number }
  | { source: SourceId; kind: 'rate-limit'; /** probability 0..1 */ value: number }
  | { source: SourceId; kind: 'maintenance' };

/** The faults a source is currently given. */
export interface FaultSettings {
  /** delay before every answer */
  latencyMs: number;
  /** probability that a request fails as an internal error */
  errorRate: number;
  /** probability that a request is rate-limited */
  rateLimitRate: number;
  /** every request answered as "down for maintenance" */
  maintenance: boolean;
}

/** Settings of a source with no fault. */
export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  rateLimitRate: 0,
  maintenance: false,
});

const ZRate = z.number().min(0).max(1);

/** A change to a source's fault settings, as `PUT /__sandbox/faults` accepts it: any subset of the keys. */
export const ZFaultSettingsPatch = z.strictObject({
  latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).optional(),
  errorRate: ZRate.optional(),
  rateLimitRate: ZRate.optional(),
  maintenance: z.boolean().optional(),
});
/** A partial {@link FaultSettings} as {@link ZFaultSettingsPatch} accepts it. */
export type TFaultSettingsPatch = z.infer<typeof ZFaultSettingsPatch>;

/** One line per zod issue, `path: message`, for answers an operator reads. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
