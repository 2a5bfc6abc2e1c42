import { type TProject, type TSandboxDataset, ZInstant } from '@hub/contracts';
import { SandboxUsageError } from '../framework/sandbox-error';
import { DEMO_CITIES, SYSTEM_THEMES, type DemoPackId, type SystemTheme } from './demo-catalogue';
import { DemoCityBuilder } from './demo-city.builder';
import { applyDefects, mixedPlan } from './demo-mix';
import { baselinePlan, type ProjectPlan } from './demo-plan';
import {
  BASELINE_EXPECTED,
  DESIGNED_SCENARIOS,
  type DesignedScenario,
  type DesignedVerdict,
} from './demo-scenarios';
import { addStrayRecords } from './demo-strays';
import { createPrng } from './prng';

/** A project built to show one behaviour of the rules, with the verdicts the hub must reach on it. */
export interface DesignedProject {
  /** 项目编码 */
  code: string;
  /** what the project shows, in Chinese, e.g. 县级项目购买方式错误 */
  scenario: string;
  /** rule id → expected verdict, for every rule of the project's pack */
  expected: Record<string, DesignedVerdict>;
}

/** Options of {@link generateDemoCity}. */
export interface DemoCityOptions {
  /** the instant every record's time is relative to (ISO-8601 with offset); becomes `dataset.now` */
  now: string;
  /** PRNG seed; the same seed and `now` give the same city */
  seed?: number;
  /** total number of projects, designed ones included; at least {@link DEMO_MIN_PROJECTS} */
  projects?: number;
}

/** A generated demo city. */
export interface DemoCity {
  dataset: TSandboxDataset;
  projects: TProject[];
  designed: DesignedProject[];
}

/** Fewer projects would make the seeded mix too thin to look like a city's annual plan. */
export const DEMO_MIN_PROJECTS = 80;
/** Number of projects when none is asked for. */
export const DEMO_DEFAULT_PROJECTS = 96;
/** Seed when none is given, so that two demos on two machines show the same city. */
export const DEMO_DEFAULT_SEED = 20_240_601;

/** Share of the seeded mix that is Yueyang's; the rest is Chenzhou's. */
const YUEYANG_SHARE = 0.6;

/**
 * Generates the demo city: projects of Yueyang and Chenzhou with their records in all five upstream
 * systems (gov-cloud, data exchange, MLPS, video, service platforms). The designed scenarios
 * (`designed`) come first, then a seeded, mostly compliant mix up to `projects`, plus records that
 * belong to no project, tombstones and deliberately invalid records. Deterministic for the same options;
 * every time is relative to `now`.
 */
export function generateDemoCity(options: DemoCityOptions): DemoCity {
  assertInstant(options.now);
  const total = options.projects ?? DEMO_DEFAULT_PROJECTS;
  if (!Number.isInteger(total) || total < DEMO_MIN_PROJECTS) {
    throw new SandboxUsageError(
      `项目数应为不少于 ${DEMO_MIN_PROJECTS} 的整数，收到 ${total}`,
      `projects must be a whole number of at least ${DEMO_MIN_PROJECTS}, got ${total}`,
    );
  }
  const builder = builderFor(options);

  const designed = DESIGNED_SCENARIOS.map((s) => designedProject(builder, s));
  const mixed = total - designed.length;
  const yueyang = Math.round(mixed * YUEYANG_SHARE);
  for (let i = 0; i < mixed; i++) mixedProject(builder, i < yueyang ? 'yueyang' : 'chenzhou');
  addStrayRecords(builder);

  return { ...cityOf(builder, options.now), designed };
}

/** A project built from a plan of its own (see {@link buildPlannedCity}). */
export interface PlannedProject {
  pack: DemoPackId;
  /** one of the demo's system themes; projects of one department's themes in one county share a unit */
  system: string;
  /** county division code; absent for 市本级 */
  county?: string;
  /** e.g. `baselinePlan(pack)` with a few changes */
  plan: ProjectPlan;
}

/**
 * A dataset of only the planned projects and their records, built as the demo city builds its designed
 * ones (valid against the contracts unless a plan breaks a record), for tests that need a small city of
 * their own. Deterministic for the same options.
 */
export function buildPlannedCity(options: {
  now: string;
  seed?: number;
  projects: readonly PlannedProject[];
}): Omit<DemoCity, 'designed'> {
  assertInstant(options.now);
  const builder = builderFor(options);
  for (const p of options.projects) buildPlanned(builder, p);
  return cityOf(builder, options.now);
}

function assertInstant(now: string): void {
  if (!ZInstant.safeParse(now).success) {
    throw new SandboxUsageError(
      `now 应为带时区的 ISO-8601 时间，例如 2025-06-30T09:00:00+08:00，收到 "${now}"`,
      `now must be an ISO-8601 instant with offset, e.g. 2025-06-30T09:00:00+08:00, got "${now}"`,
    );
  }
}

function builderFor(options: { now: string; seed?: number }): DemoCityBuilder {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) {
    throw new SandboxUsageError(`seed 应为整数，收到 ${seed}`, `seed must be a whole number, got ${seed}`);
  }
  return new DemoCityBuilder(createPrng(seed), Date.parse(options.now));
}

function cityOf(b: DemoCityBuilder, now: string): Omit<DemoCity, 'designed'> {
  return {
    dataset: {
      now,
      govCloud: { tenants: b.tenants, resources: b.resources },
      dataExchange: { systems: b.systems, catalog: b.catalog, stats: b.stats },
      mlps: { filings: b.filings },
      video: { platforms: b.platforms, devices: b.devices },
      servicePlatforms: { ywtb: b.ywtb, ybyh: b.ybyh, brain: b.brain },
    },
    projects: b.projects,
  };
}

function buildPlanned(builder: DemoCityBuilder, p: PlannedProject): TProject {
  const city = DEMO_CITIES[p.pack];
  const theme = themeOf(p.system);
  return builder.build({ city, unit: builder.unit(city, p.county, theme), theme, plan: p.plan });
}

function designedProject(builder: DemoCityBuilder, s: DesignedScenario): DesignedProject {
  const plan = baselinePlan(s.pack);
  s.vary?.(plan);
  const project = buildPlanned(builder, { pack: s.pack, system: s.system, county: s.county, plan });
  return {
    code: project.code,
    scenario: s.scenario,
    expected: { ...BASELINE_EXPECTED[s.pack], ...s.expected },
  };
}

function mixedProject(builder: DemoCityBuilder, pack: DemoPackId): void {
  const rng = builder.rng;
  const city = DEMO_CITIES[pack];
  const county = rng.chance(pack === 'yueyang' ? 0.35 : 0.3) ? rng.pick(city.counties).code : undefined;
  // County projects stay out of the key domains the Yueyang measures reserve for city-wide projects.
  const themes = SYSTEM_THEMES.filter(
    (t) => !t.designedOnly && (!county || t.domain === '政务服务' || t.domain === '其他'),
  );
  const theme = rng.pick(themes);
  const plan = mixedPlan(rng, pack, theme, county !== undefined, rng.int(430, 760));
  applyDefects(rng, pack, plan, county !== undefined);
  builder.build({ city, unit: builder.unit(city, county, theme), theme, plan });
}

function themeOf(system: string): SystemTheme {
  const theme = SYSTEM_THEMES.find((t) => t.system === system);
  if (!theme) throw new RangeError(`no system theme named ${system}`);
  return theme;
}
