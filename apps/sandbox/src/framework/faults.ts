import type { SourceId } from '@hub/contracts';
import { SANDBOX_SOURCE_IDS } from '../modules/modules.registry';
import {
  FAULT_KINDS,
  MAX_LATENCY_MS,
  NO_FAULTS,
  ZFaultSettingsPatch,
  describeZodError,
  type FaultKind,
  type FaultSettings,
  type FaultSpec,
  type TFaultSettingsPatch,
} from './fault-settings';
import { SandboxUsageError } from './sandbox-error';

// The modules import the settings alone: this file lists the simulated sources, which imports them.
export * from './fault-settings';

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
    const known = SANDBOX_SOURCE_IDS.join(', ');
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
  return SANDBOX_SOURCE_IDS.includes(value);
}

function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * Holds the fault settings of every source and lets them change while the servers run (the control
 * endpoint and tests go through here). Every source the sandbox has a simulator for has settings, also
 * when a run starts only some of them, so that a flag for one it left out is not an error.
 */
export class FaultController {
  private readonly settings = new Map<SourceId, FaultSettings>();

  constructor(specs: readonly FaultSpec[] = []) {
    for (const source of SANDBOX_SOURCE_IDS) this.settings.set(source, { ...NO_FAULTS });
    for (const spec of specs) this.apply(spec);
  }

  /** The current settings of one source (a copy). */
  get(source: SourceId): FaultSettings {
    return { ...this.current(source) };
  }

  /** Every source's current settings (copies). */
  snapshot(): Record<SourceId, FaultSettings> {
    return Object.fromEntries(SANDBOX_SOURCE_IDS.map((s) => [s, this.get(s)])) as Record<
      SourceId,
      FaultSettings
    >;
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
    for (const s of source ? [source] : SANDBOX_SOURCE_IDS) this.settings.set(s, { ...NO_FAULTS });
  }

  private current(source: SourceId): FaultSettings {
    const settings = this.settings.get(source);
    if (!settings) throw new SandboxUsageError(`未知的来源 "${source}"`, `unknown source "${source}"`);
    return settings;
  }
}
