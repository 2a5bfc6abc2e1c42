import { BASES, SEVERITIES } from '@hub/vocabulary';
import { z } from 'zod';
import { apiSchema, ZBilingual, ZDay, ZInstant, ZVerdict } from '../../openapi/api-schemas';
import { ZReviewDomain } from '../checks/checks.answers';

/** One published version of a pack's settings. */
export const ZPackVersionView = apiSchema(
  'PackVersion',
  z.object({
    packId: z.string(),
    version: z.number().int(),
    /** projects approved (立项) on or after it are judged under this version */
    effectiveFrom: ZDay,
    settings: z.record(z.string(), z.unknown()),
    confirmedRuleIds: z.array(z.string()),
    note: z.string(),
    publishedBy: z.string(),
    publishedAt: ZInstant,
  }),
);

/** A division code of a pack's city as people name it. */
export const ZDivisionView = apiSchema(
  'Division',
  z.object({
    code: z.string(),
    /** 岳阳市 (市本级) or 岳阳市岳阳楼区 (a county) */
    name: z.string(),
    /** 市本级 rather than a county */
    cityLevel: z.boolean(),
  }),
);

/** A JSON Schema property of a pack setting, as z.toJSONSchema writes it. */
export const ZSettingSchema: z.ZodType<SettingSchema> = apiSchema(
  'SettingSchema',
  z
    .object({
      type: z.string().optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      exclusiveMinimum: z.number().optional(),
      items: z.object({ type: z.string().optional(), enum: z.array(z.string()).optional() }).optional(),
      get properties() {
        return z.record(z.string(), ZSettingSchema).optional();
      },
    })
    .loose(),
);
export interface SettingSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: { type?: string; enum?: string[] };
  properties?: Record<string, SettingSchema>;
  [key: string]: unknown;
}

/** GET /api/packs: a policy pack, its defaults and the latest version's settings. */
export const ZPackSummary = apiSchema(
  'PackSummary',
  z.object({
    id: z.string(),
    /** the city: 岳阳 / Yueyang */
    name: ZBilingual,
    title: ZBilingual,
    divisionCode: z.string(),
    /** the city (市本级, first) and its counties */
    divisions: z.array(ZDivisionView),
    rules: z.number().int(),
    defaults: z.record(z.string(), z.unknown()),
    /** settings every rule reads through the engine (source freshness) */
    packWideSettings: z.array(z.string()),
    latestVersion: ZPackVersionView,
    settingsSchema: z.object({ properties: z.record(z.string(), ZSettingSchema).optional() }).loose(),
  }),
);

/** A rule as a reviewer reads it in the catalogue. */
export const ZRuleView = apiSchema(
  'Rule',
  z.object({
    id: z.string(),
    pack: z.string(),
    title: ZBilingual,
    clause: z.string(),
    basis: z.enum(BASES),
    /** a national-unverified rule's FAIL is shown as a warning until confirmed for the city */
    basisNote: ZBilingual.nullable(),
    severity: z.enum(SEVERITIES),
    domain: z.object({ id: ZReviewDomain, zh: z.string(), en: z.string() }),
    requirement: ZBilingual,
    sources: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
    /** the pack settings (thresholds) this rule reads; every rule also reads the pack-wide ones */
    settings: z.array(z.string()),
  }),
);

export const ZVerdictSide = apiSchema(
  'VerdictSide',
  z.object({ verdict: ZVerdict, warningOnly: z.boolean() }),
);

/** What a draft of a pack's settings would change before it is published. */
export const ZImpactPreview = apiSchema(
  'ImpactPreview',
  z.object({
    packId: z.string(),
    draftVersion: z.number().int(),
    effectiveFrom: ZDay,
    /** projects of the pack the draft would judge (approved on or after its date, not pinned) */
    projectsAffected: z.number().int(),
    projectsEvaluated: z.number().int(),
    flips: z.array(
      z.object({
        projectCode: z.string(),
        projectName: z.string(),
        ruleId: z.string(),
        from: ZVerdictSide,
        to: ZVerdictSide,
      }),
    ),
    /** projects whose readiness for acceptance would change */
    readinessChanges: z.array(z.object({ projectCode: z.string(), from: z.boolean(), to: z.boolean() })),
  }),
);

export const ZPinView = apiSchema(
  'PackPin',
  z.object({ projectCode: z.string(), pinned: z.number().int().nullable() }),
);
