import { SOURCE_IDS, type SourceId } from '@hub/contracts';
import { z } from 'zod';
import { SandboxUsageError } from './sandbox-error';

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

const FLAG_SHAPE_ZH = '故障参数格式应为 <来源>:<类型>[=<值>]';
const FLAG_SHAPE_EN = 'a fault flag looks like <source>:<kind>[=<value>]';

/**
 * Parses a `--fault` flag such as `gov-cloud:latency=2000`, `mlps:error-rate=0.3` or
 * `video:maintenance`. Throws a {@link SandboxUsageError} (Chinese and English) that names what is wrong.
 */
export function parseFaultFlag(flag: string): FaultSpec {
  const colon = flag.indexOf(':');
  if (colon <= 0) {
    throw new SandboxUsageError(`${FLAG_SHAPE_ZH}，收到 "${flag}"`, `${FLAG_SHAPE_EN}, got "${flag}"`);
  }
  const source = flag.slice(0, colon);
  const rest = flag.slice(colon + 1);
  const eq = rest.indexOf('=');
  const kind = eq < 0 ? rest : rest.slice(0, eq);
  const raw = eq < 0 ? undefined : rest.slice(eq + 1);

  if (!isSourceId(source)) {
    const known = SOURCE_IDS.join(', ');
    throw new SandboxUsageError(
      `未知的来源 "${source}"，可选：${known}`,
      `unknown source "${source}", expected one of: ${known}`,
    );
  }
  if (!isFaultKind(kind)) {
    const known = FAULT_KINDS.join(', ');
    throw new SandboxUsageError(
      `未知的故障类型 "${kind}"，可选：${known}`,
      `unknown fault kind "${kind}", expected one of: ${known}`,
    );
  }
  if (kind === 'maintenance') {
    if (raw !== undefined) {
      throw new SandboxUsageError(
        `故障类型 maintenance 不带值，收到 "${flag}"`,
        `fault kind maintenance takes no value, got "${flag}"`,
      );
    }
    return { source, kind };
  }
  if (raw === undefined || raw.trim() === '') {
    const example = kind === 'latency' ? `${source}:latency=2000` : `${source}:${kind}=0.5`;
    throw new SandboxUsageError(
      `故障类型 ${kind} 需要一个值，例如 ${example}`,
      `fault kind ${kind} needs a value, e.g. ${example}`,
    );
  }
  const value = Number(raw);
  if (kind === 'latency') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_LATENCY_MS) {
      throw new SandboxUsageError(
        `延迟应为 0 到 ${MAX_LATENCY_MS} 之间的整数毫秒，收到 "${raw}"`,
        `latency must be whole milliseconds from 0 to ${MAX_LATENCY_MS}, got "${raw}"`,
      );
    }
    return { source, kind, value };
  }
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new SandboxUsageError(
      `${kind} 应为 0 到 1 之间的概率，收到 "${raw}"`,
      `${kind} must be a probability from 0 to 1, got "${raw}"`,
    );
  }
  return { source, kind, value };
}

function isSourceId(value: string): value is SourceId {
  return (SOURCE_IDS as readonly string[]).includes(value);
}

function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * Holds the fault settings of every source and lets them change while the servers run (the control
 * endpoint and tests go through here). Settings of sources that are not simulated yet are kept too, so
 * that a flag for them is not an error.
 */
export class FaultController {
  private readonly settings = new Map<SourceId, FaultSettings>();

  constructor(specs: readonly FaultSpec[] = []) {
    for (const source of SOURCE_IDS) this.settings.set(source, { ...NO_FAULTS });
    for (const spec of specs) this.apply(spec);
  }

  /** The current settings of one source (a copy). */
  get(source: SourceId): FaultSettings {
    return { ...this.current(source) };
  }

  /** Every source's current settings (copies). */
  snapshot(): Record<SourceId, FaultSettings> {
    return Object.fromEntries(SOURCE_IDS.map((s) => [s, this.get(s)])) as Record<SourceId, FaultSettings>;
  }

  /** Changes some of a source's settings; throws a {@link SandboxUsageError} on out-of-range values. */
  update(source: SourceId, patch: TFaultSettingsPatch): FaultSettings {
    const parsed = ZFaultSettingsPatch.safeParse(patch);
    if (!parsed.success) {
      const detail = describeZodError(parsed.error);
      throw new SandboxUsageError(`故障设置无效：${detail}`, `invalid fault settings: ${detail}`);
    }
    const next = { ...this.current(source) };
    for (const [key, value] of Object.entries(parsed.data) as [keyof FaultSettings, never][]) {
      if (value !== undefined) next[key] = value;
    }
    this.settings.set(source, next);
    return { ...next };
  }

  /** Applies one parsed `--fault` flag. */
  apply(spec: FaultSpec): FaultSettings {
    switch (spec.kind) {
      case 'latency':
        return this.update(spec.source, { latencyMs: spec.value });
      case 'error-rate':
        return this.update(spec.source, { errorRate: spec.value });
      case 'rate-limit':
        return this.update(spec.source, { rateLimitRate: spec.value });
      case 'maintenance':
        return this.update(spec.source, { maintenance: true });
    }
  }

  /** Clears the faults of one source, or of all when none is named. */
  reset(source?: SourceId): void {
    for (const s of source ? [source] : SOURCE_IDS) this.settings.set(s, { ...NO_FAULTS });
  }

  private current(source: SourceId): FaultSettings {
    const settings = this.settings.get(source);
    if (!settings) throw new SandboxUsageError(`未知的来源 "${source}"`, `unknown source "${source}"`);
    return settings;
  }
}
